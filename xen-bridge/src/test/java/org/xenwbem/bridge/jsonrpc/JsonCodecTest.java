package org.xenwbem.bridge.jsonrpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xenwbem.bridge.xmlrpc.XenApiResult;

class JsonCodecTest {
    @Test
    void readsEveryJsonType() throws Exception {
        Object v = JsonReader.parse(" {\"s\":\"a\\u00e9\\n\\\"\",\"i\":-42,\"big\":12345678901234567890,\"d\":1.5e3,"
                + "\"t\":true,\"f\":false,\"n\":null,\"l\":[1,[2]],\"o\":{}} ");
        Map<?, ?> m = (Map<?, ?>) v;
        assertEquals("aé\n\"", m.get("s"));
        assertEquals(-42L, m.get("i"));
        assertInstanceOf(Double.class, m.get("big"));
        assertEquals(1500.0, m.get("d"));
        assertEquals(true, m.get("t"));
        assertEquals(false, m.get("f"));
        assertTrue(m.containsKey("n"));
        assertEquals(List.of(1L, List.of(2L)), m.get("l"));
        assertEquals(Map.of(), m.get("o"));
    }

    @Test
    void rejectsMalformedAndUnboundedInput() {
        for (String bad : List.of("", "{", "[1,]", "{\"a\":1,\"a\":2}", "01", "1.", "\"\u0001\"", "tru", "[1] x",
                "{\"a\" 1}", "\"\\x\"")) {
            assertThrows(JsonFormatException.class, () -> JsonReader.parse(bad), bad);
        }
        String deep = "[".repeat(100) + "]".repeat(100);
        assertThrows(JsonFormatException.class, () -> JsonReader.parse(deep, 1000, 64));
        assertThrows(JsonFormatException.class, () -> JsonReader.parse("[1,2,3]", 4, 64));
    }

    @Test
    void writesXapiForms() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("i", 5L);
        m.put("i32", 7);
        m.put("d", 0.5);
        m.put("t", Instant.parse("2024-04-20T12:00:00Z"));
        m.put("pw", "p\"w".toCharArray());
        m.put("nan", Double.NaN);
        m.put("l", List.of("a", true));
        m.put("n", null);
        assertEquals("{\"i\":5,\"i32\":7,\"d\":0.5,\"t\":\"20240420T12:00:00Z\",\"pw\":\"p\\\"w\",\"nan\":\"NaN\","
                + "\"l\":[\"a\",true],\"n\":null}", JsonWriter.write(m));
    }

    @Test
    void v2RequestAndErrorAsXapiSendsThem() throws Exception {
        assertEquals("{\"jsonrpc\":\"2.0\",\"method\":\"VM.get_all\",\"params\":[\"s\"],\"id\":3}",
                JsonRpcCodec.request(JsonRpcVersion.V2, 3, "VM.get_all", List.of("s")));
        JsonRpcRequest req = JsonRpcCodec.readRequest("{\"jsonrpc\":\"2.0\",\"method\":\"VM.get_all\",\"params\":[\"s\"],"
                + "\"id\":\"x\"}", 1000, 10);
        assertEquals(JsonRpcVersion.V2, req.version());
        String answer = JsonRpcCodec.response(req, new XenApiResult.Failure(List.of("HANDLE_INVALID", "VM", "OpaqueRef:1")));
        assertEquals("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":1,\"message\":\"HANDLE_INVALID\",\"data\":[\"VM\","
                + "\"OpaqueRef:1\"]},\"id\":\"x\"}", answer);
        XenApiResult back = JsonRpcCodec.readResponse(answer, 1000);
        assertEquals(List.of("HANDLE_INVALID", "VM", "OpaqueRef:1"), ((XenApiResult.Failure) back).errorDescription());
        assertThrows(JsonFormatException.class, () -> JsonRpcCodec.readRequest(
                "{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"params\":[]}", 1000, 10), "v2 needs an id");
    }

    @Test
    void v1ResultAndError() throws Exception {
        JsonRpcRequest req = JsonRpcCodec.readRequest("{\"method\":\"m\",\"params\":[1],\"id\":7}", 1000, 10);
        assertEquals(JsonRpcVersion.V1, req.version());
        assertEquals("{\"result\":42,\"error\":null,\"id\":7}", JsonRpcCodec.response(req, new XenApiResult.Success(42L)));
        String err = JsonRpcCodec.response(req, new XenApiResult.Failure(List.of("SESSION_INVALID", "x")));
        assertEquals("{\"result\":null,\"error\":[\"SESSION_INVALID\",\"x\"],\"id\":7}", err);
        assertEquals(42L, ((XenApiResult.Success) JsonRpcCodec.readResponse("{\"result\":42,\"error\":null,\"id\":7}",
                100)).value());
        assertEquals(List.of("SESSION_INVALID", "x"),
                ((XenApiResult.Failure) JsonRpcCodec.readResponse(err, 100)).errorDescription());
    }
}
