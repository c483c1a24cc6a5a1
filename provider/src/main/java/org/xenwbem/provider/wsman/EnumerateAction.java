package org.xenwbem.provider.wsman;

import org.xenwbem.provider.cimom.CimException;
import org.xenwbem.provider.cimom.InstanceCursor;

/**
 * WS-Enumeration Enumerate (DSP0226 §8.2) with EnumerationMode, OptimizeEnumeration/MaxElements,
 * wsen:Expires and RequestTotalItemsCountEstimate (the header DSP0226 §8.2.2 defines; the body form
 * too). Opens a context over the filter's result; the items are read lazily by the encoder: an
 * optimized Enumerate returns what fits the envelope (within the server's ceiling, see {@link Limits}),
 * and the rest stays in the context for Pull. A request that fails after opening its context releases it.
 */
final class EnumerateAction {
    static final WsmanAction ACTION = new TypedAction<>(EnumerateRequest::decode, EnumerateAction::execute,
            EnumerationEncoder::enumerate);

    private EnumerateAction() {
    }

    static EnumerationEncoder.Page execute(EnumerateRequest q, Exchange ex) throws WsmanFault {
        EnumerationFilter.Result result = EnumerationFilter.run(q, ex);
        long estimate = q.countEstimate() ? count(result.cursor(), ex) : -1;
        EnumerationContexts.Context c = ex.contexts().create(ex.caller().user(), result.cursor(), q.mode(), result.uri(),
                q.excludeNil(), q.expires());
        ex.onFailure(() -> ex.contexts().release(c));
        return new EnumerationEncoder.Page(c, q.maxElements(), Long.MAX_VALUE, estimate);
    }

    /** How many items a fresh traversal of {@code cursor} yields now (the cursor does not move). */
    static long count(InstanceCursor cursor, Exchange ex) throws WsmanFault {
        try {
            return cursor.count(ex.caller());
        } catch (CimException e) {
            throw Faults.from(e);
        }
    }
}
