package org.xenwbem.cim.xml;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * The one way xenwbem parses untrusted XML: namespace-aware DOM over the raw bytes (so the parser
 * honours the BOM and encoding declaration, UTF-8 or UTF-16), DOCTYPE refused (which rules out
 * external entities and entity expansion), no XInclude, element depth and attribute counts bounded.
 * Plain UTF-8 bodies (nearly every request) take a small strict parser first, {@link SmallXmlParser},
 * which builds the same DOM and leaves everything else, errors included, to Xerces.
 */
public final class SafeXml {
    /** Deepest element nesting accepted. SOAP envelopes with embedded instances stay far below. */
    public static final int MAX_DEPTH = 64;
    /**
     * The longest name Xerces takes, in characters after references are resolved; it holds namespace
     * names (the values of xmlns attributes) to it too (JAXP00010005), and so does the fast path.
     */
    static final int MAX_XML_NAME = 1000;

    private static final DocumentBuilderFactory FACTORY = newFactory();

    private SafeXml() {
    }

    private static DocumentBuilderFactory newFactory() {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setXIncludeAware(false);
        f.setExpandEntityReferences(false);
        f.setIgnoringComments(true);
        try {
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            // a plain DOM: the deferred one allocated ~12 KB of node-table chunks per small envelope
            f.setFeature("http://apache.org/xml/features/dom/defer-node-expansion", false);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            f.setAttribute("jdk.xml.maxElementDepth", MAX_DEPTH);
            f.setAttribute("jdk.xml.elementAttributeLimit", 64);
            // set here, not left to a system property: SmallXmlParser holds namespace names to the same limit
            f.setAttribute("jdk.xml.maxXMLNameLimit", MAX_XML_NAME);
        } catch (ParserConfigurationException | IllegalArgumentException e) {
            throw new IllegalStateException("the JDK XML parser lacks a required safety feature", e);
        }
        return f;
    }

    /**
     * One parser per thread, configured once: creating a parser configuration per request (under a
     * lock on the factory) cost more than parsing a small envelope, and so did
     * {@code DocumentBuilder.reset()} after each document (it restores every feature, which the next
     * parse then sets up again). Nothing per document needs undoing: the parser resets its scanner
     * state at the start of each parse and drops its reference to the document at the end.
     */
    private static final ThreadLocal<DocumentBuilder> BUILDERS = new ThreadLocal<>();

    private static DocumentBuilder builder() throws ParserConfigurationException {
        DocumentBuilder b = BUILDERS.get();
        if (b == null) {
            synchronized (FACTORY) {
                b = FACTORY.newDocumentBuilder();
            }
            b.setErrorHandler(QUIET);
            b.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entities are not allowed");
            });
            BUILDERS.set(b);
        }
        return b;
    }

    /**
     * Parses a complete document from raw bytes; the encoding is detected from BOM / declaration.
     * Plain UTF-8 envelopes take {@link SmallXmlParser}; everything it does not accept, Xerces.
     */
    public static Document parse(byte[] bytes, int offset, int length) throws XmlException {
        Document fast = parseFast(bytes, offset, length);
        return fast != null ? fast : parseXerces(bytes, offset, length);
    }

    /** The fast path alone: the document, or null where Xerces must decide. */
    static Document parseFast(byte[] bytes, int offset, int length) {
        try {
            return SmallXmlParser.parse(builder().newDocument(), bytes, offset, length);
        } catch (ParserConfigurationException e) {
            return null;
        }
    }

    /** The Xerces path alone, which judges every document the fast path does not accept. */
    static Document parseXerces(byte[] bytes, int offset, int length) throws XmlException {
        try {
            return builder().parse(new InputSource(new ByteArrayInputStream(bytes, offset, length)));
        } catch (SAXParseException e) {
            forget();
            throw new XmlException("line " + e.getLineNumber() + ", column " + e.getColumnNumber()
                    + ": " + e.getMessage(), e);
        } catch (SAXException | IOException | ParserConfigurationException e) {
            forget();
            throw new XmlException(String.valueOf(e.getMessage()), e);
        }
    }

    /** After a failed parse the parser still holds the partial document: drop this thread's parser. */
    private static void forget() {
        BUILDERS.remove();
    }

    public static Document parse(byte[] bytes) throws XmlException {
        return parse(bytes, 0, bytes.length);
    }

    /** Child elements of {@code parent} (text, comments skipped). */
    public static List<Element> children(Element parent) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                out.add(e);
            }
        }
        return out;
    }

    /** The first child element with this namespace and local name, or null. */
    public static Element child(Element parent, String ns, String localName) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(e.getLocalName()) && ns.equals(e.getNamespaceURI())) {
                return e;
            }
        }
        return null;
    }

    /** All child elements with this namespace and local name. */
    public static List<Element> childrenNamed(Element parent, String ns, String localName) {
        List<Element> out = new ArrayList<>();
        for (Element e : children(parent)) {
            if (localName.equals(e.getLocalName()) && ns.equals(e.getNamespaceURI())) {
                out.add(e);
            }
        }
        return out;
    }

    /** All descendant elements in document order. */
    public static List<Element> descendants(Element root) {
        List<Element> out = new ArrayList<>();
        for (Element c : children(root)) {
            out.add(c);
            out.addAll(descendants(c));
        }
        return out;
    }

    /** Text content, trimmed. */
    public static String text(Element e) {
        return e.getTextContent().trim();
    }

    private static final ErrorHandler QUIET = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    };
}
