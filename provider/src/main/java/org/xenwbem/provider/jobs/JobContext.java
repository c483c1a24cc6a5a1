package org.xenwbem.provider.jobs;

import java.time.Duration;
import org.xenwbem.bridge.ops.Operation;
import org.xenwbem.bridge.ops.PoolSession;
import org.xenwbem.bridge.ops.XenFailure;

/** What a running job may do: use the caller's session, follow xapi operations, report progress. */
public interface JobContext {
    /** The caller's own session (their RBAC), opened when the method was invoked. */
    PoolSession session();

    /**
     * Waits for an operation, mapping its progress into [from, to] percent of the job; returns
     * its result uuid. Killing the job cancels the operation.
     */
    String follow(Operation op, int from, int to, Duration timeout) throws XenFailure, JobFailure;

    void progress(int percent);

    /** True once the job was killed; long work should stop at the next step. */
    boolean killed();
}
