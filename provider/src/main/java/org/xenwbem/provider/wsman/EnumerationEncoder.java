package org.xenwbem.provider.wsman;

import org.xenwbem.cim.xml.XmlWriter;

/**
 * Writes the WS-Enumeration responses (DSP0226 §8) from the actions' result records. The items of
 * an Enumerate or Pull are not materialized: the encoder pages them from the context's cursor straight
 * into the response ({@link ItemWriter}), within the envelope budget ({@link Limits}), and releases
 * the context once its last item is written.
 */
final class EnumerationEncoder {
    private EnumerationEncoder() {
    }

    /**
     * An open context to page from: at most {@code maxElements} items (0: none, a plain Enumerate),
     * {@code maxCharacters} characters, and the count estimate for the header (negative: not asked for).
     */
    record Page(EnumerationContexts.Context context, long maxElements, long maxCharacters, long estimate) {
        String countHeader() {
            return estimate < 0 ? null : Understanding.countHeader(estimate);
        }
    }

    static CharSequence enumerate(Page p, WsmanRequest envelope, Exchange ex) throws WsmanFault {
        EnumerationContexts.Context c = p.context();
        Limits.Page limits = Limits.page(envelope, ex.service().envelopeCeiling(), p.maxElements(), p.maxCharacters());
        XmlWriter w = EnvelopeWriter.open(p.maxElements() == 0 ? new XmlWriter(2048)
                        : ex.pageWriter(ItemWriter.envelopeCapacity(c, limits), ItemWriter.mayFill(c, limits)),
                Ns.WSEN + "/EnumerateResponse", envelope.messageId(), p.countHeader());
        w.start("wsen:EnumerateResponse");
        int contextAt = w.mark();
        boolean done = false;
        if (p.maxElements() > 0) {
            done = items(w, "wsman:", p, limits, ex);
            if (done) {
                w.start("wsman:EndOfSequence").end("wsman:EndOfSequence");
            }
        }
        finish(w, contextAt, c, done, ex);
        w.end("wsen:EnumerateResponse");
        return EnvelopeWriter.finish(w);
    }

    static CharSequence pull(Page p, WsmanRequest envelope, Exchange ex) throws WsmanFault {
        EnumerationContexts.Context c = p.context();
        Limits.Page limits = Limits.page(envelope, ex.service().envelopeCeiling(), p.maxElements(), p.maxCharacters());
        XmlWriter w = EnvelopeWriter.open(
                ex.pageWriter(ItemWriter.envelopeCapacity(c, limits), ItemWriter.mayFill(c, limits)),
                Ns.WSEN + "/PullResponse", envelope.messageId(), p.countHeader());
        w.start("wsen:PullResponse");
        int contextAt = w.mark();
        boolean done = items(w, "wsen:", p, limits, ex);
        if (done) {
            w.start("wsen:EndOfSequence").end("wsen:EndOfSequence");
        }
        finish(w, contextAt, c, done, ex);
        w.end("wsen:PullResponse");
        return EnvelopeWriter.finish(w);
    }

    /** {@code <prefix:Items>} holding the next page; true when the enumeration has nothing more. */
    private static boolean items(XmlWriter w, String prefix, Page p, Limits.Page limits, Exchange ex)
            throws WsmanFault {
        EnumerationContexts.Context c = p.context();
        EprWriter eprs = new EprWriter(ex.address(), c.uri);
        w.start(prefix + "Items");
        boolean done;
        synchronized (c) {
            done = ItemWriter.page(c, ex.caller(), eprs, w, limits).done();
        }
        w.end(prefix + "Items");
        return done;
    }

    /** A finished enumeration is released; otherwise its context is written before the items. */
    private static void finish(XmlWriter w, int contextAt, EnumerationContexts.Context c, boolean done, Exchange ex) {
        if (done) {
            ex.contexts().release(c);
        } else {
            w.insert(contextAt, new XmlWriter(96).element("wsen:EnumerationContext", c.id).toString());
        }
    }

    static String release(ReleaseAction.Released r, WsmanRequest envelope, Exchange ex) {
        return EnvelopeWriter.close(EnvelopeWriter.open(Ns.WSEN + "/ReleaseResponse", envelope.messageId(), 512));
    }

    /** GetStatusResponse, or RenewResponse (which also names the context). */
    static String status(EnumerationStatus.Status s, WsmanRequest envelope, Exchange ex) {
        String op = s.renewedContext() == null ? "GetStatus" : "Renew";
        XmlWriter w = EnvelopeWriter.open(Ns.WSEN + "/" + op + "Response", envelope.messageId(), 1024);
        w.start("wsen:" + op + "Response");
        w.element("wsen:Expires", s.expires().toString());
        if (s.renewedContext() != null) {
            w.element("wsen:EnumerationContext", s.renewedContext());
        }
        w.end("wsen:" + op + "Response");
        return EnvelopeWriter.close(w);
    }
}
