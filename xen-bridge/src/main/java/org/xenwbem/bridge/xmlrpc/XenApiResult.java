package org.xenwbem.bridge.xmlrpc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The XenAPI response envelope carried in every XML-RPC response (xenapi.md §2.3):
 * {@code {Status: "Success", Value: v}} or {@code {Status: "Failure", ErrorDescription: [code, params…]}}.
 */
public sealed interface XenApiResult {
    /** The struct to encode as the response value. */
    Map<String, Object> toStruct();

    record Success(Object value) implements XenApiResult {
        @Override
        public Map<String, Object> toStruct() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("Status", "Success");
            m.put("Value", value);
            return m;
        }
    }

    record Failure(List<String> errorDescription) implements XenApiResult {
        public Failure {
            if (errorDescription.isEmpty()) {
                throw new IllegalArgumentException("ErrorDescription needs at least a code");
            }
            errorDescription = List.copyOf(errorDescription);
        }

        @Override
        public Map<String, Object> toStruct() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("Status", "Failure");
            m.put("ErrorDescription", errorDescription);
            return m;
        }
    }

    /** Reads the envelope from a decoded response value. */
    static XenApiResult fromStruct(Object response) throws XmlRpcFormatException {
        if (!(response instanceof Map<?, ?> m)) {
            throw new XmlRpcFormatException("XenAPI response is not a struct");
        }
        Object status = m.get("Status");
        if ("Success".equals(status)) {
            return new Success(m.get("Value"));
        }
        if ("Failure".equals(status) && m.get("ErrorDescription") instanceof List<?> desc && !desc.isEmpty()) {
            List<String> strings = new ArrayList<>(desc.size());
            for (Object o : desc) {
                strings.add(String.valueOf(o));
            }
            return new Failure(strings);
        }
        throw new XmlRpcFormatException("XenAPI response without a valid Status");
    }
}
