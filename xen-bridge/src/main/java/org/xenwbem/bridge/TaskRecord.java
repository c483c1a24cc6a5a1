package org.xenwbem.bridge;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A XenAPI {@code task}. {@code status} is pending, success, failure, cancelling or cancelled;
 * {@code progress} 0..1. {@code result} is the UUID of the resulting object when xapi's result is a
 * reference, else the raw XML-RPC value text (e.g. {@code <value>…</value>}), "" when none.
 * {@code errorInfo} is the XenAPI error (code, then parameters) of a failed task. {@code finished} may be null.
 */
public record TaskRecord(String uuid, String nameLabel, String nameDescription, String status, double progress,
                         Instant created, Instant finished, String result, List<String> errorInfo,
                         Map<String, String> otherConfig, String residentOnHostUuid,
                         List<String> allowedOperations) {
    public TaskRecord {
        errorInfo = List.copyOf(errorInfo);
        otherConfig = Map.copyOf(otherConfig);
        allowedOperations = List.copyOf(allowedOperations);
    }

    /** True once the task has ended (success, failure or cancelled). */
    public boolean done() {
        return "success".equals(status) || "failure".equals(status) || "cancelled".equals(status);
    }
}
