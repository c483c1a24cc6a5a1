package org.xenwbem.provider.wsman;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import org.w3c.dom.Element;
import org.xenwbem.cim.xml.SafeXml;
import org.xenwbem.cim.xml.XmlWriter;

/** WS-Enumeration GetStatus and Renew: report or extend how long an idle context lives. */
final class EnumerationStatus {
    private EnumerationStatus() {
    }

    static final WsmanAction GET_STATUS = (req, ex) -> respond(req, ex, "GetStatus", false);
    static final WsmanAction RENEW = (req, ex) -> respond(req, ex, "Renew", true);

    private static String respond(WsmanRequest req, Exchange ex, String op, boolean renew) throws WsmanFault {
        Element body = req.body();
        if (body == null || !Ns.WSEN.equals(body.getNamespaceURI()) || !op.equals(body.getLocalName())) {
            throw new WsmanFault(FaultKind.SCHEMA_VALIDATION_ERROR, "the Body must hold wsen:" + op);
        }
        Element ctxEl = SafeXml.child(body, Ns.WSEN, "EnumerationContext");
        EnumerationContexts.Context c = ex.contexts().take(ctxEl == null ? null : SafeXml.text(ctxEl), ex.caller().user());
        if (renew) {
            Element exp = SafeXml.child(body, Ns.WSEN, "Expires");
            if (exp != null) {
                c.renew(duration(SafeXml.text(exp)));
            }
        }
        XmlWriter w = EnvelopeWriter.open(Ns.WSEN + "/" + op + "Response", req.messageId(), 1024);
        w.start("wsen:" + op + "Response");
        w.element("wsen:Expires", c.idle().toString());
        if (renew) {
            w.element("wsen:EnumerationContext", c.id);
        }
        w.end("wsen:" + op + "Response");
        return EnvelopeWriter.close(w);
    }

    private static Duration duration(String text) throws WsmanFault {
        try {
            Duration d = Duration.parse(text);
            if (d.isNegative() || d.isZero()) {
                throw new WsmanFault(FaultKind.INVALID_EXPIRATION_TIME, "wsen:Expires must be positive");
            }
            return d.compareTo(Duration.ofHours(1)) > 0 ? Duration.ofHours(1) : d;
        } catch (DateTimeParseException e) {
            throw new WsmanFault(FaultKind.INVALID_EXPIRATION_TIME, null, "wsen:Expires must be an xs:duration: " + text, e);
        }
    }
}
