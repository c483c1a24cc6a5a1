package org.xenwbem.provider.server.http;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Calls the next handler once the request's body has arrived, so that a slow body holds no
 * request thread: the body is read as its bytes come (no thread waits for them; the request's
 * {@link BodyDeadline} still applies), kept in memory up to {@code limit} bytes, and replayed to
 * the next handler, whose blocking reads then return at once. A body larger than the limit
 * (declared or found so) is handed on as it stands, for the handler's 413; a failed one with its
 * failure after the bytes that came, for the handler's 408 or 400.
 */
public final class BodyFirstHandler extends Handler.Wrapper {
    private final long limit;

    /**
     * What the handlers before this one hold for the request must last until the request completes
     * (AuthHandler's credential does), since the next handler may run after {@link #handle} returned.
     */
    public BodyFirstHandler(Handler next, long limit) {
        super(next);
        this.limit = limit;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        long declared = request.getLength();
        if (declared == 0 || declared > limit) {
            return super.handle(request, response, callback);
        }
        new Accumulator(request, response, callback, declared).run();
        return true;
    }

    /** Reads what has arrived, asks to be called again for the rest, and hands on when done. */
    private final class Accumulator implements Runnable {
        private final Request request;
        private final Response response;
        private final Callback callback;
        private byte[] bytes;
        private int size;

        Accumulator(Request request, Response response, Callback callback, long declared) {
            this.request = request;
            this.response = response;
            this.callback = callback;
            // grown as bytes come: a slow body costs what it has sent, not what it declared
            this.bytes = new byte[(int) (declared > 0 ? Math.min(declared, 8192) : 8192)];
        }

        @Override
        public void run() {
            while (true) {
                Content.Chunk chunk = request.read();
                if (chunk == null) {
                    request.demand(this);
                    return;
                }
                if (Content.Chunk.isFailure(chunk)) {
                    next(new Replay(request, Arrays.copyOf(bytes, size), chunk));
                    return;
                }
                boolean last = chunk.isLast();
                append(chunk.getByteBuffer());
                chunk.release();
                if (last || size > limit) {
                    next(new Replay(request, Arrays.copyOf(bytes, size), last ? Content.Chunk.EOF : null));
                    return;
                }
            }
        }

        private void append(ByteBuffer b) {
            int n = b.remaining();
            if (size + n > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(size + n, (int) Math.min(bytes.length * 2L, limit + 1)));
            }
            b.get(bytes, size, n);
            size += n;
        }

        private void next(Request replay) {
            try {
                if (!BodyFirstHandler.super.handle(replay, response, callback)) {
                    Response.writeError(replay, response, callback, HttpStatus.NOT_FOUND_404);
                }
            } catch (Throwable x) { // the boundary: what a handler throws fails this request only
                callback.failed(x);
            }
        }
    }

    /** The request with its body's first bytes read already: they come first, then {@code end} or the rest. */
    private static final class Replay extends Request.Wrapper {
        private Content.Chunk first;
        private final Content.Chunk end;

        Replay(Request request, byte[] body, Content.Chunk end) {
            super(request);
            this.first = body.length == 0 ? null : Content.Chunk.from(ByteBuffer.wrap(body), end == Content.Chunk.EOF);
            this.end = end;
        }

        @Override
        public Content.Chunk read() {
            Content.Chunk f = first;
            if (f != null) {
                first = null;
                return f;
            }
            return end != null ? end : super.read();
        }

        @Override
        public void demand(Runnable demand) {
            if (first != null || end != null) {
                demand.run();
            } else {
                super.demand(demand);
            }
        }
    }
}
