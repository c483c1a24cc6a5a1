package org.xenwbem.provider.doctor;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSocketFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;
import org.xenwbem.tls.OutboundTrust;

/**
 * The doctor's WS-Man client: Identify (anonymous) and an optimized Enumerate of
 * {@code Xen_HostComputerSystem} over HTTPS with Basic credentials. The server is verified by the
 * tls module's {@link OutboundTrust} (the doctor pins the daemon's own certificate), so Basic
 * credentials go only to the daemon they are meant for; it captures the certificate the daemon serves.
 */
final class WsmanProbe {
    static final String HOST_CLASS_URI = "http://schemas.citrix.com/wbem/wscim/1/cim-schema/2/Xen_HostComputerSystem";
    private static final String IDENTIFY = "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\" "
            + "xmlns:wsmid=\"http://schemas.dmtf.org/wbem/wsman/identity/1/wsmanidentity.xsd\">"
            + "<s:Header/><s:Body><wsmid:Identify/></s:Body></s:Envelope>";

    /** One HTTP exchange: status, body, and the certificate chain the server presented. */
    record Response(int status, String body, List<X509Certificate> chain) {
    }

    private final String url;
    private final int timeoutMillis;
    private final SSLSocketFactory tls;

    WsmanProbe(String host, int port, int timeoutSeconds, OutboundTrust trust) {
        this.url = url(host, port);
        this.timeoutMillis = timeoutSeconds * 1000;
        this.tls = trust.clientContext().getSocketFactory();
    }

    /** The WS-Man URL of the daemon on {@code host}:{@code port}. */
    static String url(String host, int port) {
        String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return "https://" + h + ":" + port + "/wsman";
    }

    Response identify() throws IOException {
        return post(IDENTIFY, null, null);
    }

    Response enumerateHosts(String user, char[] password) throws IOException {
        String body = "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\""
                + " xmlns:a=\"http://schemas.xmlsoap.org/ws/2004/08/addressing\""
                + " xmlns:n=\"http://schemas.xmlsoap.org/ws/2004/09/enumeration\""
                + " xmlns:w=\"http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd\"><s:Header>"
                + "<a:To>" + url + "</a:To>"
                + "<w:ResourceURI s:mustUnderstand=\"true\">" + HOST_CLASS_URI + "</w:ResourceURI>"
                + "<a:ReplyTo><a:Address s:mustUnderstand=\"true\">"
                + "http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</a:Address></a:ReplyTo>"
                + "<a:Action s:mustUnderstand=\"true\">http://schemas.xmlsoap.org/ws/2004/09/enumeration/Enumerate</a:Action>"
                + "<w:MaxEnvelopeSize s:mustUnderstand=\"true\">512000</w:MaxEnvelopeSize>"
                + "<a:MessageID>uuid:" + UUID.randomUUID() + "</a:MessageID>"
                + "<w:OperationTimeout>PT60S</w:OperationTimeout></s:Header><s:Body><n:Enumerate>"
                + "<w:OptimizeEnumeration/><w:MaxElements>256</w:MaxElements></n:Enumerate></s:Body></s:Envelope>";
        return post(body, user, password);
    }

    private Response post(String body, String user, char[] password) throws IOException {
        HttpsURLConnection c = (HttpsURLConnection) new URL(url).openConnection();
        try {
            c.setSSLSocketFactory(tls); // the default host name verifier: the trust manager checks names
            c.setConnectTimeout(timeoutMillis);
            c.setReadTimeout(timeoutMillis);
            c.setRequestMethod("POST");
            c.setDoOutput(true);
            c.setRequestProperty("Content-Type", "application/soap+xml;charset=UTF-8");
            if (user == null) {
                c.setRequestProperty("WSMANIDENTIFY", "unauthenticated");
            } else {
                String token = user + ":" + new String(password);
                c.setRequestProperty("Authorization",
                        "Basic " + Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8)));
            }
            c.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
            int status = c.getResponseCode();
            List<X509Certificate> chain = new ArrayList<>();
            for (Certificate cert : c.getServerCertificates()) {
                if (cert instanceof X509Certificate x) {
                    chain.add(x);
                }
            }
            InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream();
            String text = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new Response(status, text, chain);
        } finally {
            c.disconnect();
        }
    }

    /** Text of every element with this local name, in document order. */
    static List<String> texts(String xml, String localName) throws IOException {
        try {
            Document d = InstallManifest.newBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
            NodeList nodes = d.getElementsByTagNameNS("*", localName);
            List<String> out = new ArrayList<>();
            for (int i = 0; i < nodes.getLength(); i++) {
                out.add(((Element) nodes.item(i)).getTextContent().strip());
            }
            return out;
        } catch (SAXException | ParserConfigurationException e) {
            throw new IOException("the answer is not well-formed XML: " + e.getMessage(), e);
        }
    }
}
