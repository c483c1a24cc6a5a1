package org.xenwbem.bridge.xmlrpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class XmlRpcCodecTest {
    private final XmlRpcReader reader = new XmlRpcReader();

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void encodesLoginCallExactlyLikeOcamlRpc() {
        String xml = XmlRpcWriter.methodCall("session.login_with_password",
                List.of("root", "p<w>&d".toCharArray(), "2.0", "xenwbem"));
        assertEquals("<?xml version=\"1.0\"?><methodCall><methodName>session.login_with_password</methodName>"
                + "<params><param><value>root</value></param><param><value>p&lt;w&gt;&amp;d</value></param>"
                + "<param><value>2.0</value></param><param><value>xenwbem</value></param></params></methodCall>", xml);
    }

    @Test
    void encodesEveryXenApiTypeInItsWireForm() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("s", "OpaqueRef:abc");
        m.put("i64", 17179869184L);
        m.put("i32", 3);
        m.put("b", true);
        m.put("f", 30.0);
        m.put("d", Instant.parse("2024-04-20T12:00:00Z"));
        m.put("set", List.of("a", "b"));
        m.put("nil", null);
        assertEquals("<value><struct>"
                + "<member><name>s</name><value>OpaqueRef:abc</value></member>"
                + "<member><name>i64</name><value>17179869184</value></member>"
                + "<member><name>i32</name><value><i4>3</i4></value></member>"
                + "<member><name>b</name><value><boolean>1</boolean></value></member>"
                + "<member><name>f</name><value><double>30</double></value></member>"
                + "<member><name>d</name><value><dateTime.iso8601>20240420T12:00:00Z</dateTime.iso8601></value></member>"
                + "<member><name>set</name><value><array><data><value>a</value><value>b</value></data></array></value></member>"
                + "<member><name>nil</name><value><nil/></value></member>"
                + "</struct></value>", XmlRpcWriter.value(m));
    }

    @Test
    void formatsDoublesLikePrintfG16() {
        assertEquals("30", XmlRpcWriter.formatDouble(30.0));
        assertEquals("0.5", XmlRpcWriter.formatDouble(0.5));
        assertEquals("0.1", XmlRpcWriter.formatDouble(0.1));
        assertEquals("1e+20", XmlRpcWriter.formatDouble(1e20));
        assertEquals("1.5e-05", XmlRpcWriter.formatDouble(1.5e-5));
        assertEquals("-2.25", XmlRpcWriter.formatDouble(-2.25));
        assertEquals("0", XmlRpcWriter.formatDouble(0.0));
    }

    @Test
    void encodesSuccessAndFailureEnvelopes() {
        assertEquals("<?xml version=\"1.0\"?><methodResponse><params><param><value><struct>"
                + "<member><name>Status</name><value>Success</value></member>"
                + "<member><name>Value</name><value>OpaqueRef:1</value></member>"
                + "</struct></value></param></params></methodResponse>",
                XmlRpcWriter.methodResponse(new XenApiResult.Success("OpaqueRef:1").toStruct()));
        assertEquals("<?xml version=\"1.0\"?><methodResponse><params><param><value><struct>"
                + "<member><name>Status</name><value>Failure</value></member>"
                + "<member><name>ErrorDescription</name><value><array><data><value>HANDLE_INVALID</value>"
                + "<value>VM</value><value>OpaqueRef:x</value></data></array></value></member>"
                + "</struct></value></param></params></methodResponse>",
                XmlRpcWriter.methodResponse(new XenApiResult.Failure(List.of("HANDLE_INVALID", "VM", "OpaqueRef:x")).toStruct()));
    }

    @Test
    void decodesLenientFormsWithWhitespace() throws Exception {
        String xml = """
                <?xml version="1.0"?>
                <methodResponse>
                  <params>
                    <param>
                      <value>
                        <struct>
                          <member><name>untyped</name><value> keep spaces </value></member>
                          <member><name>string</name><value><string>typed</string></value></member>
                          <member><name>int</name><value><int>7</int></value></member>
                          <member><name>i4</name><value><i4>-3</i4></value></member>
                          <member><name>i8</name><value><i8>9000000000</i8></value></member>
                          <member><name>bool</name><value><boolean>0</boolean></value></member>
                          <member><name>double</name><value><double>0.25</double></value></member>
                          <member><name>dateZ</name><value><dateTime.iso8601>20240420T12:00:00Z</dateTime.iso8601></value></member>
                          <member><name>date</name><value><dateTime.iso8601>20240420T12:00:00</dateTime.iso8601></value></member>
                          <member><name>dashed</name><value><dateTime.iso8601>2024-04-20T12:00:00Z</dateTime.iso8601></value></member>
                          <member><name>nil</name><value><nil/></value></member>
                          <member><name>empty</name><value/></member>
                          <member><name>list</name><value><array><data>
                              <value>a</value>
                              <value><i4>1</i4></value>
                          </data></array></value></member>
                        </struct>
                      </value>
                    </param>
                  </params>
                </methodResponse>
                """;
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) reader.readResponse(utf8(xml));
        assertEquals(" keep spaces ", m.get("untyped"));
        assertEquals("typed", m.get("string"));
        assertEquals(7L, m.get("int"));
        assertEquals(-3L, m.get("i4"));
        assertEquals(9_000_000_000L, m.get("i8"));
        assertEquals(false, m.get("bool"));
        assertEquals(0.25, m.get("double"));
        Instant t = Instant.parse("2024-04-20T12:00:00Z");
        assertEquals(t, m.get("dateZ"));
        assertEquals(t, m.get("date"));
        assertEquals(t, m.get("dashed"));
        assertTrue(m.containsKey("nil"));
        assertNull(m.get("nil"));
        assertEquals("", m.get("empty"));
        assertEquals(List.of("a", 1L), m.get("list"));
    }

    @Test
    void roundTripsACall() throws Exception {
        Instant t = Instant.parse("2024-01-02T03:04:05Z");
        List<Object> params = List.of("OpaqueRef:s", List.of("vm", "host"), "", 30.0, true, t, 5L,
                Map.of("k", "v"));
        MethodCall call = reader.readCall(utf8(XmlRpcWriter.methodCall("event.from", params)));
        assertEquals("event.from", call.methodName());
        assertEquals(List.of("OpaqueRef:s", List.of("vm", "host"), "", 30.0, true, t, "5", Map.of("k", "v")),
                call.params());
    }

    @Test
    void readsCallWithoutParamsAndWithNil() throws Exception {
        MethodCall none = reader.readCall(utf8("<methodCall><methodName>x.y</methodName></methodCall>"));
        assertEquals(List.of(), none.params());
        MethodCall nil = reader.readCall(utf8(
                "<methodCall><methodName>x.y</methodName><params><param><value><nil/></value></param></params></methodCall>"));
        assertEquals(1, nil.params().size());
        assertNull(nil.params().get(0));
    }

    @Test
    void parsesTaskResultFragment() throws Exception {
        assertEquals("OpaqueRef:42", reader.readValueFragment("<value>OpaqueRef:42</value>"));
        assertEquals("", reader.readValueFragment("<value></value>"));
    }

    @Test
    void readsEnvelope() throws Exception {
        XenApiResult ok = XenApiResult.fromStruct(Map.of("Status", "Success", "Value", "x"));
        assertEquals("x", ((XenApiResult.Success) ok).value());
        XenApiResult failed = XenApiResult.fromStruct(Map.of("Status", "Failure",
                "ErrorDescription", List.of("SESSION_INVALID", "OpaqueRef:s")));
        assertEquals(List.of("SESSION_INVALID", "OpaqueRef:s"), ((XenApiResult.Failure) failed).errorDescription());
        assertThrows(XmlRpcFormatException.class, () -> XenApiResult.fromStruct(Map.of("Status", "Maybe")));
        assertThrows(XmlRpcFormatException.class, () -> XenApiResult.fromStruct("not a struct"));
    }

    @Test
    void rejectsDoctypeAndExternalEntities() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE m [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<methodCall><methodName>&x;</methodName></methodCall>";
        assertThrows(XmlRpcFormatException.class, () -> reader.readCall(utf8(xxe)));
        String bomb = "<?xml version=\"1.0\"?><!DOCTYPE m [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;&a;\">]>"
                + "<methodCall><methodName>&b;</methodName></methodCall>";
        assertThrows(XmlRpcFormatException.class, () -> reader.readCall(utf8(bomb)));
    }

    @Test
    void rejectsMalformedBodies() {
        for (String bad : List.of("", "not xml", "<methodCall></methodCall>",
                "<methodCall><methodName>a</methodName><params><param><value><int>x</int></value></param></params></methodCall>",
                "<methodCall><methodName>a</methodName><params><param><value>t<i4>1</i4></value></param></params></methodCall>",
                "<methodCall><methodName>a</methodName><params><param><value><blob/></value></param></params></methodCall>")) {
            assertThrows(XmlRpcFormatException.class, () -> reader.readCall(utf8(bad)), bad);
        }
        assertThrows(XmlRpcFormatException.class, () -> reader.readResponse(utf8(
                "<methodResponse><fault><value><struct/></value></fault></methodResponse>")));
    }

    @Test
    void limitsBodySizeAndNesting() throws Exception {
        XmlRpcReader small = new XmlRpcReader(16);
        assertInstanceOf(byte[].class, small.readBody(new ByteArrayInputStream(new byte[16])));
        assertThrows(BodyTooLargeException.class, () -> small.readBody(new ByteArrayInputStream(new byte[17])));
        String deep = "<value><array><data>".repeat(100) + "</data></array></value>".repeat(100);
        String call = "<methodCall><methodName>a</methodName><params><param>" + deep + "</param></params></methodCall>";
        assertThrows(XmlRpcFormatException.class, () -> reader.readCall(utf8(call)));
    }

    @Test
    void decodesBase64() throws Exception {
        assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) reader.readValueFragment("<value><base64>AQID</base64></value>"));
    }
}
