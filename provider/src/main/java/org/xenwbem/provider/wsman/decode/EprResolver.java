package org.xenwbem.provider.wsman.decode;

import org.w3c.dom.Element;
import org.xenwbem.cim.CimObjectPath;
import org.xenwbem.cim.xml.CimDecodeException;
import org.xenwbem.cim.xml.SafeXml;
import org.xenwbem.cim.xml.WsCimDecoder;
import org.xenwbem.provider.wsman.Ns;
import org.xenwbem.provider.wsman.WsmanDecoder;
import org.xenwbem.provider.wsman.WsmanFault;
import org.xenwbem.provider.wsman.WsmanRequest;

/**
 * Types a decoded endpoint reference as an object path; the executing side supplies it, since the
 * selector values are typed by the named class's key declarations.
 */
@FunctionalInterface
public interface EprResolver {
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
