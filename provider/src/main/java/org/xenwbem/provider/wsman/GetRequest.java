package org.xenwbem.provider.wsman;

import java.util.List;

/**
 * WS-Transfer Get (DSP0226 §7.3): the instance named by resource URI and selectors, the property a
 * wsman:FragmentTransfer asks for (null: the whole instance), and the ExcludeNilProperties option.
 */
record GetRequest(String resourceUri, List<WsmanRequest.Selector> selectors, WsmanRequest.Fragment fragment,
                         boolean excludeNil) {

    public static GetRequest decode(WsmanRequest req) {
        return new GetRequest(req.resourceUri(), req.selectors(), req.fragment(), req.optionTrue("ExcludeNilProperties"));
    }
}
