package org.xenwbem.provider.diskcli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSocketFactory;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The few WS-Management exchanges the disk command needs (DSP0226): Invoke of a method of
 * {@code Xen_StoragePoolManagementService}, Get of the job it returns until the job ends. Basic
 * credentials go only to the server the TLS socket factory verified; a SOAP fault or a failed job is a
 * {@link DiskCliException} with the server's own reason.
 */
final class WsmanClient {
    static final String XEN = "http://schemas.citrix.com/wbem/wscim/1/cim-schema/2/";
    private static final String SERVICE = "Xen_StoragePoolManagementService";
    private static final Map<String, String> SERVICE_KEYS = Map.of("CreationClassName", SERVICE,
            "Name", "XenServer SR Management Service", "SystemCreationClassName", "Xen_HostComputerSystem",
            "SystemName", "any");

    private final URI url;
    private final SSLSocketFactory tls;
    private final String auth;
    private final int timeoutMillis;

    WsmanClient(URI url, SSLSocketFactory tls, String user, char[] password, int timeoutSeconds) {
        this.url = url;
        this.tls = tls;
        this.auth = "Basic " + Base64.getEncoder().encodeToString((user + ":" + new String(password))
                .getBytes(StandardCharsets.UTF_8));
        this.timeoutMillis = timeoutSeconds * 1000;
    }

    /** A new disk's setting (CreateDiskImage's ResourceSetting): {@code mib} MiB in the SR, named {@code name}. */
    static String newDiskParameter(String sr, long mib, String name) {
        String c = XEN + "Xen_DiskSettingData";
        return "<q:ResourceSetting><c:Xen_DiskSettingData xmlns:c=\"" + c + "\"><c:ResourceType>19</c:ResourceType>"
                + "<c:PoolID>Xen:Shared/" + escape(sr) + "</c:PoolID><c:VirtualQuantity>" + mib + "</c:VirtualQuantity>"
                + "<c:AllocationUnits>byte*2^20</c:AllocationUnits><c:ElementName>" + escape(name) + "</c:ElementName>"
                + "</c:Xen_DiskSettingData></q:ResourceSetting>";
    }

    /** An EPR-valued parameter naming a Xen_DiskImage by its DeviceID (or a bare VDI uuid). */
    static String diskParameter(String disk) {
        return "<q:DiskImage><a:Address>" + a("anonymous") + "</a:Address><a:ReferenceParameters><w:ResourceURI>"
                + XEN + "Xen_DiskImage</w:ResourceURI>" + selectors(Map.of("CreationClassName", "Xen_DiskImage",
                "DeviceID", disk)) + "</a:ReferenceParameters></q:DiskImage>";
    }

    private static String a(String role) {
        return "http://schemas.xmlsoap.org/ws/2004/08/addressing/role/" + role;
    }

    /** Invokes a storage service method and waits for its job; returns the finished job's properties. */
    Document invokeAndWait(String method, String params, Duration timeout) throws DiskCliException, IOException {
        String uri = XEN + SERVICE;
        String body = "<q:" + method + "_INPUT xmlns:q=\"" + uri + "\">" + params + "</q:" + method + "_INPUT>";
        Document r = post(envelope(uri + "/" + method, uri, SERVICE_KEYS, body));
        String rc = text(r, "ReturnValue");
        if ("0".equals(rc)) {
            return r;
        }
        if (!"4096".equals(rc)) {
            throw new DiskCliException(method + " failed with return value " + rc);
        }
        return awaitJob(r, method, timeout);
    }

