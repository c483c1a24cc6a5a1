package org.xenwbem.provider.server;

import java.util.List;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Callback;
import org.xenwbem.provider.cimom.RequestContext;
import org.xenwbem.provider.wsman.WsmanService;

/** POST /wsman: the WS-Man service's answer to the body ({@link ProtocolHandler}: bounded, logged). */
final class WsmanHandler extends ProtocolHandler {
    private final WsmanService service;

    WsmanHandler(WsmanService service, long maxBody) {
        super("wsman", List.of("POST"), maxBody);
        this.service = service;
    }

    @Override
    Answer answer(Request request, byte[] body, RequestContext caller) {
        WsmanService.Response r = service.handle(body, request.getHeaders().get(HttpHeader.CONTENT_TYPE), caller,
                address(request), Caller.anonymous(request));
        return new Answer(r.action() + " " + (r.resourceUri() == null ? "-" : r.resourceUri()), r.outcome(),
                (response, callback) -> {
                    response.setStatus(r.status());
                    response.getHeaders().put(HttpHeader.CONTENT_TYPE, r.contentType());
                    // a pooled page goes back once Jetty is done with its bytes, whatever the outcome
                    response.write(true, r.content(), Callback.from(callback.getInvocationType(), () -> {
                        r.release();
                        callback.succeeded();
                    }, x -> {
                        r.release();
                        callback.failed(x);
                    }));
                });
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
