package org.xenwbem.tests;

import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** A WS-Man response as a client sees it: HTTP status and headers, the raw bytes, and the DOM. */
public final class SoapReply {
    public static final String SOAP = "http://www.w3.org/2003/05/soap-envelope";
    public static final String WSA = "http://schemas.xmlsoap.org/ws/2004/08/addressing";
    public static final String WSEN = "http://schemas.xmlsoap.org/ws/2004/09/enumeration";
    public static final String WSMAN = "http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd";
    public static final String MSWSMAN = "http://schemas.microsoft.com/wbem/wsman/1/wsman.xsd";
    public static final String WSMID = "http://schemas.dmtf.org/wbem/wsman/identity/1/wsmanidentity.xsd";
    public static final String WSMANFAULT = "http://schemas.microsoft.com/wbem/wsman/1/wsmanfault";

    public final int status;
    public final String contentType;
    public final byte[] bytes;
    public final Document doc;

    private SoapReply(int status, String contentType, byte[] bytes, Document doc) {
        this.status = status;
        this.contentType = contentType;
        this.bytes = bytes;
        this.doc = doc;
    }

    /** Parses the body from its raw bytes (the parser honours BOM and declaration); fails on non-XML. */
    public static SoapReply of(HttpResponse<byte[]> r) {
        String ct = r.headers().firstValue("Content-Type").orElse("");
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document d = f.newDocumentBuilder().parse(new InputSource(new ByteArrayInputStream(r.body())));
            return new SoapReply(r.statusCode(), ct, r.body(), d);
        } catch (Exception e) {
            throw new AssertionError("HTTP " + r.statusCode() + " " + ct + ": the body is not XML: "
                    + new String(r.body(), 0, Math.min(r.body().length, 2000), StandardCharsets.ISO_8859_1), e);
        }
    }

    /** The charset parameter of Content-Type, upper-case, or "" when absent. */
    public String charset() {
        for (String part : contentType.split(";")) {
            String p = part.trim();
            if (p.regionMatches(true, 0, "charset=", 0, 8)) {
                return p.substring(8).replace("\"", "").trim().toUpperCase(java.util.Locale.ROOT);
            }
        }
        return "";
    }

    public List<Element> all(String ns, String local) {
        List<Element> out = new ArrayList<>();
        NodeList nl = doc.getElementsByTagNameNS(ns, local);
        for (int i = 0; i < nl.getLength(); i++) {
            out.add((Element) nl.item(i));
        }
        return out;
    }

    public Element first(String ns, String local) {
        List<Element> l = all(ns, local);
        return l.isEmpty() ? null : l.get(0);
    }

    public String text(String ns, String local) {
        Element e = first(ns, local);
        return e == null ? null : e.getTextContent().trim();
    }

    public boolean has(String ns, String local) {
        return first(ns, local) != null;
    }

    public boolean isFault() {
        return has(SOAP, "Fault");
    }

    /** The fault's subcode local name (e.g. InvalidSelectors), or the top-level code when no subcode. */
    public String faultSubcode() {
        Element fault = first(SOAP, "Fault");
        if (fault == null) {
            return null;
        }
        Element code = child(fault, SOAP, "Code");
        Element sub = code == null ? null : child(code, SOAP, "Subcode");
        Element value = child(sub != null ? sub : code, SOAP, "Value");
        if (value == null) {
            return null;
        }
        String v = value.getTextContent().trim();
        return v.substring(v.indexOf(':') + 1);
    }

    /** The namespace the subcode's prefix is bound to, resolved where it is used. */
    public String faultSubcodeNamespace() {
        Element fault = first(SOAP, "Fault");
        Element code = child(fault, SOAP, "Code");
        Element sub = child(code, SOAP, "Subcode");
        Element value = child(sub != null ? sub : code, SOAP, "Value");
        String v = value.getTextContent().trim();
        int colon = v.indexOf(':');
        return value.lookupNamespaceURI(colon < 0 ? null : v.substring(0, colon));
    }

    public String faultDetail() {
        return text(WSMAN, "FaultDetail");
    }

    /** The header children's local names (to check what a response must not carry). */
    public List<String> headerNames() {
        List<String> out = new ArrayList<>();
        Element h = first(SOAP, "Header");
        if (h != null) {
            for (Node n = h.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e) {
                    out.add(e.getLocalName());
                }
            }
        }
        return out;
    }

    /** Child elements of wsman:Items / wsen:Items (the item wrappers or the instances themselves). */
    public List<Element> items() {
        List<Element> out = new ArrayList<>();
        for (Element items : all(WSMAN, "Items")) {
            out.addAll(children(items));
        }
        for (Element items : all(WSEN, "Items")) {
            out.addAll(children(items));
        }
        return out;
    }

    /** The Name property of each item (see {@link #items}), in document order. */
    public List<String> itemNames() {
        List<String> out = new ArrayList<>();
        for (Element item : items()) {
            for (Element e : children(item)) {
                if ("Name".equals(e.getLocalName())) {
                    out.add(e.getTextContent().trim());
                }
            }
        }
        return out;
    }

    /** Every text of an element with this local name (any namespace), in document order. */
    public List<String> texts(String local) {
        List<String> out = new ArrayList<>();
        NodeList nl = doc.getElementsByTagNameNS("*", local);
        for (int i = 0; i < nl.getLength(); i++) {
            out.add(nl.item(i).getTextContent().trim());
        }
        return out;
    }

    static List<Element> children(Element parent) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                out.add(e);
            }
        }
        return out;
    }

    static Element child(Element parent, String ns, String local) {
        if (parent == null) {
            return null;
        }
        for (Element e : children(parent)) {
            if (local.equals(e.getLocalName()) && ns.equals(e.getNamespaceURI())) {
                return e;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        String cs = charset();
        java.nio.charset.Charset c = cs.startsWith("UTF-16") ? StandardCharsets.UTF_16 : StandardCharsets.UTF_8;
        String s = new String(bytes, c);
        return "HTTP " + status + " " + contentType + "\n" + (s.length() > 4000 ? s.substring(0, 4000) + "..." : s);
    }
}
