package org.xenwbem.bridge.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.xenwbem.bridge.jsonrpc.JsonFormatException;
import org.xenwbem.bridge.jsonrpc.JsonRpcCodec;
import org.xenwbem.bridge.jsonrpc.JsonRpcVersion;
import org.xenwbem.bridge.xmlrpc.BodyTooLargeException;
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

    /**
     * The XenAPI outcome, read from the body as it arrives (at most {@code maxBytes} of it); a body that
     * is not a valid response is a transport failure. With {@code members} not null, a struct result is
     * handed to it member by member and comes back as an empty map (see
     * {@link XmlRpcReader#readResult}).
     */
    XenApiResult decode(String method, InputStream body, long maxBytes, BiConsumer<String, Object> members)
            throws XenApiTransportException, IOException;

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
        public XenApiResult decode(String method, InputStream body, long maxBytes,
                                   BiConsumer<String, Object> members) throws XenApiTransportException {
            try {
                return reader.readResult(body, maxBytes, members);
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

        /**
         * Not streamed: the document is parsed whole, then a struct result is handed out member by member,
         * each dropped from the decoded result once handed out.
         */
        @Override
        public XenApiResult decode(String method, InputStream body, long maxBytes,
                                   BiConsumer<String, Object> members) throws XenApiTransportException, IOException {
            XenApiResult result = parse(method, body, maxBytes);
            if (members != null && result instanceof XenApiResult.Success s && s.value() instanceof Map<?, ?> m) {
                handOut(m, members);
                return new XenApiResult.Success(Map.of());
            }
            return result;
        }

        private static XenApiResult parse(String method, InputStream body, long maxBytes)
                throws XenApiTransportException, IOException {
            byte[] bytes = body.readNBytes((int) Math.min(maxBytes, Integer.MAX_VALUE - 8) + 1);
            if (bytes.length > maxBytes) {
                throw new BodyTooLargeException(maxBytes);
            }
            try {
                return JsonRpcCodec.readResponse(new String(bytes, StandardCharsets.UTF_8), Integer.MAX_VALUE);
            } catch (JsonFormatException e) {
                throw new XenApiTransportException(method + ": unreadable response: " + e.getMessage(), e);
            }
        }

        private static void handOut(Map<?, ?> struct, BiConsumer<String, Object> members) {
            for (Iterator<? extends Map.Entry<?, ?>> i = struct.entrySet().iterator(); i.hasNext(); ) {
                Map.Entry<?, ?> e = i.next();
                members.accept(String.valueOf(e.getKey()), e.getValue());
                i.remove();
            }
        }
    }
}
