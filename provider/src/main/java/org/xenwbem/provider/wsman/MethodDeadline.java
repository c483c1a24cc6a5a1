package org.xenwbem.provider.wsman;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xenwbem.provider.cimom.UserLimits;

/**
 * A custom-action Invoke held to the client's wsman:OperationTimeout (DSP0226 §6.1: a service that
 * cannot complete in time answers wsman:TimedOut). The method runs on a runner thread while the HTTP
 * thread waits at most the timeout; past it the client gets TimedOut at once (it stopped waiting), and
 * the method goes on to its end, as a xapi call already sent would anyway: its outcome, or its undo
 * when it fails, is then what the instances show, and the runner ends with it (each xapi call it makes
 * is bounded by the call timeout). Runners are made on demand and end after {@link #IDLE} idle, at most
 * {@link #MAX_RUNNERS}; beyond, the method runs on the HTTP thread without the bound.
 */
final class MethodDeadline {
    private static final Logger LOG = LoggerFactory.getLogger(MethodDeadline.class);
    static final String THREAD_PREFIX = "xenwbem-method-";
    private static final int MAX_RUNNERS = 64;
    private static final Duration IDLE = Duration.ofSeconds(10);
    private static final AtomicInteger COUNT = new AtomicInteger();
    private static final ThreadPoolExecutor RUNNERS = new ThreadPoolExecutor(0, MAX_RUNNERS, IDLE.toMillis(),
            TimeUnit.MILLISECONDS, new SynchronousQueue<>(), r -> {
                Thread t = new Thread(r, THREAD_PREFIX + COUNT.incrementAndGet());
                t.setDaemon(true);
                return t;
            });

    /** The body of a method, as {@link WsmanAction#handle} runs it. */
    interface Body {
        String run() throws WsmanFault;
    }

    private MethodDeadline() {
    }

    /**
     * Runs {@code body}; TimedOut when it has not answered within {@code timeout}. The caller's operation
     * {@code slot} (may be null) then goes with the method, which keeps counting against the user's
     * concurrent operations until it ends.
     */
    static String run(String method, Duration timeout, Body body, UserLimits.Slot slot) throws WsmanFault {
        Run run = new Run(method, body);
        Future<Object> f;
        try {
            f = RUNNERS.submit(run::outcome);
        } catch (RejectedExecutionException e) {
            return body.run(); // every runner busy: the HTTP thread does it, unbounded as before
        }
        Object done;
        try {
            try {
                done = f.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                if (!run.abandon(slot)) {
                    done = f.get(); // it ended just now
                } else {
                    LOG.info("{} did not complete within the client's OperationTimeout {}; it goes on in the background",
                            method, timeout);
                    throw new WsmanFault(FaultKind.TIMED_OUT, null, "the method " + method + " did not complete"
                            + " within OperationTimeout " + timeout + " (xapi is slow); it goes on, and its outcome"
                            + " shows in the instances once xapi has answered", null);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WsmanFault(FaultKind.TIMED_OUT, null, "interrupted while " + method + " ran", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("a method body escaped its boundary", e.getCause());
        }
        if (done instanceof WsmanFault fault) {
            throw fault;
        }
        if (done instanceof RuntimeException re) {
            throw re;
        }
        return (String) done;
    }

    /** One method on a runner: running, ended, or abandoned by its client (then it ends the operation). */
    private static final class Run {
        private static final int RUNNING = 0;
        private static final int ENDED = 1;
        private static final int ABANDONED = 2;
        private final String method;
        private final Body body;
        private final AtomicInteger state = new AtomicInteger(RUNNING);
        private volatile UserLimits.Slot carried;

        Run(String method, Body body) {
            this.method = method;
            this.body = body;
        }

        /** The client stopped waiting: false when the method had just ended (its answer is there). */
        boolean abandon(UserLimits.Slot slot) {
            carried = slot == null ? null : slot.handOff();
            if (state.compareAndSet(RUNNING, ABANDONED)) {
                return true;
            }
            UserLimits.Slot s = carried; // ended meanwhile: nothing to carry; the request's own close is a no-op now
            if (s != null) {
                s.close();
            }
            return false;
        }

        Object outcome() {
            Object out = MethodDeadline.outcome(method, body);
            if (!state.compareAndSet(RUNNING, ENDED)) {
                LOG.info("{} ended after its client had timed out: {}", method,
                        out instanceof Exception e ? e.getMessage() : "completed");
                UserLimits.Slot s = carried;
                if (s != null) {
                    s.close();
                }
            }
            return out;
        }
    }

    /** The answer, or the fault or runtime failure it ended with (handed to the waiting thread as a value). */
    private static Object outcome(String method, Body body) {
        try {
            return body.run();
        } catch (WsmanFault | RuntimeException e) { // boundary: handed to the waiting thread, or logged
            return e;
        }
    }
}
