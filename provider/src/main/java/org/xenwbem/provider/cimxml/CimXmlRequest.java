package org.xenwbem.provider.cimxml;

import java.util.Map;
import org.w3c.dom.Element;

/** A decoded simple intrinsic method call: message id, method, namespace and its IPARAMVALUEs. */
record CimXmlRequest(String messageId, String protocolVersion, String method, String namespace,
                     Map<String, Element> params) {
    Element param(String name) {
        for (Map.Entry<String, Element> e : params.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }
}
