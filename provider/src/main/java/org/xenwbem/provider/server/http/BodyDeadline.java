package org.xenwbem.provider.server.http;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * A request whose body has a deadline: {@code timeout} from the end of its headers, plus one
 * second for every {@code minRate} bytes received (Apache's mod_reqtimeout {@code body=20,MinRate=500}
 * works the same way). Each byte used to reset Jetty's 60 s idle timeout, so a body sent a byte at
 * a time held a request thread for as long as the client liked. Past the deadline a read answers a
 * terminal {@link RequestTimeout} failure, which the handler answers with 408; a reader waiting
 * for bytes that do not come is woken at the deadline by a timer.
 */
final class BodyDeadline extends Request.Wrapper {
    private final Scheduler scheduler;
    private final java.util.concurrent.Executor executor;
    private final long start = System.nanoTime();
    private final long timeoutNanos;
    private final long nanosPerByte;
    private volatile long received;
    private volatile Content.Chunk failure;

    BodyDeadline(Request request, Scheduler scheduler, java.util.concurrent.Executor executor, long timeoutNanos,
                 int minRate) {
        super(request);
        this.scheduler = scheduler;
        this.executor = executor;
        this.timeoutNanos = timeoutNanos;
        this.nanosPerByte = Math.max(1, 1_000_000_000L / minRate);
    }

    /** Nanoseconds left before the deadline (negative: past it). */
    long remaining() {
        long allowed = timeoutNanos + (received >= Long.MAX_VALUE / nanosPerByte ? Long.MAX_VALUE / 2 : received * nanosPerByte);
        return allowed - (System.nanoTime() - start);
    }

    @Override
    public Content.Chunk read() {
        Content.Chunk f = failure;
        if (f != null) {
            return f;
        }
        Content.Chunk chunk = super.read();
        if (chunk != null) {
            received += chunk.remaining();
            return chunk;
        }
        return remaining() <= 0 ? fail() : null;
    }

    private Content.Chunk fail() {
        Content.Chunk f = Content.Chunk.from(new RequestTimeout("request body not received in time: " + received
                + " bytes in " + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start) + " s"), true);
        failure = f;
        return f;
    }

    @Override
    public void demand(Runnable demand) {
        long left = remaining();
        if (failure != null || left <= 0) {
            demand.run(); // the next read answers the failure
            return;
        }
        AtomicBoolean done = new AtomicBoolean();
        Runnable once = () -> {
            if (done.compareAndSet(false, true)) {
                demand.run();
            }
        };
        // the reader's callback may go on to handle the request: on a request thread, not the scheduler's
        Scheduler.Task timer = scheduler.schedule(() -> executor.execute(once), left, TimeUnit.NANOSECONDS);
        super.demand(() -> {
            timer.cancel();
            once.run();
        });
    }
}
