package org.xenwbem.provider.wsman;

import java.time.Duration;

/** WS-Enumeration GetStatus and Renew: report or extend how long an idle context lives. */
final class EnumerationStatus {
    private EnumerationStatus() {
    }

    static final WsmanAction GET_STATUS = new TypedAction<>(ContextRequest::getStatus,
            (q, ex) -> execute(q, ex, false), EnumerationEncoder::status);
    static final WsmanAction RENEW = new TypedAction<>(ContextRequest::renew,
            (q, ex) -> execute(q, ex, true), EnumerationEncoder::status);

    /** How long the context now lives when idle; for Renew, the context it renewed (null for GetStatus). */
    record Status(Duration expires, String renewedContext) {
    }

    private static Status execute(ContextRequest q, Exchange ex, boolean renew) throws WsmanFault {
        EnumerationContexts.Context c = ex.contexts().take(q.contextId(), ex.caller().user());
        if (renew && q.expires() != null) {
            c.renew(q.expires());
        }
        return new Status(c.idle(), renew ? c.id : null);
    }
}
