package org.xenwbem.provider.server;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xenwbem.provider.cimom.RequestContext;
import org.xenwbem.provider.cimxml.CimXmlHeaders;
import org.xenwbem.provider.cimxml.CimXmlService;

/**
 * POST (or M-POST) /cimom per DSP0200 §7: header names case-insensitive (Jetty's HttpFields are),
 * the extension headers checked before the body is read ({@link CimXmlHeaders}: CIMObject
 * %-decoded, P10), CIMOperation: MethodResponse on answers, CIMError on HTTP errors.
 */
final class CimXmlHandler extends Handler.Abstract {
    private static final Logger ACCESS = LoggerFactory.getLogger("xenwbem.access");

    private final CimXmlService service;
    private final long maxBody;

    CimXmlHandler(CimXmlService service, long maxBody) {
        this.service = service;
        this.maxBody = maxBody;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        long start = System.nanoTime();
        RequestContext caller = Caller.of(request);
        if (Caller.anonymous(request)) {
            response.setStatus(HttpStatus.UNAUTHORIZED_401);
            response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Basic realm=\"" + AuthHandler.REALM + "\"");
            callback.succeeded();
            return true;
        }
        if (!"POST".equals(request.getMethod()) && !"M-POST".equals(request.getMethod())) {
            response.getHeaders().put(HttpHeader.ALLOW, "POST, M-POST");
            Response.writeError(request, response, callback, HttpStatus.METHOD_NOT_ALLOWED_405);
            return true;
        }
        CimXmlHeaders headers;
        try {
            headers = CimXmlHeaders.check(request.getMethod(), name -> request.getHeaders().get(name));
        } catch (CimXmlHeaders.Rejected e) {
            answer(response, callback, new CimXmlService.Response(e.status, (e.getMessage() + "\n")
                    .getBytes(StandardCharsets.UTF_8), e.cimError, "-", "bad request: " + e.getMessage()), caller, start);
            return true;
        }
        byte[] body = Bodies.readOr413(request, response, callback, maxBody, "cimxml");
        if (body == null) {
            return true;
        }
        CimXmlService.Response r = service.handle(body, "MethodCall", headers.method(), headers.object(), caller,
                request.getHttpURI().getHost() + (request.getHttpURI().getPort() > 0 ? ":" + request.getHttpURI().getPort() : ""));
        answer(response, callback, r, caller, start);
        return true;
    }

    private static void answer(Response response, Callback callback, CimXmlService.Response r, RequestContext caller,
                               long start) {
        response.setStatus(r.status());
        if (r.status() != HttpStatus.OK_200) {
            if (r.cimError() != null) {
                response.getHeaders().put("CIMError", r.cimError());
            }
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain;charset=utf-8");
        } else {
            response.getHeaders().put("CIMOperation", "MethodResponse");
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/xml;charset=\"utf-8\"");
        }
        if (r.streamed()) {
            stream(r, response, callback);
        } else {
            response.write(true, ByteBuffer.wrap(r.body()), callback);
        }
        ACCESS.info("cimxml {} user={} client={} outcome={} {}ms", r.method(), caller.user(), caller.clientAddress(),
                r.outcome(), (System.nanoTime() - start) / 1_000_000);
    }

    /**
     * Sends a body produced while it is written (chunked): blocking writes on this request's thread,
     * so a slow reader holds back production instead of memory filling up. A failure part-way fails the
     * callback, and Jetty cuts the connection: the client sees an incomplete answer, never a short one.
     */
    private static void stream(CimXmlService.Response r, Response response, Callback callback) {
        OutputStream out = Content.Sink.asOutputStream(response);
        try {
            r.writeTo(out);
            out.close();
        } catch (IOException | RuntimeException e) {
            // not closed: closing would end the chunked body as if the answer were complete
            callback.failed(e);
            return;
        }
        callback.succeeded();
    }
}
