package org.xenwbem.tests.pack;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Namespace-aware parsing (DTDs ignored, never fetched) and element lookup by local name. */
final class Xml {
    private Xml() {
    }

    static Document parse(byte[] bytes) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        f.setExpandEntityReferences(false);
        try (InputStream in = new ByteArrayInputStream(bytes)) {
            return f.newDocumentBuilder().parse(in);
        }
    }

    static Document parse(Path file) throws Exception {
        return parse(Files.readAllBytes(file));
    }

    static Document parseGz(Path file) throws Exception {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return parse(in.readAllBytes());
        }
    }

    static List<Element> all(Document d, String localName) {
        return all(d.getDocumentElement(), localName);
    }

    static List<Element> all(Element e, String localName) {
        NodeList nodes = e.getElementsByTagNameNS("*", localName);
        List<Element> out = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            out.add((Element) nodes.item(i));
        }
        return out;
    }

    static Element first(Element e, String localName) throws IOException {
        List<Element> l = all(e, localName);
        if (l.isEmpty()) {
            throw new IOException("no <" + localName + "> in <" + e.getLocalName() + ">");
        }
        return l.get(0);
    }
}
