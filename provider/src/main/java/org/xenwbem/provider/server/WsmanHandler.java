package org.xenwbem.provider.server;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xenwbem.provider.cimom.RequestContext;
import org.xenwbem.provider.wsman.WsmanService;

/** POST /wsman: reads the body (bounded; 413 beyond), runs the WS-Man service, logs one line. */
final class WsmanHandler extends Handler.Abstract {
    private static final Logger ACCESS = LoggerFactory.getLogger("xenwbem.access");

    private final WsmanService service;
    private final long maxBody;

    WsmanHandler(WsmanService service, long maxBody) {
        this.service = service;
        this.maxBody = maxBody;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        long start = System.nanoTime();
        RequestContext caller = Caller.of(request);
        if (!"POST".equals(request.getMethod())) {
            response.getHeaders().put(HttpHeader.ALLOW, "POST");
            Response.writeError(request, response, callback, HttpStatus.METHOD_NOT_ALLOWED_405);
            return true;
        }
        byte[] body = Bodies.readOr413(request, response, callback, maxBody, "wsman");
        if (body == null) {
            return true;
        }
        WsmanService.Response r = service.handle(body, request.getHeaders().get(HttpHeader.CONTENT_TYPE), caller,
                address(request), Caller.anonymous(request));
        response.setStatus(r.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, r.contentType());
        response.write(true, ByteBuffer.wrap(r.body()), callback);
        ACCESS.info("wsman {} {} user={} client={} outcome={} {}ms", r.action(), r.resourceUri() == null ? "-" : r.resourceUri(),
                caller.user(), caller.clientAddress(), r.outcome(), (System.nanoTime() - start) / 1_000_000);
        return true;
    }

    /** The service address for EPRs: the scheme and authority the client used. */
    static String address(Request request) {
        HttpURI uri = request.getHttpURI();
        String host = uri.getHost();
        if (host != null && host.indexOf(':') >= 0 && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return uri.getScheme() + "://" + host + (uri.getPort() > 0 ? ":" + uri.getPort() : "") + "/wsman";
    }
}
