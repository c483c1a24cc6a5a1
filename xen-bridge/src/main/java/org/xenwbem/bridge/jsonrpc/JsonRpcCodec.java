package org.xenwbem.bridge.jsonrpc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xenwbem.bridge.xmlrpc.XenApiResult;

/**
 * The JSON-RPC envelopes of XenAPI (xenapi.md §2.4), both directions. A XenAPI failure is
 * {@code {"code":1,"message":CODE,"data":[params…]}} in v2 and {@code ["CODE",params…]} in v1;
 * xapi's error code for every XenAPI failure is 1 ({@code api_server_common.ml error_code_lit}).
 */
public final class JsonRpcCodec {
    /** The JSON-RPC error code xapi uses for every XenAPI failure. */
    public static final long XENAPI_ERROR_CODE = 1;

    private JsonRpcCodec() {
    }

    public static String request(JsonRpcVersion version, long id, String method, List<?> params) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (version == JsonRpcVersion.V2) {
            m.put("jsonrpc", "2.0");
        }
        m.put("method", method);
        m.put("params", params);
        m.put("id", id);
        return JsonWriter.write(m);
    }

    /** Decodes a request; v2 exactly when the body has {@code "jsonrpc":"2.0"}. */
    public static JsonRpcRequest readRequest(String body, int maxChars, int maxDepth) throws JsonFormatException {
        if (!(JsonReader.parse(body, maxChars, maxDepth) instanceof Map<?, ?> m)) {
            throw new JsonFormatException("a JSON-RPC request is an object");
        }
        JsonRpcVersion version = "2.0".equals(m.get("jsonrpc")) ? JsonRpcVersion.V2 : JsonRpcVersion.V1;
        if (!(m.get("method") instanceof String method) || method.isEmpty()) {
            throw new JsonFormatException("missing method");
        }
        Object params = m.containsKey("params") ? m.get("params") : List.of();
        if (!(params instanceof List<?> list)) {
            throw new JsonFormatException("params must be an array");
        }
        Object id = m.get("id");
        if (version == JsonRpcVersion.V2 && id == null) {
            throw new JsonFormatException("a v2 request needs a non-null id");
        }
        return new JsonRpcRequest(version, id, method, new ArrayList<>(list));
    }

    /** Encodes the response to {@code request}. */
    public static String response(JsonRpcRequest request, XenApiResult result) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (request.version() == JsonRpcVersion.V2) {
            m.put("jsonrpc", "2.0");
            if (result instanceof XenApiResult.Success s) {
                m.put("result", s.value());
            } else {
                m.put("error", v2Error(((XenApiResult.Failure) result).errorDescription()));
            }
        } else if (result instanceof XenApiResult.Success s) {
            m.put("result", s.value());
            m.put("error", null);
        } else {
            m.put("result", null);
            m.put("error", ((XenApiResult.Failure) result).errorDescription());
        }
        m.put("id", request.id());
        return JsonWriter.write(m);
    }

    private static Map<String, Object> v2Error(List<String> description) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("code", XENAPI_ERROR_CODE);
        e.put("message", description.get(0));
        e.put("data", description.subList(1, description.size()));
        return e;
    }

    /** Decodes a response of either version into the XenAPI outcome. */
    public static XenApiResult readResponse(String body, int maxChars) throws JsonFormatException {
        if (!(JsonReader.parse(body, maxChars, JsonReader.DEFAULT_MAX_DEPTH) instanceof Map<?, ?> m)) {
            throw new JsonFormatException("a JSON-RPC response is an object");
        }
        Object error = m.get("error");
        if (error == null) {
            if (!m.containsKey("result")) {
                throw new JsonFormatException("response has neither result nor error");
            }
            return new XenApiResult.Success(m.get("result"));
        }
        return new XenApiResult.Failure(errorDescription(error));
    }

    private static List<String> errorDescription(Object error) throws JsonFormatException {
        List<String> out = new ArrayList<>();
        if (error instanceof List<?> v1 && !v1.isEmpty()) {
            v1.forEach(p -> out.add(String.valueOf(p)));
            return out;
        }
        if (error instanceof Map<?, ?> v2 && v2.get("message") instanceof String code && !code.isEmpty()) {
            out.add(code);
            if (v2.get("data") instanceof List<?> data) {
                data.forEach(p -> out.add(String.valueOf(p)));
            } else if (v2.get("data") != null) {
                out.add(String.valueOf(v2.get("data")));
            }
            return out;
        }
        throw new JsonFormatException("unreadable JSON-RPC error");
    }
}
