package org.xenwbem.provider.wsman;


/** wsmid:Identify (DSP0226 §11): the request carries nothing the answer depends on. */
record IdentifyRequest() {

    public static IdentifyRequest decode(WsmanRequest req) {
        return new IdentifyRequest();
    }
}
