package org.xenwbem.tests;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The requests of issue #17 that read the whole catalog: a WS-Man Enumerate of CIM_ManagedElement
 * (polymorphic over every class) with OptimizeEnumeration, MaxElements 1000000 and no
 * MaxEnvelopeSize; Pull and Release of its context; a CIM-XML EnumerateInstances of
 * CIM_ManagedElement. Sent as any user. Public for the bench package.
 */
public final class WholeCatalog {
    public static final String CIM_MANAGED_ELEMENT = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_ManagedElement";
    private static final String WSEN = "http://schemas.xmlsoap.org/ws/2004/09/enumeration/";
    private static final Pattern CONTEXT = Pattern.compile("<wsen:EnumerationContext>([^<]+)</wsen:EnumerationContext>");

    private WholeCatalog() {
    }

    static String envelope(String to, String action, String uri, String headers, String body) {
        return "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\" "
                + "xmlns:a=\"http://schemas.xmlsoap.org/ws/2004/08/addressing\" "
                + "xmlns:n=\"http://schemas.xmlsoap.org/ws/2004/09/enumeration\" "
                + "xmlns:w=\"http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd\"><s:Header>"
                + "<a:To>" + to + "</a:To>"
                + "<w:ResourceURI s:mustUnderstand=\"true\">" + uri + "</w:ResourceURI>"
                + "<a:ReplyTo><a:Address s:mustUnderstand=\"true\">"
                + "http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</a:Address></a:ReplyTo>"
                + "<a:Action s:mustUnderstand=\"true\">" + WSEN + action + "</a:Action>"
                + "<a:MessageID>uuid:" + UUID.randomUUID() + "</a:MessageID>" + (headers == null ? "" : headers)
                + "</s:Header><s:Body>" + body + "</s:Body></s:Envelope>";
    }

    /** The reproduction: everything at once, no envelope limit. */
    public static String enumerateEverything(String to) {
        return envelope(to, "Enumerate", CIM_MANAGED_ELEMENT, null,
                "<n:Enumerate><w:OptimizeEnumeration/><w:MaxElements>1000000</w:MaxElements></n:Enumerate>");
    }

    /** An Enumerate that only opens a context. */
    public static String open(String to, String uri, String headers) {
        return envelope(to, "Enumerate", uri, headers, "<n:Enumerate/>");
    }

    public static String pull(String to, String context) {
        return envelope(to, "Pull", CIM_MANAGED_ELEMENT, null, "<n:Pull><n:EnumerationContext>" + context
                + "</n:EnumerationContext><n:MaxElements>1000000</n:MaxElements></n:Pull>");
    }

    public static String release(String to, String context) {
        return envelope(to, "Release", CIM_MANAGED_ELEMENT, null,
                "<n:Release><n:EnumerationContext>" + context + "</n:EnumerationContext></n:Release>");
    }

    /** The context in a response, or null. */
    public static String context(String xml) {
        Matcher m = CONTEXT.matcher(xml);
        return m.find() ? m.group(1) : null;
    }

    public static HttpResponse<byte[]> wsman(HttpClient http, String url, String user, String password, String xml)
            throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/soap+xml;charset=UTF-8")
                .header("Authorization", RawHttps.basic(user, password))
                .POST(HttpRequest.BodyPublishers.ofString(xml, StandardCharsets.UTF_8)).build();
        return http.send(req, HttpResponse.BodyHandlers.ofByteArray());
    }

    /** CIM-XML EnumerateInstances of CIM_ManagedElement; read the body with {@link CimXmlTally#of}. */
    public static HttpResponse<InputStream> enumerateInstances(HttpClient http, String url, String user, String password)
            throws Exception {
        String body = "<?xml version=\"1.0\" encoding=\"utf-8\"?><CIM CIMVERSION=\"2.0\" DTDVERSION=\"2.0\">"
                + "<MESSAGE ID=\"17\" PROTOCOLVERSION=\"1.0\"><SIMPLEREQ><IMETHODCALL NAME=\"EnumerateInstances\">"
                + "<LOCALNAMESPACEPATH><NAMESPACE NAME=\"root\"/><NAMESPACE NAME=\"cimv2\"/></LOCALNAMESPACEPATH>"
                + "<IPARAMVALUE NAME=\"ClassName\"><CLASSNAME NAME=\"CIM_ManagedElement\"/></IPARAMVALUE>"
                + "</IMETHODCALL></SIMPLEREQ></MESSAGE></CIM>";
        HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(300))
                .header("Content-Type", "application/xml; charset=\"utf-8\"")
                .header("Authorization", RawHttps.basic(user, password))
                .header("CIMOperation", "MethodCall").header("CIMMethod", "EnumerateInstances")
                .header("CIMObject", "root%2Fcimv2")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        return http.send(req, HttpResponse.BodyHandlers.ofInputStream());
    }
}
