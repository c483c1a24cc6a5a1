package org.xenwbem.provider.wsman.eventing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.w3c.dom.Element;
import org.xenwbem.cim.xml.SafeXml;
import org.xenwbem.cim.xml.XmlWriter;
import org.xenwbem.provider.wsman.EnvelopeWriter;
import org.xenwbem.provider.wsman.Ns;
import org.xenwbem.provider.wsman.WsmanExtension;
import org.xenwbem.provider.wsman.WsmanFault;
import org.xenwbem.provider.wsman.WsmanRequest;

/**
 * The subscription manager's actions (WS-Eventing §3.2–3.4, DSP0226 §10.3–10.5): Renew, GetStatus
 * and Unsubscribe, on the subscription named by the wse:Identifier header and held by the caller.
 */
final class ManagerActions {
    private final WsmanSubscriptions subs;
    private final SubscribeDecoder decoder;
    private final Clock clock;

    ManagerActions(WsmanSubscriptions subs, SubscribeDecoder decoder, Clock clock) {
        this.subs = subs;
        this.decoder = decoder;
        this.clock = clock;
    }

    final WsmanExtension renew = this::renew;
    final WsmanExtension getStatus = this::getStatus;
    final WsmanExtension unsubscribe = this::unsubscribe;

    private String renew(WsmanRequest req, WsmanExtension.Call call) throws WsmanFault {
        Element body = body(req, "Renew");
        WseSubscription s = subs.find(identifier(req), call.caller().user());
        Element expires = SafeXml.child(body, Wse.NS, "Expires");
        Duration granted = decoder.expires(expires);
        Instant until = clock.instant().plus(granted);
        s.core().renew(until);
        boolean asDate = expires != null && !SafeXml.text(expires).startsWith("P");
        return answer(Wse.RENEW_RESPONSE, "wse:RenewResponse", req, SubscribeAction.expiresText(asDate, until, granted));
    }

    private String getStatus(WsmanRequest req, WsmanExtension.Call call) throws WsmanFault {
        body(req, "GetStatus");
        WseSubscription s = subs.find(identifier(req), call.caller().user());
        Duration left = Duration.between(clock.instant(), s.core().expiresAt());
        return answer(Wse.GET_STATUS_RESPONSE, "wse:GetStatusResponse", req,
                SubscribeAction.expiresText(s.request().expiresAsDate(), s.core().expiresAt(), left));
    }

    private String unsubscribe(WsmanRequest req, WsmanExtension.Call call) throws WsmanFault {
        body(req, "Unsubscribe");
        WseSubscription s = subs.find(identifier(req), call.caller().user());
        subs.end(s, null, "unsubscribed by " + call.caller().user());
        XmlWriter w = EnvelopeWriter.open(Wse.UNSUBSCRIBE_RESPONSE, req.messageId(), 512);
        return EnvelopeWriter.close(w);
    }

    private static String answer(String action, String element, WsmanRequest req, String expires) {
        XmlWriter w = EnvelopeWriter.open(action, req.messageId(), 1024);
        w.start(element).attr("xmlns:wse", Wse.NS);
        w.element("wse:Expires", expires);
        w.end(element);
        return EnvelopeWriter.close(w);
    }

    private static Element body(WsmanRequest req, String name) throws WsmanFault {
        Element b = req.body();
        if (b == null || !Wse.NS.equals(b.getNamespaceURI()) || !name.equals(b.getLocalName())) {
            throw EventingFaults.invalidMessage("the Body must hold wse:" + name);
        }
        return b;
    }

    /** The wse:Identifier header (a reference parameter of the subscription manager EPR). */
    static String identifier(WsmanRequest req) throws WsmanFault {
        Element env = req.body().getOwnerDocument().getDocumentElement();
        Element header = SafeXml.child(env, Ns.SOAP, "Header");
        Element id = header == null ? null : SafeXml.child(header, Wse.NS, "Identifier");
        if (id == null || SafeXml.text(id).isEmpty()) {
            throw EventingFaults.invalidMessage("the request needs the wse:Identifier header of the subscription"
                    + " manager EPR");
        }
        return SafeXml.text(id);
    }
}
