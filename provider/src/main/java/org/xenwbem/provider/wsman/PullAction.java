package org.xenwbem.provider.wsman;

import org.w3c.dom.Element;
import org.xenwbem.cim.xml.SafeXml;
import org.xenwbem.cim.xml.XmlWriter;

/**
 * WS-Enumeration Pull: MaxElements (1 when absent, P5), MaxCharacters, and the envelope limit (see
 * {@link Limits}); the last page carries EndOfSequence and no context (P6), so wsl stops and
 * wslinvoke finds items in it. A Pull that faults leaves its context where it was. With
 * RequestTotalItemsCountEstimate the answer carries the enumeration's item count in its header.
 */
final class PullAction implements WsmanAction {
    @Override
    public String handle(WsmanRequest req, Exchange ex) throws WsmanFault {
        Element pull = req.body();
        if (pull == null || !Ns.WSEN.equals(pull.getNamespaceURI()) || !"Pull".equals(pull.getLocalName())) {
            throw new WsmanFault(FaultKind.SCHEMA_VALIDATION_ERROR, "the Body must hold wsen:Pull");
        }
        Element ctxEl = SafeXml.child(pull, Ns.WSEN, "EnumerationContext");
        String ctxId = ctxEl == null ? null : SafeXml.text(ctxEl);
        String events = eventPull(req, ex, ctxId);
        if (events != null) {
            return events;
        }
        EnumerationContexts.Context c = ex.contexts().take(ctxEl == null ? null : SafeXml.text(ctxEl),
                ex.caller().user());
        Element maxEl = SafeXml.child(pull, Ns.WSEN, "MaxElements");
        long max = maxEl == null ? 1 : EnumerateAction.positive(SafeXml.text(maxEl), "MaxElements");
        Element maxChars = SafeXml.child(pull, Ns.WSEN, "MaxCharacters");
        long chars = maxChars == null ? Long.MAX_VALUE : EnumerateAction.positive(SafeXml.text(maxChars), "MaxCharacters");
        EprWriter eprs = new EprWriter(ex.address(), c.uri);
        Limits.Page limits = Limits.page(req, ex.service().envelopeCeiling(), max, chars);
        String count = Understanding.countRequested(req, pull) ? Understanding.countHeader(count(c, ex)) : null;
        XmlWriter w = EnvelopeWriter.open(Ns.WSEN + "/PullResponse", req.messageId(),
                ItemWriter.envelopeCapacity(c, limits), count);
        w.start("wsen:PullResponse");
        int contextAt = w.mark();
        w.start("wsen:Items");
        boolean done;
        synchronized (c) {
            done = ItemWriter.page(c, ex.caller(), eprs, w, limits).done();
        }
        w.end("wsen:Items");
        if (done) {
            ex.contexts().release(c);
            w.start("wsen:EndOfSequence").end("wsen:EndOfSequence");
        } else {
            w.insert(contextAt, EnumerateAction.contextElement(c));
        }
        w.end("wsen:PullResponse");
        return EnvelopeWriter.close(w);
    }

    /** The answer of the event source that issued the context; null for an enumeration context. */
    private static String eventPull(WsmanRequest req, Exchange ex, String ctxId) throws WsmanFault {
        for (WsmanExtension.PullSource source : ex.service().pullSources()) {
            if (ctxId != null && source.owns(ctxId)) {
                if (req.headers().mustUnderstand().contains(Understanding.COUNT)) {
                    throw Understanding.notUnderstood(Ns.WSMAN, "RequestTotalItemsCountEstimate",
                            "on the Pull of an event subscription, whose events cannot be counted ahead");
                }
                return source.pull(req, new WsmanExtension.Call(ex.caller(), ex.address(), ex.ops()), ctxId);
            }
        }
        return null;
    }

    /** The enumeration's item count now (a fresh traversal; the context's position does not move). */
    private static long count(EnumerationContexts.Context c, Exchange ex) throws WsmanFault {
        try {
            synchronized (c) {
                return c.cursor.count(ex.caller());
            }
        } catch (org.xenwbem.provider.cimom.CimException e) {
            throw Faults.from(e);
        }
    }
}