    private Document awaitJob(Document started, String method, Duration timeout) throws DiskCliException, IOException {
        String resource = text(started, "ResourceURI");
        String id = selector(started, "InstanceID");
        if (resource == null || id == null) {
            throw new DiskCliException(method + " answered no job");
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        do {
            Document job = post(envelope("http://schemas.xmlsoap.org/ws/2004/09/transfer/Get", resource,
                    Map.of("InstanceID", id), ""));
            String state = text(job, "JobState");
            if ("7".equals(state)) {
                return job;
            }
            if (state != null && state.matches("8|9|10|11")) {
                throw new DiskCliException(method + " failed: " + text(job, "ErrorDescription"));
            }
            sleep();
        } while (System.nanoTime() < deadline);
        throw new DiskCliException(method + " did not finish within " + timeout.toSeconds() + " s");
    }

    private static void sleep() throws IOException {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
    }

    private String envelope(String action, String resource, Map<String, String> keys, String body) {
        return "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\""
                + " xmlns:a=\"http://schemas.xmlsoap.org/ws/2004/08/addressing\""
                + " xmlns:w=\"http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd\"><s:Header><a:To>" + url + "</a:To>"
                + "<w:ResourceURI s:mustUnderstand=\"true\">" + resource + "</w:ResourceURI>"
                + "<a:ReplyTo><a:Address s:mustUnderstand=\"true\">" + a("anonymous") + "</a:Address></a:ReplyTo>"
                + "<a:Action s:mustUnderstand=\"true\">" + action + "</a:Action>"
                + "<w:MaxEnvelopeSize s:mustUnderstand=\"true\">512000</w:MaxEnvelopeSize>"
                + "<a:MessageID>uuid:" + UUID.randomUUID() + "</a:MessageID>"
                + "<w:OperationTimeout>PT60S</w:OperationTimeout>" + selectors(keys) + "</s:Header><s:Body>"
                + body + "</s:Body></s:Envelope>";
    }

    private static String selectors(Map<String, String> keys) {
        StringBuilder sb = new StringBuilder("<w:SelectorSet>");
        new LinkedHashMap<>(keys).forEach((k, v) -> sb.append("<w:Selector Name=\"").append(k).append("\">")
                .append(escape(v)).append("</w:Selector>"));
        return sb.append("</w:SelectorSet>").toString();
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private Document post(String xml) throws DiskCliException, IOException {
        HttpsURLConnection c = (HttpsURLConnection) url.toURL().openConnection();
        try {
            c.setSSLSocketFactory(tls); // the default host name verifier: the trust manager checks names
            c.setConnectTimeout(timeoutMillis);
            c.setReadTimeout(timeoutMillis);
            c.setRequestMethod("POST");
            c.setDoOutput(true);
            c.setRequestProperty("Content-Type", "application/soap+xml;charset=UTF-8");
            c.setRequestProperty("Authorization", auth);
            c.getOutputStream().write(xml.getBytes(StandardCharsets.UTF_8));
            int status = c.getResponseCode();
            if (status == 401) {
                throw new DiskCliException("the daemon refused the user name or password (HTTP 401)");
            }
            InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream();
            Document d = parse(in == null ? new byte[0] : in.readAllBytes(), status);
            if (status >= 400 || d.getElementsByTagNameNS("*", "Fault").getLength() > 0) {
                String reason = text(d, "Text");
                throw new DiskCliException("the daemon answered a fault: " + (reason == null ? "HTTP " + status : reason));
            }
            return d;
        } finally {
            c.disconnect();
        }
    }

    private static Document parse(byte[] xml, int status) throws DiskCliException {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setExpandEntityReferences(false);
            return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
        } catch (SAXException | IOException | ParserConfigurationException e) {
            throw new DiskCliException("the daemon's answer (HTTP " + status + ") is not WS-Management XML");
        }
    }

    /** The text of the first element with this local name, or null. */
    static String text(Document d, String localName) {
        NodeList n = d.getElementsByTagNameNS("*", localName);
        return n.getLength() == 0 ? null : n.item(0).getTextContent().strip();
    }

    static String selector(Document d, String name) {
        NodeList n = d.getElementsByTagNameNS("*", "Selector");
        for (int i = 0; i < n.getLength(); i++) {
            Element e = (Element) n.item(i);
            if (name.equals(e.getAttribute("Name"))) {
                return e.getTextContent().strip();
            }
        }
        return null;
    }
}
