package org.xenwbem.bridge.jsonrpc;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;

/**
 * Fuzz test (issue #14) of the bridge's JSON-RPC reader: the same text as a value, a request and a
 * response; the only fault is a {@link JsonFormatException} (no stack overflow past the depth cap,
 * no number surprise), and the character cap holds. Regression mode over
 * {@code JsonRpcFuzzTestInputs} (xapi's v1 and v2 requests and answers) in every build; fuzzing in
 * the fuzzing benchmark.
 */
class JsonRpcFuzzTest {
    private static final int CAP = 16 * 1024;

    @FuzzTest(maxDuration = "30s")
    void readEveryWay(byte[] input) {
        String text = new String(input, StandardCharsets.UTF_8);
        try {
            JsonReader.parse(text, CAP, JsonReader.DEFAULT_MAX_DEPTH);
            if (text.length() > CAP) {
                throw new AssertionError(text.length() + " characters accepted over the cap of " + CAP);
            }
        } catch (JsonFormatException expected) {
            // the documented fault
        }
        try {
            JsonRpcCodec.readRequest(text, CAP, JsonReader.DEFAULT_MAX_DEPTH);
        } catch (JsonFormatException expected) {
            // the documented fault
        }
        try {
            JsonRpcCodec.readResponse(text, CAP);
        } catch (JsonFormatException expected) {
            // the documented fault
        }
    }
}
