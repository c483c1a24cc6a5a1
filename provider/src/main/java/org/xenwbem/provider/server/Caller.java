package org.xenwbem.provider.server;

import org.eclipse.jetty.server.Request;
import org.xenwbem.provider.cimom.RequestContext;

/** Request attributes set by {@link AuthHandler} for the protocol handlers. */
final class Caller {
    static final String CONTEXT = "xenwbem.caller";
    static final String ANONYMOUS = "xenwbem.anonymous";

    private Caller() {
    }

    static RequestContext of(Request r) {
        return (RequestContext) r.getAttribute(CONTEXT);
    }

    static boolean anonymous(Request r) {
        return Boolean.TRUE.equals(r.getAttribute(ANONYMOUS));
    }
}
