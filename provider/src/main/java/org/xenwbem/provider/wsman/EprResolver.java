package org.xenwbem.provider.wsman;

import org.w3c.dom.Element;
import org.xenwbem.cim.CimObjectPath;
import org.xenwbem.cim.xml.CimDecodeException;
import org.xenwbem.cim.xml.SafeXml;
import org.xenwbem.cim.xml.WsCimDecoder;

/**
 * Types a decoded endpoint reference as an object path; the executing side supplies it, since the
 * selector values are typed by the named class's key declarations.
 */
@FunctionalInterface
interface EprResolver {
    CimObjectPath path(WsmanRequest.Epr epr) throws WsmanFault;

    /** A reader for the WS-CIM decoder: an element holding a wsa:EndpointReference, or its content. */
    default WsCimDecoder.EprReader reader() {
        return holder -> {
            Element epr = SafeXml.child(holder, Ns.WSA, "EndpointReference");
            try {
                return path(WsmanDecoder.epr(epr != null ? epr : holder, 1));
            } catch (WsmanFault f) {
                throw new CimDecodeException("bad endpoint reference: " + f.getMessage(), f);
            }
        };
    }
}
