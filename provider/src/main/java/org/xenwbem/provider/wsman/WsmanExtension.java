package org.xenwbem.provider.wsman;

import org.xenwbem.provider.cimom.CimOperations;
import org.xenwbem.provider.cimom.RequestContext;

/**
 * A WS-Management action implemented outside this package (e.g. WS-Eventing), registered with
 * {@link WsmanService#register}. It returns the complete response envelope (build it with
 * {@link EnvelopeWriter}) or throws a {@link WsmanFault}, which the service renders.
 */
@FunctionalInterface
public interface WsmanExtension {
    /** What an extension may use besides the request. */
    record Call(RequestContext caller, String address, CimOperations ops) {
    }

    String handle(WsmanRequest req, Call call) throws WsmanFault;

    /**
     * A source of Pull responses for contexts it issued (e.g. pull-mode event subscriptions): the
     * Pull action asks each registered source before looking up enumeration contexts.
     */
    interface PullSource {
        boolean owns(String contextId);

        /** Answers a wsen:Pull on a context this source owns. */
        String pull(WsmanRequest req, Call call, String contextId) throws WsmanFault;
    }
}
