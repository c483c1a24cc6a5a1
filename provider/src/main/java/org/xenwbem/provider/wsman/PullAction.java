package org.xenwbem.provider.wsman;

import org.w3c.dom.Element;
import org.xenwbem.cim.xml.SafeXml;
import org.xenwbem.cim.xml.XmlWriter;

/**
 * WS-Enumeration Pull: MaxElements (1 when absent, P5), MaxCharacters, and the envelope limit (see
 * {@link Limits}); the last page carries EndOfSequence and no context (P6), so wsl stops and
 * wslinvoke finds items in it. A Pull that faults leaves its context where it was.
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
        for (WsmanExtension.PullSource source : ex.service().pullSources()) {
            if (ctxId != null && source.owns(ctxId)) {
                return source.pull(req, new WsmanExtension.Call(ex.caller(), ex.address(), ex.ops()), ctxId);
            }
        }
        EnumerationContexts.Context c = ex.contexts().take(ctxEl == null ? null : SafeXml.text(ctxEl),
                ex.caller().user());
        Element maxEl = SafeXml.child(pull, Ns.WSEN, "MaxElements");
        long max = maxEl == null ? 1 : EnumerateAction.positive(SafeXml.text(maxEl), "MaxElements");
        Element maxChars = SafeXml.child(pull, Ns.WSEN, "MaxCharacters");
        long chars = maxChars == null ? Long.MAX_VALUE : EnumerateAction.positive(SafeXml.text(maxChars), "MaxCharacters");
        EprWriter eprs = new EprWriter(ex.address(), c.uri);
        Limits.Page limits = Limits.page(req, ex.service().envelopeCeiling(), max, chars);
        XmlWriter w = EnvelopeWriter.open(Ns.WSEN + "/PullResponse", req.messageId(),
                ItemWriter.envelopeCapacity(c, limits));
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
}
