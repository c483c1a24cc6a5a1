package org.xenwbem.provider.wsman.eventing;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import org.xenwbem.cim.xml.XmlWriter;
import org.xenwbem.provider.wsman.EnvelopeWriter;
import org.xenwbem.provider.wsman.Ns;

/** Writes the answers to Subscribe, Renew, GetStatus and Unsubscribe from their result records. */
final class EventingEncoder {
    private EventingEncoder() {
    }

    /**
     * A subscription's life as answered: until {@code at}, {@code left} from now; written as an
     * xs:dateTime when the client sent one, else as the duration.
     */
    record Expiry(Instant at, Duration left, boolean asDate) {
        String text() {
            if (asDate) {
                return DateTimeFormatter.ISO_INSTANT.format(at);
            }
            return (left.isNegative() ? Duration.ZERO : left).toString();
        }
    }

    /** SubscribeResponse: the manager EPR, the life granted, and a Pull subscription's context. */
    static String subscribed(WseSubscription s, Expiry expiry, String relatesTo) {
        XmlWriter w = EnvelopeWriter.open(Wse.SUBSCRIBE_RESPONSE, relatesTo, 2048);
        w.start("wse:SubscribeResponse").attr("xmlns:wse", Wse.NS);
        WsEnvelopes.writeManager(w, s);
        w.element("wse:Expires", expiry.text());
        if (s.contextId() != null) {
            w.element("wsen:EnumerationContext", s.contextId());
        }
        w.end("wse:SubscribeResponse");
        return EnvelopeWriter.close(w);
    }

    static String renewed(Expiry expiry, String relatesTo) {
        return expires(Wse.RENEW_RESPONSE, "wse:RenewResponse", expiry, relatesTo);
    }

    static String status(Expiry expiry, String relatesTo) {
        return expires(Wse.GET_STATUS_RESPONSE, "wse:GetStatusResponse", expiry, relatesTo);
    }

    static String unsubscribed(String relatesTo) {
        return EnvelopeWriter.close(EnvelopeWriter.open(Wse.UNSUBSCRIBE_RESPONSE, relatesTo, 512));
    }

    private static String expires(String action, String element, Expiry expiry, String relatesTo) {
        XmlWriter w = EnvelopeWriter.open(action, relatesTo, 1024);
        w.start(element).attr("xmlns:wse", Wse.NS);
        w.element("wse:Expires", expiry.text());
        w.end(element);
        return EnvelopeWriter.close(w);
    }

    /** The wsman:DroppedEvents item a Pull answers first when events were lost (DSP0226 §10.2.9.4, wsman:DroppedEvents). */
    static String droppedItem(long count) {
        XmlWriter d = new XmlWriter(128);
        WsEnvelopes.writeDropped(d, count);
        return d.toString();
    }

    /**
     * A PullResponse on a subscription's context: the items already encoded (the events fitted to the
     * budget as they were taken), the context unchanged and never EndOfSequence.
     */
    static String pulled(String contextId, java.util.List<String> items, String relatesTo) {
        XmlWriter w = EnvelopeWriter.open(Ns.WSEN + "/PullResponse", relatesTo, 8192);
        w.start("wsen:PullResponse");
        w.element("wsen:EnumerationContext", contextId);
        w.start("wsen:Items");
        items.forEach(w::raw);
        w.end("wsen:Items");
        w.end("wsen:PullResponse");
        return EnvelopeWriter.close(w);
    }
}
