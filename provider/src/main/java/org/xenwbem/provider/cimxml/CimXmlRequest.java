package org.xenwbem.provider.cimxml;

import java.util.List;
import java.util.Map;
import org.w3c.dom.Element;
import org.xenwbem.cim.CimObjectPath;

/**
 * A decoded simple request: message id, method, namespace, and either the IPARAMVALUEs of an
 * intrinsic call or the target path and PARAMVALUEs of an extrinsic METHODCALL.
 */
record CimXmlRequest(String messageId, String protocolVersion, String method, String namespace,
                     Map<String, Element> params, CimObjectPath target, List<Element> paramValues) {
    boolean extrinsic() {
        return target != null;
    }

    Element param(String name) {
        for (Map.Entry<String, Element> e : params.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }
}
