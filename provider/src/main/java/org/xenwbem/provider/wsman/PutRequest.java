package org.xenwbem.provider.wsman;

import java.util.List;

/**
 * WS-Transfer Put (DSP0226 §7.4): the instance named by resource URI and selectors, the new
 * representation, and the property a wsman:FragmentTransfer names (null: the whole instance).
 */
record PutRequest(String resourceUri, List<WsmanRequest.Selector> selectors, WsmanRequest.Fragment fragment,
                         InstanceBody body) {

    public static PutRequest decode(WsmanRequest req) throws WsmanFault {
        return new PutRequest(req.resourceUri(), req.selectors(), req.fragment(), InstanceBody.required(req.body(), "Put"));
    }
}
