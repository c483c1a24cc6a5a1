package org.xenwbem.bridge.sim;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xenwbem.bridge.xmlrpc.BodyTooLargeException;
import org.xenwbem.bridge.xmlrpc.MethodCall;
import org.xenwbem.bridge.xmlrpc.XenApiResult;
import org.xenwbem.bridge.xmlrpc.XmlRpcFormatException;
import org.xenwbem.bridge.xmlrpc.XmlRpcReader;
import org.xenwbem.bridge.xmlrpc.XmlRpcWriter;

/**
 * XenAPI XML-RPC over HTTP as xapi serves it (xenapi.md §2.2–2.3): {@code POST /} and
 * {@code POST /RPC2}, {@code Content-Type: text/xml}, {@code Access-Control-Allow-Origin: *}; every
 * XenAPI outcome is HTTP 200 with a Status struct (never a {@code <fault>}); an unparsable request is
 * HTTP 500 with an HTML body. This is the simulator's request boundary.
 */
final class SimXmlRpcHandler extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(SimXmlRpcHandler.class);
    /** Requests are small; 8 MiB is far beyond any legitimate call. */
    private static final int MAX_REQUEST_BYTES = 8 << 20;

    private final SimDispatcher dispatcher;
    private final SimCounters counters;
    private final XmlRpcReader reader = new XmlRpcReader(MAX_REQUEST_BYTES);

    SimXmlRpcHandler(SimDispatcher dispatcher, SimCounters counters) {
        this.dispatcher = dispatcher;
        this.counters = counters;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        if (!"/".equals(path) && !"/RPC2".equals(path)) {
            return false;
        }
        if (!HttpMethod.POST.is(request.getMethod())) {
            Response.writeError(request, response, callback, HttpStatus.METHOD_NOT_ALLOWED_405);
            return true;
        }
        try {
            MethodCall call = readCall(request);
            counters.record(call.methodName());
            XenApiResult result = dispatcher.dispatch(call);
            byte[] body = XmlRpcWriter.methodResponse(result.toStruct()).getBytes(StandardCharsets.UTF_8);
            response.setStatus(HttpStatus.OK_200);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/xml");
            response.getHeaders().put(HttpHeader.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
            response.write(true, ByteBuffer.wrap(body), callback);
        } catch (BodyTooLargeException e) {
            Response.writeError(request, response, callback, HttpStatus.PAYLOAD_TOO_LARGE_413);
        } catch (XmlRpcFormatException | IOException e) {
            LOG.debug("rejecting malformed XML-RPC request: {}", e.getMessage());
            Response.writeError(request, response, callback, HttpStatus.INTERNAL_SERVER_ERROR_500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Response.writeError(request, response, callback, HttpStatus.SERVICE_UNAVAILABLE_503);
        } catch (RuntimeException e) {
            // request boundary: a simulator bug must not kill the connection silently
            LOG.warn("simulator failed on a request", e);
            Response.writeError(request, response, callback, HttpStatus.INTERNAL_SERVER_ERROR_500);
        }
        return true;
    }

    private MethodCall readCall(Request request) throws IOException, XmlRpcFormatException {
        try (InputStream in = Content.Source.asInputStream(request)) {
            return reader.readCall(reader.readBody(in));
        }
    }
}
