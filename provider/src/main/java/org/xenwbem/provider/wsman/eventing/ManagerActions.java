package org.xenwbem.provider.wsman.eventing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.xenwbem.provider.wsman.WsmanExtension;
import org.xenwbem.provider.wsman.WsmanFault;
import org.xenwbem.provider.wsman.WsmanRequest;

/**
 * The subscription manager's actions (WS-Eventing §3.2–3.4, DSP0226 §10.3–10.5): Renew, GetStatus
 * and Unsubscribe, on the subscription named by the wse:Identifier header and held by the caller.
 * Each is decoded by {@link SubscribeDecoder#manager}, executed here and answered by {@link EventingEncoder}.
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
        ManagerRequest q = decoder.manager(req, "Renew");
        WseSubscription s = subs.find(q.identifier(), call.caller().user());
        Instant until = clock.instant().plus(q.expires());
        s.core().renew(until);
        return EventingEncoder.renewed(new EventingEncoder.Expiry(until, q.expires(), q.expiresAsDate()),
                req.messageId());
    }

    private String getStatus(WsmanRequest req, WsmanExtension.Call call) throws WsmanFault {
        ManagerRequest q = decoder.manager(req, "GetStatus");
        WseSubscription s = subs.find(q.identifier(), call.caller().user());
        Duration left = Duration.between(clock.instant(), s.core().expiresAt());
        return EventingEncoder.status(new EventingEncoder.Expiry(s.core().expiresAt(), left,
                s.request().expiresAsDate()), req.messageId());
    }

    private String unsubscribe(WsmanRequest req, WsmanExtension.Call call) throws WsmanFault {
        ManagerRequest q = decoder.manager(req, "Unsubscribe");
        WseSubscription s = subs.find(q.identifier(), call.caller().user());
        subs.end(s, null, "unsubscribed by " + call.caller().user());
        return EventingEncoder.unsubscribed(req.messageId());
    }
}
