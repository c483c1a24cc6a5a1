package org.xenwbem.provider.server;

import java.util.List;
import java.util.function.BiConsumer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xenwbem.provider.cimom.RequestContext;

/**
 * What the two protocol endpoints ({@code /wsman}, {@code /cimom}) share: the allowed methods (405
 * with {@code Allow} otherwise), the body read within its bound ({@link Bodies}: 413, 408, 400), and
 * one access line per answered request — {@code <protocol> <what> user= client= outcome= <ms>ms}.
 * A protocol supplies the checks made before the body is read and the answer to the body.
 */
abstract class ProtocolHandler extends Handler.Abstract {
    private static final Logger ACCESS = LoggerFactory.getLogger("xenwbem.access");

    /**
     * A protocol's answer: {@code send} writes status, headers and body and completes the callback;
     * then {@code what} was asked (e.g. the action and resource URI, or the CIM method) and its
     * {@code outcome} go to the access line.
     */
    record Answer(String what, String outcome, BiConsumer<Response, Callback> send) {
    }

    private final String protocol;
    private final List<String> methods;
    private final long maxBody;

    ProtocolHandler(String protocol, List<String> methods, long maxBody) {
        this.protocol = protocol;
        this.methods = List.copyOf(methods);
        this.maxBody = maxBody;
    }

    @Override
    public final boolean handle(Request request, Response response, Callback callback) throws Exception {
        long start = System.nanoTime();
        RequestContext caller = Caller.of(request);
        if (challenged(request, response, callback)) {
            return true;
        }
        if (!methods.contains(request.getMethod())) {
            response.getHeaders().put(HttpHeader.ALLOW, String.join(", ", methods));
            Response.writeError(request, response, callback, HttpStatus.METHOD_NOT_ALLOWED_405);
            return true;
        }
        Answer answer = beforeBody(request);
        if (answer == null) {
            byte[] body = Bodies.readOr413(request, response, callback, maxBody, protocol);
            if (body == null) {
                return true;
            }
            answer = answer(request, body, caller);
        }
        answer.send().accept(response, callback);
        ACCESS.info("{} {} user={} client={} outcome={} {}ms", protocol, answer.what(), caller.user(),
                caller.clientAddress(), answer.outcome(), (System.nanoTime() - start) / 1_000_000);
        return true;
    }

    /** Answers a caller who must authenticate first (and returns true); by default nobody must. */
    boolean challenged(Request request, Response response, Callback callback) {
        return false;
    }

    /** The answer to a request refused on its headers, before its body is read; null to read the body. */
    Answer beforeBody(Request request) {
        return null;
    }

    /** The answer to a request whose body is in. */
    abstract Answer answer(Request request, byte[] body, RequestContext caller) throws Exception;
}
