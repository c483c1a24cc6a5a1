package org.xenwbem.provider.wsman;

import java.util.List;

/** WS-Transfer Delete (DSP0226 §7.6): the instance named by resource URI and selectors; the body is ignored. */
record DeleteRequest(String resourceUri, List<WsmanRequest.Selector> selectors) {

    public static DeleteRequest decode(WsmanRequest req) {
        return new DeleteRequest(req.resourceUri(), req.selectors());
    }
}
