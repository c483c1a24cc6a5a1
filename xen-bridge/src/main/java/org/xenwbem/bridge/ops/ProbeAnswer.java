package org.xenwbem.bridge.ops;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.xenwbem.bridge.xml.HardenedStax;

/**
 * The XML an SM driver answers SR.probe with, read without DTDs or entities: a root holding one
 * element per item ({@code <SRlist><SR>}, {@code <iscsi-target-iqns><TGT>}, {@code <iscsi-target><LUN>}),
 * each item's child elements its fields ({@code UUID}, {@code TargetIQN}, {@code SCSIid}, …).
 */
public final class ProbeAnswer {
    private static final XMLInputFactory XML = HardenedStax.factory();
    private static final int MAX_DEPTH = 16;

    private final String root;
    private final List<Map<String, String>> items;

    private ProbeAnswer(String root, List<Map<String, String>> items) {
        this.root = root;
        this.items = List.copyOf(items);
    }

    /** The root element's name. */
    public String root() {
        return root;
    }

    /** The items: one map per child of the root, field name → text. */
    public List<Map<String, String>> items() {
        return items;
    }

    /** One field of every item that has it, e.g. the {@code UUID}s of an SR list. */
    public List<String> field(String name) {
        List<String> out = new ArrayList<>();
        for (Map<String, String> i : items) {
            String v = i.get(name);
            if (v != null && !v.isBlank()) {
                out.add(v.strip());
            }
        }
        return out;
    }

    /** Reads the answer; IllegalArgumentException (with the parser's reason) when it is not well-formed XML. */
    public static ProbeAnswer parse(String xml) {
        try {
            XMLStreamReader r = XML.createXMLStreamReader(new StringReader(xml.strip()));
            try {
                return read(r);
            } finally {
                r.close();
            }
        } catch (XMLStreamException e) {
            throw new IllegalArgumentException("not well-formed XML: " + e.getMessage(), e);
        }
    }

    private static ProbeAnswer read(XMLStreamReader r) throws XMLStreamException {
        String root = null;
        List<Map<String, String>> items = new ArrayList<>();
        Map<String, String> item = null;
        String field = null;
        StringBuilder text = new StringBuilder();
        int depth = 0;
        while (r.hasNext()) {
            int ev = r.next();
            if (ev == XMLStreamConstants.START_ELEMENT) {
                depth++;
                if (depth > MAX_DEPTH) {
                    throw new XMLStreamException("nested deeper than " + MAX_DEPTH);
                }
                if (depth == 1) {
                    root = r.getLocalName();
                } else if (depth == 2) {
                    item = new LinkedHashMap<>();
                    items.add(item);
                } else if (depth == 3) {
                    field = r.getLocalName();
                    text.setLength(0);
                }
            } else if (ev == XMLStreamConstants.CHARACTERS && depth == 3) {
                text.append(r.getText());
            } else if (ev == XMLStreamConstants.END_ELEMENT) {
                if (depth == 3 && item != null) {
                    item.put(field, text.toString().strip());
                }
                depth--;
            }
        }
        if (root == null) {
            throw new XMLStreamException("no root element");
        }
        return new ProbeAnswer(root, items);
    }
}
