package org.xenwbem.bridge.xmlrpc;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

/**
 * Fuzz test (issue #14) of the bridge's XML-RPC reader, every entry point over the same bytes: a
 * call (what the simulated pool reads), a response, a streamed XenAPI result with a member sink (what
 * the bridge reads from xapi; the byte cap holds) and a value fragment. The only fault is an
 * {@link XmlRpcFormatException} (a body over the cap: {@link BodyTooLargeException}). Regression mode
 * over {@code XmlRpcReaderFuzzTestInputs} (xapi's answers and calls) in every build; fuzzing in the
 * fuzzing benchmark.
 */
class XmlRpcReaderFuzzTest {
    /** Small, so the fuzzer also crosses the streaming cap. */
    private static final int CAP = 16 * 1024;
    private static final XmlRpcReader READER = new XmlRpcReader(CAP);

    @FuzzTest(maxDuration = "30s")
    void readEveryWay(byte[] input) throws Exception {
        try {
            READER.readCall(input);
        } catch (XmlRpcFormatException expected) {
            // the documented fault
        }
        try {
            READER.readResponse(input);
        } catch (XmlRpcFormatException expected) {
            // the documented fault
        }
        long[] members = {0};
        try {
            READER.readResult(new ByteArrayInputStream(input), CAP, (name, value) -> members[0]++);
        } catch (XmlRpcFormatException e) {
            if (input.length <= CAP && e.getCause() instanceof BodyTooLargeException) {
                throw new AssertionError("cap hit on " + input.length + " bytes", e);
            }
        }
        if (members[0] > input.length) {
            throw new AssertionError(members[0] + " members from " + input.length + " bytes");
        }
        try {
            READER.readValueFragment(new String(input, StandardCharsets.UTF_8));
        } catch (XmlRpcFormatException expected) {
            // the documented fault
        }
    }
}
