package org.xenwbem.provider.wsman.eventing;

import org.xenwbem.provider.wsman.MessageIds;
import org.xenwbem.cim.xml.XmlWriter;
import org.xenwbem.provider.cimom.indications.Indication;
import org.xenwbem.provider.wsman.Ns;

/**
 * The messages the service sends on its own (DSP0226 §10.2.9–10.2.11, §10.6): events, heartbeats,
 * DroppedEvents notices and SubscriptionEnd, addressed to an EPR: {@code wsa:To} is its address and
 * its reference parameters are copied as header blocks (WS-Addressing 2004/08 §2.2).
 */
final class WsEnvelopes {
    private WsEnvelopes() {
    }

    static String newMessageId() {
        return MessageIds.next();
    }

    /** Opens Envelope, writes the header, opens Body; close with {@link #close}. */
    static XmlWriter open(SubscribeRequest.Target to, String action, String messageId, boolean ackRequested) {
        XmlWriter w = new XmlWriter(4096);
        w.start("s:Envelope").attr("xmlns:s", Ns.SOAP).attr("xmlns:wsa", Ns.WSA).attr("xmlns:wsman", Ns.WSMAN)
                .attr("xmlns:wse", Wse.NS);
        w.start("s:Header");
        w.element("wsa:To", to.address().toString());
        w.start("wsa:Action").attr("s:mustUnderstand", "true").text(action).end("wsa:Action");
        w.element("wsa:MessageID", messageId);
        if (ackRequested) {
            w.start("wsa:ReplyTo").element("wsa:Address", Ns.ANONYMOUS).end("wsa:ReplyTo");
            w.start("wsman:AckRequested").end("wsman:AckRequested");
        }
        to.referenceParameters().forEach(w::raw);
        w.end("s:Header");
        w.start("s:Body");
        return w;
    }

    static String close(XmlWriter w) {
        w.end("s:Body");
        w.end("s:Envelope");
        return w.toString();
    }

    static String event(SubscribeRequest.Target to, String messageId, boolean ack, Indication ind, String address) {
        XmlWriter w = open(to, Wse.ACTION_EVENT, messageId, ack);
        IndicationXml.writeWsCim(w, ind, address);
        return close(w);
    }

    static String heartbeat(SubscribeRequest.Target to, String messageId, boolean ack) {
        return close(open(to, Wse.ACTION_HEARTBEAT, messageId, ack));
    }

    static String dropped(SubscribeRequest.Target to, String messageId, boolean ack, long count) {
        XmlWriter w = open(to, Wse.ACTION_DROPPED, messageId, ack);
        writeDropped(w, count);
        return close(w);
    }

    static void writeDropped(XmlWriter w, long count) {
        w.start("wsman:DroppedEvents").attr("Action", Wse.ACTION_EVENT).text(Long.toString(count))
                .end("wsman:DroppedEvents");
    }

    /** wse:SubscriptionEnd with the manager EPR, a status URI and a reason. */
    static String subscriptionEnd(SubscribeRequest.Target endTo, WseSubscription s, String status, String reason) {
        XmlWriter w = open(endTo, Wse.SUBSCRIPTION_END, newMessageId(), false);
        w.start("wse:SubscriptionEnd");
        writeManager(w, s);
        w.element("wse:Status", status);
        w.start("wse:Reason").attr("xml:lang", "en-US").text(reason).end("wse:Reason");
        w.end("wse:SubscriptionEnd");
        return close(w);
    }

    /** {@code <wse:SubscriptionManager>}: the service address, the resource URI and wse:Identifier. */
    static void writeManager(XmlWriter w, WseSubscription s) {
        w.start("wse:SubscriptionManager");
        w.element("wsa:Address", s.managerAddress());
        w.start("wsa:ReferenceParameters");
        w.element("wsman:ResourceURI", s.request().resourceUri());
        w.start("wse:Identifier").attr("xmlns:wse", Wse.NS).text(s.id()).end("wse:Identifier");
        w.end("wsa:ReferenceParameters");
        w.end("wse:SubscriptionManager");
    }
}
