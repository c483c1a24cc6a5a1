package org.xenwbem.provider.wsman;

import java.util.List;

/** WS-Transfer Create (DSP0226 §7.5): the class named by the resource URI and the new instance's representation. */
record CreateRequest(String resourceUri, List<WsmanRequest.Selector> selectors, InstanceBody body) {

    public static CreateRequest decode(WsmanRequest req) throws WsmanFault {
        return new CreateRequest(req.resourceUri(), req.selectors(), InstanceBody.required(req.body(), "Create"));
    }
}
