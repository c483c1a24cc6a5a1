package org.xenwbem.provider.wsman;

import org.w3c.dom.Element;
import org.xenwbem.cim.xml.SafeXml;
import org.xenwbem.cim.xml.XmlWriter;

/** WS-Enumeration Release: forgets the context; a later Pull on it faults InvalidEnumerationContext. */
final class ReleaseAction implements WsmanAction {
    @Override
    public String handle(WsmanRequest req, Exchange ex) throws WsmanFault {
        Element rel = req.body();
        if (rel == null || !Ns.WSEN.equals(rel.getNamespaceURI()) || !"Release".equals(rel.getLocalName())) {
            throw new WsmanFault(FaultKind.SCHEMA_VALIDATION_ERROR, "the Body must hold wsen:Release");
        }
        Element ctxEl = SafeXml.child(rel, Ns.WSEN, "EnumerationContext");
        EnumerationContexts.Context c = ex.contexts().take(ctxEl == null ? null : SafeXml.text(ctxEl),
                ex.caller().user());
        ex.contexts().release(c);
        XmlWriter w = EnvelopeWriter.open(Ns.WSEN + "/ReleaseResponse", req.messageId(), 512);
        return EnvelopeWriter.close(w);
    }
}
