package org.xenwbem.bridge.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.xenwbem.bridge.xmlrpc.XmlRpcWriter;

/**
 * {@code Async.} calls (xenapi.md §2.5): each becomes a {@code task} object that a background worker
 * completes after a short delay. {@code result} holds the XML-RPC serialisation of the return value
 * ({@code <value>…</value>}); failures fill {@code error_info}. {@code task.cancel} is allowed while
 * the task is pending; the work then ends as {@code cancelled} with TASK_CANCELLED.
 */
final class SimTasks {
    private static final String TASK = "task";

    private final SimDatabase db;
    private final String hostRef;
    private final Duration delay;
    private final ExecutorService workers;

    /** How long a task runs before completing (the simulated hosts also take a few of these to boot). */
    Duration delay() {
        return delay;
    }

    SimTasks(SimDatabase db, String hostRef, Duration delay) {
        this.db = db;
        this.hostRef = hostRef;
        this.delay = delay;
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "sim-task-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * {@code task.create}: a pending task a client drives itself (as xenwbem's jobs do); it stays
     * pending until cancelled or destroyed.
     */
    String create(String name, String description) {
        String task = db.create(TASK, SimRecords.task(db.newUuid(), name, hostRef, Instant.now()));
        db.set(TASK, task, "name_description", description);
        return task;
    }

    /** Creates a pending task named {@code name} and schedules {@code work}; returns the task ref. */
    String submit(String name, Supplier<Object> work) {
        String task = db.create(TASK, SimRecords.task(db.newUuid(), name, hostRef, Instant.now()));
        workers.execute(() -> run(task, work));
        return task;
    }

    private void run(String task, Supplier<Object> work) {
        try {
            Thread.sleep(delay.toMillis());
            setProgress(task, 0.5);
            if (isCancelling(task)) {
                finish(task, "cancelled", "", List.of("TASK_CANCELLED", task));
                return;
            }
            Object result = work.get();
            finish(task, "success", XmlRpcWriter.value(result), List.of());
        } catch (SimFault f) {
            finish(task, "failure", "", f.description());
        } catch (RuntimeException e) {
            // the job runner is a boundary: a simulator bug fails the task instead of vanishing
            finish(task, "failure", "", List.of("INTERNAL_ERROR", e.toString()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void setProgress(String task, double progress) {
        db.atomically(() -> {
            if (db.exists(TASK, task)) {
                db.set(TASK, task, "progress", progress);
            }
            return null;
        });
    }

    private boolean isCancelling(String task) {
        return db.atomically(() -> db.exists(TASK, task) && "cancelling".equals(db.get(TASK, task, "status")));
    }

    private void finish(String task, String status, String result, List<String> errorInfo) {
        db.atomically(() -> {
            if (!db.exists(TASK, task)) {
                return null;
            }
            db.set(TASK, task, "status", status);
            db.set(TASK, task, "progress", 1.0);
            db.set(TASK, task, "result", result);
            db.set(TASK, task, "error_info", errorInfo);
            db.set(TASK, task, "finished", Instant.now());
            db.set(TASK, task, "allowed_operations", List.of());
            return null;
        });
    }

    Object cancel(String task) {
        return db.atomically(() -> {
            db.record(TASK, task);
            if (!"pending".equals(db.get(TASK, task, "status"))) {
                throw new SimFault("OPERATION_NOT_ALLOWED", "task " + task + " is not pending");
            }
            db.set(TASK, task, "status", "cancelling");
            db.set(TASK, task, "allowed_operations", List.of());
            return "";
        });
    }

    Object destroy(String task) {
        db.delete(TASK, task);
        return "";
    }

    void close() {
        workers.shutdownNow();
        try {
            workers.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
