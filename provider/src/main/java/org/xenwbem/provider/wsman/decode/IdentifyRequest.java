package org.xenwbem.provider.wsman.decode;

import org.xenwbem.provider.wsman.WsmanRequest;

/** wsmid:Identify (DSP0226 §11): the request carries nothing the answer depends on. */
public record IdentifyRequest() {

    public static IdentifyRequest decode(WsmanRequest req) {
        return new IdentifyRequest();
    }
}
