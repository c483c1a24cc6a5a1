package org.xenwbem.provider.wsman;

import java.util.List;
import org.w3c.dom.Element;
import org.xenwbem.cim.xml.SafeXml;
import org.xenwbem.cim.xml.XmlWriter;

/**
 * WS-Enumeration Pull: MaxElements (1 when absent, P5), MaxCharacters; the last page carries
 * EndOfSequence and no context (P6), so wsl stops and wslinvoke finds items in it. With
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
        List<String> page;
        boolean done;
        synchronized (c) {
            page = ItemWriter.page(c, eprs, max, Limits.itemBudget(req), chars);
            done = c.done();
        }
        String count = Understanding.countRequested(req, pull) ? Understanding.countHeader(c.items.size()) : null;
        XmlWriter w = EnvelopeWriter.open(Ns.WSEN + "/PullResponse", req.messageId(), ItemWriter.envelopeCapacity(page),
                count);
        w.start("wsen:PullResponse");
        if (!done) {
            w.element("wsen:EnumerationContext", c.id);
        } else {
            ex.contexts().release(c);
        }
        w.start("wsen:Items");
        page.forEach(w::raw);
        w.end("wsen:Items");
        if (done) {
            w.start("wsen:EndOfSequence").end("wsen:EndOfSequence");
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
}
