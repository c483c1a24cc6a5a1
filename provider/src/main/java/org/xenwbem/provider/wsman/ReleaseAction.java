package org.xenwbem.provider.wsman;


/** WS-Enumeration Release: forgets the context; a later Pull on it faults InvalidEnumerationContext. */
final class ReleaseAction {
    static final WsmanAction ACTION = new TypedAction<>(ContextRequest::release, ReleaseAction::execute,
            EnumerationEncoder::release);

    private ReleaseAction() {
    }

    /** The result of a Release: nothing but that it happened. */
    record Released() {
    }

    static Released execute(ContextRequest q, Exchange ex) throws WsmanFault {
        EnumerationContexts.Context c = ex.contexts().take(q.contextId(), ex.caller().user());
        ex.contexts().release(c);
        return new Released();
    }
}
