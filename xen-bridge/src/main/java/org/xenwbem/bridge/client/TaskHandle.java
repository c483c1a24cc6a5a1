package org.xenwbem.bridge.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.DoubleConsumer;
import org.xenwbem.bridge.xmlrpc.XmlRpcFormatException;
import org.xenwbem.bridge.xmlrpc.XmlRpcReader;

/**
 * A xapi task started by an {@code Async.} call (xenapi.md §2.5). {@link #await} polls
 * {@code task.get_record} (every 20 ms at first, backing off ×1.5 to at most 1 s), reports progress,
 * and on completion destroys the task and returns the decoded {@code result} (an XML-RPC fragment such
 * as {@code <value>OpaqueRef:…</value>}, over JSON-RPC too), or throws the task's {@code error_info} as
 * a {@link XenApiException} (TASK_CANCELLED after {@link #cancel()}). On timeout the task keeps running
 * and is not destroyed: cancel it, await again, or {@link #close()} it. The task ref is never shown.
 */
public final class TaskHandle implements AutoCloseable {
    static final Duration FIRST_POLL = Duration.ofMillis(20);
    static final Duration MAX_POLL = Duration.ofSeconds(1);

    private final XenApiSession session;
    private final String ref;
    private final String method;
    private volatile boolean destroyed;

    TaskHandle(XenApiSession session, String ref, String method) {
        this.session = session;
        this.ref = ref;
        this.method = method;
    }

    /** The {@code Async.} call that created the task. */
    public String method() {
        return method;
    }

    /** The task's UUID (jobs are xapi tasks; callers keep UUIDs, never refs). */
    public String uuid() throws XenApiException, XenApiTransportException {
        return String.valueOf(session.call("task.get_uuid", ref));
    }

    public Object await(Duration timeout) throws XenApiException, XenApiTransportException, TimeoutException {
        return await(timeout, p -> { });
    }

    /**
     * Waits for the task to finish; {@code progress} sees each new progress value (0..1) on this thread.
     * Returns the decoded result ("" for a void call).
     */
    public Object await(Duration timeout, DoubleConsumer progress)
            throws XenApiException, XenApiTransportException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long interval = FIRST_POLL.toMillis();
        double lastProgress = -1;
        while (true) {
            Map<?, ?> rec = record();
            double p = rec.get("progress") instanceof Number n ? n.doubleValue() : parse(rec.get("progress"));
            if (p != lastProgress && p >= 0) {
                lastProgress = p;
                progress.accept(p);
            }
            String status = String.valueOf(rec.get("status"));
            if (!"pending".equals(status) && !"cancelling".equals(status)) {
                return finish(status, rec);
            }
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                throw new TimeoutException(method + " still " + status + " after " + timeout);
            }
            sleep(Math.min(interval, left));
            interval = Math.min(MAX_POLL.toMillis(), interval * 3 / 2);
        }
    }

    /** {@code task.cancel}: the task then ends as cancelled and {@link #await} throws TASK_CANCELLED. */
    public void cancel() throws XenApiException, XenApiTransportException {
        session.call("task.cancel", ref);
    }

    /** Destroys the task if {@link #await} has not; never throws. */
    @Override
    public void close() {
        if (destroyed) {
            return;
        }
        try {
            destroy();
        } catch (XenApiException | XenApiTransportException e) {
            // best effort: xapi garbage-collects finished tasks anyway
            destroyed = true;
        }
    }

    private Map<?, ?> record() throws XenApiException, XenApiTransportException {
        Object rec = session.call("task.get_record", ref);
        if (!(rec instanceof Map<?, ?> m)) {
            throw new XenApiTransportException("task.get_record returned no record");
        }
        return m;
    }

    /** The outcome of a finished task; the task is destroyed in every case (quietly: xapi also GCs tasks). */
    private Object finish(String status, Map<?, ?> rec) throws XenApiException, XenApiTransportException {
        try {
            return switch (status) {
                case "success" -> decode(rec.get("result") == null ? "" : String.valueOf(rec.get("result")));
                case "cancelled" -> throw new XenApiException(errorInfo(rec, List.of("TASK_CANCELLED", ref)));
                default -> throw new XenApiException(errorInfo(rec, List.of("INTERNAL_ERROR", "task " + status
                        + " without error_info")));
            };
        } finally {
            close();
        }
    }

    private static List<String> errorInfo(Map<?, ?> rec, List<String> fallback) {
        List<String> out = new ArrayList<>();
        if (rec.get("error_info") instanceof List<?> l) {
            l.forEach(o -> out.add(String.valueOf(o)));
        }
        return out.isEmpty() ? fallback : out;
    }

    private Object decode(String result) throws XenApiTransportException {
        if (result.isBlank()) {
            return "";
        }
        try {
            return new XmlRpcReader().readValueFragment(result);
        } catch (XmlRpcFormatException e) {
            throw new XenApiTransportException(method + ": unreadable task result: " + e.getMessage(), e);
        }
    }

    private void destroy() throws XenApiException, XenApiTransportException {
        if (!destroyed) {
            session.call("task.destroy", ref);
            destroyed = true;
        }
    }

    private static double parse(Object o) {
        try {
            return o == null ? -1 : Double.parseDouble(o.toString());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void sleep(long millis) throws XenApiTransportException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new XenApiTransportException(method + ": interrupted while waiting for the task", e);
        }
    }

    @Override
    public String toString() {
        return "TaskHandle[" + method + (destroyed ? ", destroyed" : "") + "]";
    }
}
