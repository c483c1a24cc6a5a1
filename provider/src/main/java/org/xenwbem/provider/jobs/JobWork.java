package org.xenwbem.provider.jobs;

import org.xenwbem.bridge.ops.XenFailure;

/** The body of a job: runs on a job thread, reports through its {@link JobContext}. */
@FunctionalInterface
public interface JobWork {
    /** Returns the uuid of what the job produced (a new VM, …) or "" when nothing. */
    String run(JobContext ctx) throws XenFailure, JobFailure, InterruptedException;
}
