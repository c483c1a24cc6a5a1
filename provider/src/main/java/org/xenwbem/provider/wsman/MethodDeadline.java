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

    /** Runs {@code body}; TimedOut when it has not answered within {@code timeout}. */
    static String run(String method, Duration timeout, Body body) throws WsmanFault {
        java.util.concurrent.atomic.AtomicBoolean abandoned = new java.util.concurrent.atomic.AtomicBoolean();
        Future<Object> f;
        try {
            f = RUNNERS.submit(() -> outcome(method, body, abandoned));
        } catch (RejectedExecutionException e) {
            return body.run(); // every runner busy: the HTTP thread does it, unbounded as before
        }
        Object done;
        try {
            done = f.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            LOG.info("{} did not complete within the client's OperationTimeout {}; it goes on in the background",
                    method, timeout);
            abandoned.set(true);
            throw new WsmanFault(FaultKind.TIMED_OUT, null, "the method " + method + " did not complete within"
                    + " OperationTimeout " + timeout + " (xapi is slow); it goes on, and its outcome shows in the"
                    + " instances once xapi has answered", null);
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

    /** The answer, or the fault or runtime failure it ended with (handed to the waiting thread as a value). */
    private static Object outcome(String method, Body body, java.util.concurrent.atomic.AtomicBoolean abandoned) {
        Object out;
        try {
            out = body.run();
        } catch (WsmanFault | RuntimeException e) { // boundary: handed to the waiting thread, or logged
            out = e;
        }
        if (abandoned.get()) {
            LOG.info("{} ended after its client had timed out: {}", method,
                    out instanceof Exception e ? e.getMessage() : "completed");
        }
        return out;
    }
}
