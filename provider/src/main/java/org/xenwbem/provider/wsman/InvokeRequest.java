package org.xenwbem.provider.wsman;

import java.util.List;

/**
 * A custom-action Invoke (DSP0227 §9): the method named by the action {@code <resourceURI>/<Method>},
 * the instance named by resource URI and selectors, and the {@code <Method>_INPUT} parameters, typed
 * against the method's declaration once the executor has found it.
 */
record InvokeRequest(String resourceUri, List<WsmanRequest.Selector> selectors, String method,
                            Parameters parameters) {

    public static InvokeRequest decode(WsmanRequest req, String method) {
        return new InvokeRequest(req.resourceUri(), req.selectors(), method, new Parameters(req.body(), method));
    }
}
