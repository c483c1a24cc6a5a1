package org.xenwbem.provider.wsman;

import java.time.Duration;

/**
 * WS-Enumeration Release, GetStatus and Renew (DSP0226 §8.5–8.7): the context they act on, and for
 * Renew the new wsen:Expires (null: keep the current idle time).
 */
record ContextRequest(String contextId, Duration expires) {

    public static ContextRequest release(WsmanRequest req) throws WsmanFault {
        return of(req, "Release", false);
    }

    public static ContextRequest getStatus(WsmanRequest req) throws WsmanFault {
        return of(req, "GetStatus", false);
    }

    public static ContextRequest renew(WsmanRequest req) throws WsmanFault {
        return of(req, "Renew", true);
    }

    private static ContextRequest of(WsmanRequest req, String op, boolean renew) throws WsmanFault {
        var body = Bodies.required(req.body(), Ns.WSEN, op, "wsen");
        String expires = renew ? Bodies.text(body, Ns.WSEN, "Expires") : null;
        return new ContextRequest(Bodies.text(body, Ns.WSEN, "EnumerationContext"),
                expires == null ? null : Bodies.expires(expires));
    }
}
