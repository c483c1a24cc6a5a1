package org.xenwbem.tests;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Requests shaped like those of Microsoft's WinRM client (winrm.cmd / WSMan.Automation, as SCVMM
 * uses it), reconstructed from MS-WSMV (see shared/reference/wsman-clients.md §3): one-line bodies,
 * prefixes s/a/n/w/p/b, upper-case {@code uuid:} MessageIDs, MaxEnvelopeSize 512000 with
 * mustUnderstand, {@code PT60.000S}, Locale and DataLocale, SessionId, and the robust-connection
 * headers OperationID and SequenceId that a server must not echo. Not third-party code.
 */
public final class WinrmShapes {
    public static final String ENUMERATE = "http://schemas.xmlsoap.org/ws/2004/09/enumeration/Enumerate";
    public static final String PULL = "http://schemas.xmlsoap.org/ws/2004/09/enumeration/Pull";
    public static final String RELEASE = "http://schemas.xmlsoap.org/ws/2004/09/enumeration/Release";
    public static final String GET = "http://schemas.xmlsoap.org/ws/2004/09/transfer/Get";
    public static final String UTF8 = "application/soap+xml;charset=UTF-8";
    public static final String UTF16 = "application/soap+xml;charset=UTF-16";

    private final String to;
    private final String sessionId = upperUuid();

    /** @param to the endpoint URL, e.g. {@code https://127.0.0.1:5989/wsman} */
    public WinrmShapes(String to) {
        this.to = to;
    }

    public static String upperUuid() {
        return "uuid:" + UUID.randomUUID().toString().toUpperCase(Locale.ROOT);
    }

    /** A complete envelope (no XML declaration: {@link #encode} adds one for UTF-16). */
    public String envelope(String action, String resourceUri, String messageId, Map<String, String> selectors,
                           String body) {
        StringBuilder b = new StringBuilder(1024);
        b.append("<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\" ")
                .append("xmlns:a=\"http://schemas.xmlsoap.org/ws/2004/08/addressing\" ")
                .append("xmlns:n=\"http://schemas.xmlsoap.org/ws/2004/09/enumeration\" ")
                .append("xmlns:w=\"http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd\" ")
                .append("xmlns:p=\"http://schemas.microsoft.com/wbem/wsman/1/wsman.xsd\" ")
                .append("xmlns:b=\"http://schemas.dmtf.org/wbem/wsman/1/cimbinding.xsd\">")
                .append("<s:Header>")
                .append("<a:To>").append(to).append("</a:To>")
                .append("<w:ResourceURI s:mustUnderstand=\"true\">").append(resourceUri).append("</w:ResourceURI>")
                .append("<a:ReplyTo><a:Address s:mustUnderstand=\"true\">")
                .append("http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</a:Address></a:ReplyTo>")
                .append("<a:Action s:mustUnderstand=\"true\">").append(action).append("</a:Action>")
                .append("<w:MaxEnvelopeSize s:mustUnderstand=\"true\">512000</w:MaxEnvelopeSize>")
                .append("<a:MessageID>").append(messageId).append("</a:MessageID>")
                .append("<w:Locale xml:lang=\"en-US\" s:mustUnderstand=\"false\" />")
                .append("<p:DataLocale xml:lang=\"en-US\" s:mustUnderstand=\"false\" />")
                .append("<p:SessionId s:mustUnderstand=\"false\">").append(sessionId).append("</p:SessionId>")
                .append("<p:OperationID s:mustUnderstand=\"false\">").append(upperUuid()).append("</p:OperationID>")
                .append("<p:SequenceId s:mustUnderstand=\"false\">1</p:SequenceId>");
        if (selectors != null && !selectors.isEmpty()) {
            b.append("<w:SelectorSet>");
            selectors.forEach((k, v) -> b.append("<w:Selector Name=\"").append(k).append("\">").append(v)
                    .append("</w:Selector>"));
            b.append("</w:SelectorSet>");
        }
        b.append("<w:OperationTimeout>PT60.000S</w:OperationTimeout>")
                .append("</s:Header><s:Body>").append(body).append("</s:Body></s:Envelope>");
        return b.toString();
    }

    /** winrm id: no addressing headers at all. */
    public static String identify() {
        return "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\" "
                + "xmlns:wsmid=\"http://schemas.dmtf.org/wbem/wsman/identity/1/wsmanidentity.xsd\">"
                + "<s:Header/><s:Body><wsmid:Identify/></s:Body></s:Envelope>";
    }

    /** winrm enum: optimized with MaxElements 32000 (MS-WSMV §3.2.4.1.11), or a bare Enumerate. */
    public String enumerate(String resourceUri, String messageId, boolean optimized) {
        String body = optimized
                ? "<n:Enumerate><w:OptimizeEnumeration/><w:MaxElements>32000</w:MaxElements></n:Enumerate>"
                : "<n:Enumerate/>";
        return envelope(ENUMERATE, resourceUri, messageId, null, body);
    }

    public String pull(String resourceUri, String messageId, String context) {
        return envelope(PULL, resourceUri, messageId, null, "<n:Pull><n:EnumerationContext>" + context
                + "</n:EnumerationContext><n:MaxElements>32000</n:MaxElements></n:Pull>");
    }

    public String release(String resourceUri, String messageId, String context) {
        return envelope(RELEASE, resourceUri, messageId, null,
                "<n:Release><n:EnumerationContext>" + context + "</n:EnumerationContext></n:Release>");
    }

    public String get(String resourceUri, String messageId, Map<String, String> selectors) {
        return envelope(GET, resourceUri, messageId, selectors, "");
    }

    /**
     * The bytes winrm puts on the wire for {@code -encoding:utf-8} (no declaration) or
     * {@code -encoding:utf-16}: UTF-16LE with a BOM and an {@code encoding="utf-16"} declaration.
     */
    public static byte[] encode(String xml, String contentType) {
        if (contentType.endsWith("UTF-16")) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(0xFF);
            out.write(0xFE);
            out.writeBytes(("<?xml version=\"1.0\" encoding=\"utf-16\"?>" + xml).getBytes(StandardCharsets.UTF_16LE));
            return out.toByteArray();
        }
        return xml.getBytes(StandardCharsets.UTF_8);
    }

    /** Posts {@code xml} to the endpoint, encoded as {@link #encode} does, and reads the answer. */
    public SoapReply send(HttpClient http, String xml, String contentType) throws Exception {
        return SoapReply.of(RawHttps.send(http, RawHttps.post(to, encode(xml, contentType), contentType)));
    }
}
