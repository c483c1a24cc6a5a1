package org.xenwbem.bridge.jsonrpc;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A decoded JSON-RPC call. {@code id} is echoed back as received (number or string). */
public record JsonRpcRequest(JsonRpcVersion version, Object id, String method, List<Object> params) {
    public JsonRpcRequest {
        params = Collections.unmodifiableList(new ArrayList<>(params));
    }

    /** Never prints parameters: they carry session references and passwords. */
    @Override
    public String toString() {
        return "JsonRpcRequest[" + version + ", " + method + ", " + params.size() + " params]";
    }
}
