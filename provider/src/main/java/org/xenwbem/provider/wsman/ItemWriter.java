package org.xenwbem.provider.wsman;

import org.xenwbem.cim.CimInstance;
import org.xenwbem.cim.xml.WsCimEncoder;
import org.xenwbem.cim.xml.XmlWriter;
import org.xenwbem.provider.cimom.CimException;
import org.xenwbem.provider.cimom.RequestContext;

/**
 * Encodes enumeration items one by one in the context's mode, straight into the response, and takes
 * as many as fit the page: at most MaxElements, within the envelope budget and MaxCharacters. Items
 * are read from the context's cursor as they are written, so a page holds one item besides itself.
 */
final class ItemWriter {
    private ItemWriter() {
    }

    /** What a page wrote: how many items, and whether the enumeration has nothing more. */
    record Page(int items, boolean done) {
    }

    /** A first guess at the response's size, so that its buffer rarely grows: items seen so far, bounded by the page. */
    static int envelopeCapacity(EnumerationContexts.Context c, Limits.Page limits) {
        long guess = 2048 + (long) c.itemCapacity * Math.min(limits.maxElements(), 64);
        return (int) Math.max(2048, Math.min(guess, limits.octets() + 2048));
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
     * Writes the next page into {@code out} and advances the cursor past it. Faults EncodingLimit when
     * not even one item fits (the client must raise MaxEnvelopeSize or MaxCharacters; the item stays
     * first in line), so no page is ever silently empty. The caller holds the context's lock.
     */
    static Page page(EnumerationContexts.Context c, RequestContext rc, EprWriter eprs, XmlWriter out,
                     Limits.Page limits) throws WsmanFault {
        int n = 0;
        long octets = 0;
        long chars = 0;
        try {
            while (n < limits.maxElements()) {
                CimInstance i = c.take(rc);
                if (i == null) {
                    break;
                }
                String item = encode(i, c, eprs);
                long size = limits.size(item);
                if (octets + size > limits.octets() || chars + item.length() > limits.characters()) {
                    c.putBack(i);
                    if (n == 0) {
                        throw tooLarge(item, size, limits);
                    }
                    break;
                }
                out.raw(item);
                n++;
                octets += size;
                chars += item.length();
            }
            return new Page(n, c.atEnd(rc));
        } catch (CimException e) {
            throw Faults.from(e);
        } finally {
            c.cursor.relax();
        }
    }

    private static WsmanFault tooLarge(String item, long size, Limits.Page limits) {
        boolean envelope = size > limits.octets();
        return new WsmanFault(FaultKind.ENCODING_LIMIT, FaultKind.detail(envelope ? "MaxEnvelopeSize" : "MaxCharacters"),
                envelope ? "the next item (" + size + " octets) does not fit in MaxEnvelopeSize, which leaves "
                        + limits.octets() + " octets for items"
                        : "the next item (" + item.length() + " characters) exceeds MaxCharacters " + limits.characters(),
                null);
    }
}
