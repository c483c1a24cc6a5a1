package org.xenwbem.provider.wsman;

import org.xenwbem.cim.xml.XmlWriter;

/** Writes the WS-Enumeration responses (DSP0226 §8) from the actions' result records. */
final class EnumerationEncoder {
    private EnumerationEncoder() {
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
