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
 * Each item is written in place into the response and measured there; one that does not fit is cut
 * off again (the soak profile found a buffer and a copy per item, a third of the bytes a 1,000-VM
 * page allocated).
 */
final class ItemWriter {
    private ItemWriter() {
    }

    /** What a page wrote: how many items, and whether the enumeration has nothing more. */
    record Page(int items, boolean done) {
    }

    /**
     * A first guess at the response's size, so that its buffer rarely grows: items seen so far, bounded
     * by the page, or the previous page's size where that was larger (a whole-list Pull used to start
     * at 64 items' worth and grow, copying, to its end each time).
     */
    static int envelopeCapacity(EnumerationContexts.Context c, Limits.Page limits) {
        long guess = Math.max(2048 + (long) c.itemCapacity * Math.min(limits.maxElements(), 64), 2048L + c.lastPage);
        // room for the item that is written in place and then found not to fit, so the buffer never grows
        return (int) Math.max(2048, Math.min(guess, limits.octets() + 2048 + c.itemCapacity));
    }

    /**
     * True for a first page that may fill the envelope (as many items as asked for, at the largest size
     * seen, reach it): it takes a pooled page buffer when one is free rather than start at the guess of
     * {@link #envelopeCapacity} and double three times (2 MB of copies for a 1,000-VM list), but does not
     * wait for one (its list may be short).
     */
    static boolean mayFill(EnumerationContexts.Context c, Limits.Page limits) {
        return c.lastPage == 0 && 2048 + (double) c.itemCapacity * limits.maxElements() >= limits.octets();
    }

    /** Writes one item into {@code w} in the context's mode. */
    static void encode(CimInstance inst, EnumerationContexts.Context c, EprWriter eprs, XmlWriter w) {
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
                int at = out.mark();
                encode(i, c, eprs, out);
                int length = out.length() - at;
                c.itemCapacity = Math.max(c.itemCapacity, length + 256);
                long size = limits.size(out, at);
                if (octets + size > limits.octets() || chars + length > limits.characters()) {
                    out.truncate(at);
                    c.putBack(i);
                    if (n == 0) {
                        throw tooLarge(length, size, limits);
                    }
                    break;
                }
                n++;
                octets += size;
                chars += length;
            }
            c.lastPage = (int) chars;
            return new Page(n, c.atEnd(rc));
        } catch (CimException e) {
            throw Faults.from(e);
        } finally {
            c.cursor.relax();
        }
    }

    private static WsmanFault tooLarge(int length, long size, Limits.Page limits) {
        boolean envelope = size > limits.octets();
        return new WsmanFault(FaultKind.ENCODING_LIMIT, FaultKind.detail(envelope ? "MaxEnvelopeSize" : "MaxCharacters"),
                envelope ? "the next item (" + size + " octets) does not fit in MaxEnvelopeSize, which leaves "
                        + limits.octets() + " octets for items"
                        : "the next item (" + length + " characters) exceeds MaxCharacters " + limits.characters(),
                null);
    }
}
