package org.xenwbem.provider.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.xenwbem.provider.server.http.RequestTimeout;

/** Reads request bodies with a hard size bound, so an oversize request costs at most the bound. */
final class Bodies {
    /** The body exceeded the bound: answer HTTP 413. */
    static final class TooLarge extends IOException {
        TooLarge(long limit) {
            super("request body larger than " + limit + " bytes");
        }
    }

    private Bodies() {
    }

    /**
     * Reads the body; when it exceeds the limit answers 413, logs it, and returns null so the
     * caller simply returns.
     */
    static byte[] readOr413(Request request, org.eclipse.jetty.server.Response response,
                            org.eclipse.jetty.util.Callback callback, long limit, String protocol) throws IOException {
        try {
            return read(request, limit);
        } catch (TooLarge e) {
            // most clients read the response only once they have sent the whole request: read the
            // rest (bounded) before answering; the connection closes either way
            discard(request, DRAIN_LIMIT);
            response.getHeaders().put(org.eclipse.jetty.http.HttpHeader.CONNECTION, "close");
            var caller = Caller.of(request);
            org.slf4j.LoggerFactory.getLogger("xenwbem.access").warn("{} - user={} client={} outcome=413 {}", protocol,
                    caller.user(), caller.clientAddress(), e.getMessage());
            org.eclipse.jetty.server.Response.writeError(request, response, callback,
                    org.eclipse.jetty.http.HttpStatus.PAYLOAD_TOO_LARGE_413);
            return null;
        } catch (IOException e) {
            unreadable(request, response, callback, protocol, e);
            return null;
        }
    }

    /**
     * The body could not be read: too slow (its deadline or the idle timeout passed: 408) or broken
     * (the client closed, or sent a malformed chunk: 400). A client's doing, so one access line and
     * no stack trace; the connection closes, as the rest of the body cannot be trusted.
     */
    private static void unreadable(Request request, org.eclipse.jetty.server.Response response,
                                   org.eclipse.jetty.util.Callback callback, String protocol, IOException e) {
        boolean timeout = RequestTimeout.isTimeout(e);
        int status = timeout ? org.eclipse.jetty.http.HttpStatus.REQUEST_TIMEOUT_408
                : org.eclipse.jetty.http.HttpStatus.BAD_REQUEST_400;
        var caller = Caller.of(request);
        org.slf4j.LoggerFactory.getLogger("xenwbem.access").info("{} - user={} client={} outcome={} {}", protocol,
                caller.user(), caller.clientAddress(), status,
                timeout ? "request body too slow" : "request body unreadable: " + e.getMessage());
        response.getHeaders().put(org.eclipse.jetty.http.HttpHeader.CONNECTION, "close");
        org.eclipse.jetty.server.Response.writeError(request, response, callback, status);
    }

    /** Bodies up to this size are read (and thrown away) after a 413, so that the client gets to read it. */
    static final long DRAIN_LIMIT = 64L * 1024 * 1024;

    /**
     * Reads and discards the body, at most {@code limit} bytes; true when it ended within the limit
     * (the connection can then serve the client's next request), false otherwise.
     */
    static boolean discard(Request request, long limit) {
        if (request.getLength() > limit) {
            return false;
        }
        byte[] buf = new byte[8192];
        long total = 0;
        try (InputStream in = Content.Source.asInputStream(request)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                total += n;
                if (total > limit) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false; // the client gave up; nothing more to drain
        }
    }

    /**
     * Consumes what has already arrived of the body, never waiting for more: true when that completed
     * it within {@code limit} (no body, or all of it here already), so the connection can serve the
     * client's next request; false when more is still to come, it is larger, or the client expects a
     * 100 Continue (reading would invite the body).
     */
    static boolean consumeArrived(Request request, long limit) {
        if (request.getLength() > limit
                || request.getHeaders().contains(org.eclipse.jetty.http.HttpHeader.EXPECT, "100-continue")) {
            return false;
        }
        long total = 0;
        while (true) {
            Content.Chunk chunk = request.read(); // null: nothing more has arrived yet
            if (chunk == null || Content.Chunk.isFailure(chunk)) {
                return false;
            }
            try {
                total += chunk.remaining();
                if (total > limit) {
                    return false;
                }
                if (chunk.isLast()) {
                    return true;
                }
            } finally {
                chunk.release();
            }
        }
    }

    static byte[] read(Request request, long limit) throws IOException {
        long declared = request.getLength();
        if (declared > limit) {
            throw new TooLarge(limit);
        }
        if (declared >= 0) { // Content-Length: one array of that size, no copies (Jetty holds the client to it)
            byte[] body = new byte[(int) declared];
            try (InputStream in = Content.Source.asInputStream(request)) {
                int n = in.readNBytes(body, 0, body.length);
                return n == body.length ? body : java.util.Arrays.copyOf(body, n);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
        byte[] buf = new byte[16384];
        try (InputStream in = Content.Source.asInputStream(request)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                if (out.size() + n > limit) {
                    throw new TooLarge(limit);
                }
                out.write(buf, 0, n);
            }
        }
        return out.toByteArray();
    }
}
