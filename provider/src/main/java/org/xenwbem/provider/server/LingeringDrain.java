package org.xenwbem.provider.server;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Callback;

/**
 * Reads and drops what is left of a request's body after its answer was sent with
 * {@code Connection: close}, then completes the request, so the connection closes cleanly: closing
 * a socket with unread bytes makes the kernel reset it, and a reset can destroy the answer before
 * the client has read it. Demand-driven (no thread waits for the bytes) and bounded in bytes and
 * time: past either bound the connection is closed as it is.
 */
final class LingeringDrain implements Runnable {
    /** The most of a body read after an early answer. */
    static final long MAX_BYTES = 4L * 1024 * 1024;
    /** The longest a connection lingers for the rest of a body after an early answer. */
    static final long MAX_MILLIS = 2_000;

    private final Request request;
    private final Callback callback;
    private final AtomicBoolean done = new AtomicBoolean();
    private long total;

    private LingeringDrain(Request request, Callback callback) {
        this.request = request;
        this.callback = callback;
    }

    /** Starts draining; {@code callback} completes once the body ended or a bound was reached. */
    static void start(Request request, Callback callback) {
        if (request.getHeaders().contains(HttpHeader.EXPECT, "100-continue") || request.getLength() > MAX_BYTES) {
            callback.succeeded(); // the client sends nothing more, or too much to wait for
            return;
        }
        LingeringDrain d = new LingeringDrain(request, callback);
        request.getComponents().getScheduler().schedule(d::finish, MAX_MILLIS, TimeUnit.MILLISECONDS);
        d.run();
    }

    @Override
    public void run() {
        while (!done.get()) {
            Content.Chunk chunk = request.read();
            if (chunk == null) {
                request.demand(this);
                return;
            }
            boolean last = chunk.isLast() || Content.Chunk.isFailure(chunk);
            total += chunk.remaining();
            chunk.release();
            if (last || total > MAX_BYTES) {
                finish();
                return;
            }
        }
    }

    private void finish() {
        if (done.compareAndSet(false, true)) {
            callback.succeeded();
        }
    }
}
