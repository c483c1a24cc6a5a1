package org.xenwbem.provider.wsman.eventing;

import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xenwbem.cim.xml.XmlWriter;

/**
 * Copies a DOM element (a reference parameter of a NotifyTo or EndTo EPR) as XML text, declaring
 * the namespace of every element and attribute where it is used, so the copy stands alone as a
 * header block of a message sent later.
 */
final class DomXml {
    private static final String XMLNS = "http://www.w3.org/2000/xmlns/";
    private static final int MAX_DEPTH = 32;

    private DomXml() {
    }

    static String serialize(Element e) {
        XmlWriter w = new XmlWriter(256);
        write(w, e, 0);
        return w.toString();
    }

    private static void write(XmlWriter w, Element e, int depth) {
        if (depth > MAX_DEPTH) {
            return;
        }
        String qname = e.getTagName();
        w.start(qname);
        declare(w, e.getPrefix(), e.getNamespaceURI());
        NamedNodeMap attrs = e.getAttributes();
        for (int i = 0; i < attrs.getLength(); i++) {
            Attr a = (Attr) attrs.item(i);
            if (XMLNS.equals(a.getNamespaceURI())) {
                continue;
            }
            if (a.getPrefix() != null && !a.getPrefix().equals(e.getPrefix()) && !"xml".equals(a.getPrefix())) {
                declare(w, a.getPrefix(), a.getNamespaceURI());
            }
            w.attr(a.getName(), a.getValue());
        }
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element child) {
                write(w, child, depth + 1);
            } else if (n.getNodeType() == Node.TEXT_NODE || n.getNodeType() == Node.CDATA_SECTION_NODE) {
                w.text(n.getNodeValue());
            }
        }
        w.end(qname);
    }

    private static void declare(XmlWriter w, String prefix, String ns) {
        if (ns == null) {
            return;
        }
        w.attr(prefix == null ? "xmlns" : "xmlns:" + prefix, ns);
    }
}
