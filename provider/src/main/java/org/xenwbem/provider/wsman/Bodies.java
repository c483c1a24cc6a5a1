package org.xenwbem.provider.wsman;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import org.w3c.dom.Element;
import org.xenwbem.cim.xml.SafeXml;

/** Reading the parts of a request body that several decoders share. */
final class Bodies {
    private Bodies() {
    }

    /** The body's first element, which must be {@code {ns}local}. */
    static Element required(Element body, String ns, String local, String prefix) throws WsmanFault {
        if (body == null || !ns.equals(body.getNamespaceURI()) || !local.equals(body.getLocalName())) {
            throw new WsmanFault(FaultKind.SCHEMA_VALIDATION_ERROR, "the Body must hold " + prefix + ":" + local);
        }
        return body;
    }

    /** The text of the child {@code {ns}local}; null when absent. */
    static String text(Element parent, String ns, String local) {
        Element e = SafeXml.child(parent, ns, local);
        return e == null ? null : SafeXml.text(e);
    }

    static long positive(String v, String what) throws WsmanFault {
        try {
            long n = Long.parseLong(v);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through to the fault below
        }
        throw new WsmanFault(FaultKind.SCHEMA_VALIDATION_ERROR, null, what + " must be a positive integer: " + v, null);
    }

    /** wsen:Expires as a duration, at most an hour (an absolute dateTime is refused: our clocks need not agree). */
    static Duration expires(String text) throws WsmanFault {
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
