package org.xenwbem.provider.wsman;


/**
 * WS-Enumeration Pull: MaxElements (1 when absent, P5), MaxCharacters, and the envelope limit (see
 * {@link Limits}); the last page carries EndOfSequence and no context (P6), so wsl stops and
 * wslinvoke finds items in it. A Pull that faults leaves its context where it was. With
 * RequestTotalItemsCountEstimate the answer carries the enumeration's item count in its header.
 * A context issued by a registered event source is answered by that source.
 */
final class PullAction implements WsmanAction {
    private static final WsmanAction ENUMERATION = new TypedAction<>(PullRequest::decode, PullAction::execute,
            EnumerationEncoder::pull);

    @Override
    public CharSequence handle(WsmanRequest req, Exchange ex) throws WsmanFault {
        String events = eventPull(req, ex, PullRequest.contextId(req));
        return events != null ? events : ENUMERATION.handle(req, ex);
    }

    static EnumerationEncoder.Page execute(PullRequest q, Exchange ex) throws WsmanFault {
        EnumerationContexts.Context c = ex.contexts().take(q.contextId(), ex.caller().user());
        long estimate = q.countEstimate() ? count(c, ex) : -1;
        return new EnumerationEncoder.Page(c, q.maxElements(), q.maxCharacters(), estimate);
    }

    /** The answer of the event source that issued the context; null for an enumeration context. */
    private static String eventPull(WsmanRequest req, Exchange ex, String ctxId) throws WsmanFault {
        for (WsmanExtension.PullSource source : ex.service().pullSources()) {
            if (ctxId != null && source.owns(ctxId)) {
                if (req.headers().mustUnderstand().contains(Understanding.COUNT)) {
                    throw Understanding.notUnderstood(Ns.WSMAN, "RequestTotalItemsCountEstimate",
                            "on the Pull of an event subscription, whose events cannot be counted ahead");
                }
                return source.pull(req, new WsmanExtension.Call(ex.caller(), ex.address(), ex.ops()), ctxId);
            }
        }
        return null;
    }

    /** The enumeration's item count now (a fresh traversal; the context's position does not move). */
    private static long count(EnumerationContexts.Context c, Exchange ex) throws WsmanFault {
        synchronized (c) {
            return EnumerateAction.count(c.cursor, ex);
        }
    }
}
