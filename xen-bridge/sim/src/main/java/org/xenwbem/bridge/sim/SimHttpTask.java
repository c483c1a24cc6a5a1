package org.xenwbem.bridge.sim;

import java.time.Instant;
import java.util.List;

/**
 * The {@code task_id} parameter of xapi's HTTP handlers (xenapi.md §4.4): the caller made the task
 * ({@code task.create}) and the handler reports on it — progress, then {@code success} or
 * {@code failure} with its error — instead of a task of its own. The task stays for the caller to
 * destroy. An unknown task is HANDLE_INVALID.
 */
final class SimHttpTask {
    private static final String TASK = "task";

    private SimHttpTask() {
    }

    /** The task named by {@code task_id}, or null when the parameter is absent. */
    static String resolve(SimDatabase db, String taskId) {
        if (taskId == null || taskId.isEmpty()) {
            return null;
        }
        return db.atomically(() -> {
            if (!db.exists(TASK, taskId)) {
                throw new SimFault("HANDLE_INVALID", "task", taskId);
            }
            return taskId;
        });
    }

    /** Ends the task: {@code errorInfo} empty for success. */
    static void finish(SimDatabase db, String task, List<String> errorInfo) {
        finish(db, task, errorInfo, "");
    }

    /** Ends the task with {@code result} (an XML-RPC value fragment, as xapi stores it) on success. */
    static void finish(SimDatabase db, String task, List<String> errorInfo, String result) {
        if (task == null) {
            return;
        }
        db.atomically(() -> {
            if (db.exists(TASK, task)) {
                if (errorInfo.isEmpty() && !result.isEmpty()) {
                    db.set(TASK, task, "result", result);
                }
                db.set(TASK, task, "status", errorInfo.isEmpty() ? "success" : "failure");
                db.set(TASK, task, "progress", 1.0);
                db.set(TASK, task, "error_info", errorInfo);
                db.set(TASK, task, "finished", Instant.now());
                db.set(TASK, task, "allowed_operations", List.of());
            }
            return null;
        });
    }
}
