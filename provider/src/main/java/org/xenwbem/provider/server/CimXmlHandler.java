package org.xenwbem.provider.server;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.xenwbem.provider.cimom.RequestContext;
import org.xenwbem.provider.cimxml.CimXmlHeaders;
import org.xenwbem.provider.cimxml.CimXmlService;

/**
 * POST (or M-POST) /cimom per DSP0200 §7: header names case-insensitive (Jetty's HttpFields are),
 * the extension headers checked before the body is read ({@link CimXmlHeaders}: CIMObject
 * %-decoded, P10), CIMOperation: MethodResponse on answers, CIMError on HTTP errors. The body bound
 * and the access line are {@link ProtocolHandler}'s.
 */
final class CimXmlHandler extends ProtocolHandler {
    /** The request attribute holding the headers accepted before the body was read. */
    private static final String HEADERS = CimXmlHandler.class.getName() + ".headers";

    private final CimXmlService service;

    CimXmlHandler(CimXmlService service, long maxBody) {
        super("cimxml", List.of("POST", "M-POST"), maxBody);
        this.service = service;
    }

    @Override
    boolean challenged(Request request, Response response, Callback callback) {
        if (!Caller.anonymous(request)) {
            return false;
        }
        response.setStatus(HttpStatus.UNAUTHORIZED_401);
        response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Basic realm=\"" + AuthHandler.REALM + "\"");
        callback.succeeded();
        return true;
    }

    @Override
    Answer beforeBody(Request request) {
        try {
            request.setAttribute(HEADERS, CimXmlHeaders.check(request.getMethod(), name -> request.getHeaders().get(name)));
            return null;
        } catch (CimXmlHeaders.Rejected e) {
            return answer(new CimXmlService.Response(e.status, (e.getMessage() + "\n")
                    .getBytes(StandardCharsets.UTF_8), e.cimError, "-", "bad request: " + e.getMessage()));
        }
    }

    @Override
    Answer answer(Request request, byte[] body, RequestContext caller) {
        CimXmlHeaders headers = (CimXmlHeaders) request.getAttribute(HEADERS);
        return answer(service.handle(body, "MethodCall", headers.method(), headers.object(), caller,
                request.getHttpURI().getHost() + (request.getHttpURI().getPort() > 0 ? ":" + request.getHttpURI().getPort() : "")));
    }

    /** The service's response, headed as DSP0200 §7 says. */
    private static Answer answer(CimXmlService.Response r) {
        return new Answer(r.method(), r.outcome(), (response, callback) -> send(r, response, callback));
    }

    private static void send(CimXmlService.Response r, Response response, Callback callback) {
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
