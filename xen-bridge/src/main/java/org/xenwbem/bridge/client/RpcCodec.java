package org.xenwbem.bridge.client;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.xenwbem.bridge.jsonrpc.JsonFormatException;
import org.xenwbem.bridge.jsonrpc.JsonRpcCodec;
import org.xenwbem.bridge.jsonrpc.JsonRpcVersion;
import org.xenwbem.bridge.xmlrpc.XenApiResult;
import org.xenwbem.bridge.xmlrpc.XmlRpcFormatException;
import org.xenwbem.bridge.xmlrpc.XmlRpcReader;
import org.xenwbem.bridge.xmlrpc.XmlRpcWriter;

/** One RPC wire encoding on the client side: where to POST, how to encode a call, how to read the answer. */
interface RpcCodec {
    String contentType();

    /** The HTTP path to POST to, given the configured URL. */
    String path(URI configured);

    byte[] encode(String method, List<?> params);

    /** The XenAPI outcome; a body that is not a valid response is a transport failure. */
    XenApiResult decode(String method, byte[] body) throws XenApiTransportException;

    static RpcCodec of(XenApiProtocol protocol) {
        return switch (protocol) {
            case XML_RPC -> new Xml();
            case JSON_RPC -> new Json(JsonRpcVersion.V2);
            case JSON_RPC_V1 -> new Json(JsonRpcVersion.V1);
        };
    }

    /** XML-RPC, posted to the configured URL itself. */
    final class Xml implements RpcCodec {
        private final XmlRpcReader reader = new XmlRpcReader();

        @Override
        public String contentType() {
            return "text/xml";
        }

        @Override
        public String path(URI configured) {
            String p = configured.getRawPath();
            return p == null || p.isEmpty() || "unix".equals(configured.getScheme()) ? "/" : p;
        }

        @Override
        public byte[] encode(String method, List<?> params) {
            return XmlRpcWriter.methodCall(method, params).getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public XenApiResult decode(String method, byte[] body) throws XenApiTransportException {
            try {
                return XenApiResult.fromStruct(reader.readResponse(body));
            } catch (XmlRpcFormatException e) {
                throw new XenApiTransportException(method + ": unreadable response: " + e.getMessage(), e);
            }
        }
    }

    /** JSON-RPC v1 or v2 on {@code /jsonrpc}. */
    final class Json implements RpcCodec {
        private final JsonRpcVersion version;
        private final AtomicLong ids = new AtomicLong();

        Json(JsonRpcVersion version) {
            this.version = version;
        }

        @Override
        public String contentType() {
            return "application/json";
        }

        @Override
        public String path(URI configured) {
            String p = configured.getRawPath();
            return p != null && p.endsWith("/jsonrpc") && !"unix".equals(configured.getScheme()) ? p : "/jsonrpc";
        }

        @Override
        public byte[] encode(String method, List<?> params) {
            return JsonRpcCodec.request(version, ids.incrementAndGet(), method, params).getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public XenApiResult decode(String method, byte[] body) throws XenApiTransportException {
            try {
                return JsonRpcCodec.readResponse(new String(body, StandardCharsets.UTF_8), Integer.MAX_VALUE);
            } catch (JsonFormatException e) {
                throw new XenApiTransportException(method + ": unreadable response: " + e.getMessage(), e);
            }
        }
    }
}
