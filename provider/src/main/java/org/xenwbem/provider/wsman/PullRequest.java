package org.xenwbem.provider.wsman;

import org.w3c.dom.Element;

/**
 * WS-Enumeration Pull (DSP0226 §8.4): the context, wsen:MaxElements (1 when absent, P5),
 * wsen:MaxCharacters ({@link Long#MAX_VALUE} when absent) and whether RequestTotalItemsCountEstimate
 * was asked for.
 */
record PullRequest(String contextId, long maxElements, long maxCharacters, boolean countEstimate) {

    public static PullRequest decode(WsmanRequest req) throws WsmanFault {
        Element pull = Bodies.required(req.body(), Ns.WSEN, "Pull", "wsen");
        String max = Bodies.text(pull, Ns.WSEN, "MaxElements");
        String chars = Bodies.text(pull, Ns.WSEN, "MaxCharacters");
        return new PullRequest(Bodies.text(pull, Ns.WSEN, "EnumerationContext"),
                max == null ? 1 : Bodies.positive(max, "MaxElements"),
                chars == null ? Long.MAX_VALUE : Bodies.positive(chars, "MaxCharacters"),
                EnumerateRequest.countRequested(req, pull));
    }

    /** Only the context a Pull names (null when none), for asking whether an event source issued it. */
    public static String contextId(WsmanRequest req) throws WsmanFault {
        return Bodies.text(Bodies.required(req.body(), Ns.WSEN, "Pull", "wsen"), Ns.WSEN, "EnumerationContext");
    }
}
