package org.xenwbem.provider.wsman;

import java.util.ArrayList;
import java.util.List;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.cim.xml.WsCimEncoder;
import org.xenwbem.cim.xml.XmlWriter;

/**
 * Encodes enumeration items one by one in the context's mode and takes as many as fit the page:
 * at most {@code maxElements}, within the envelope budget and MaxCharacters.
 */
final class ItemWriter {
    private ItemWriter() {
    }

    /** Room for the envelope around a page: its items plus headers, so the buffer never grows. */
    static int envelopeCapacity(List<String> page) {
        long n = 2048;
        for (String item : page) {
            n += item.length();
        }
        return (int) Math.min(n, Integer.MAX_VALUE - 16);
    }

    static String encode(CimInstance inst, EnumerationContexts.Context c, EprWriter eprs) {
        XmlWriter w = new XmlWriter(c.itemCapacity);
        switch (c.mode) {
            case EPR -> eprs.writeEpr(w, inst.path());
            case OBJECT_AND_EPR -> {
                w.start("wsman:Item");
                WsCimEncoder.writeInstance(w, inst, eprs.uriFor(inst.className()), c.excludeNil, eprs);
                eprs.writeEpr(w, inst.path());
                w.end("wsman:Item");
            }
            default -> WsCimEncoder.writeInstance(w, inst, eprs.uriFor(inst.className()), c.excludeNil, eprs);
        }
        c.itemCapacity = Math.max(c.itemCapacity, w.length() + 256);
        return w.toString();
    }

    /**
     * Advances the cursor over the next page. Faults EncodingLimit when not even one item fits the
     * envelope (the client must raise MaxEnvelopeSize), so no page is ever silently empty.
     */
    static List<String> page(EnumerationContexts.Context c, EprWriter eprs, long maxElements, long budget,
                             long maxCharacters) throws WsmanFault {
        List<String> out = new ArrayList<>();
        long used = 0;
        while (!c.done() && out.size() < maxElements) {
            String item = encode(c.items.get(c.position), c, eprs);
            if (used + item.length() > budget || used + item.length() > maxCharacters) {
                if (out.isEmpty()) {
                    throw new WsmanFault(FaultKind.ENCODING_LIMIT, FaultKind.detail(
                            item.length() > budget ? "MaxEnvelopeSize" : "MaxCharacters"),
                            "the next item (" + item.length() + " characters) does not fit in the page", null);
                }
                break;
            }
            out.add(item);
            used += item.length();
            c.position++;
        }
        return out;
    }
}
