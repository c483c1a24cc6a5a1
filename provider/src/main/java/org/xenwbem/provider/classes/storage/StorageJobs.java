package org.xenwbem.provider.classes.storage;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xenwbem.bridge.ops.PoolSession;
import org.xenwbem.bridge.ops.XenFailure;
import org.xenwbem.provider.cimom.CimException;
import org.xenwbem.provider.cimom.RequestContext;
import org.xenwbem.provider.jobs.JobContext;
import org.xenwbem.provider.jobs.JobFailure;
import org.xenwbem.provider.jobs.JobManager;
import org.xenwbem.provider.jobs.JobWork;
import org.xenwbem.provider.methods.MethodEnvironment;

/**
 * The storage methods' jobs ({@code Xen_Job} on a xapi task, anchor §6): the work is told its own task,
 * records what it produced ({@code Result}, a CIM path) and the path it took ({@code StoragePath}) in the
 * task, and whatever it made is undone ({@link StorageUndo}) when it fails or is killed.
 */
final class StorageJobs {
    private static final Logger LOG = LoggerFactory.getLogger(StorageJobs.class);
    static final String JOB_CLASS = "Xen_Job";
    /** Xen_Job properties a storage job fills (other_config keys of the same name). */
    static final String RESULT = "Result";
    static final String PATH = "StoragePath";

    /** The body of a storage job, told its task uuid. */
    @FunctionalInterface
    interface Work {
        String run(JobContext jc, String task) throws XenFailure, JobFailure, InterruptedException;
    }

    private final MethodEnvironment env;

    StorageJobs(MethodEnvironment env) {
        this.env = env;
    }

    JobManager.JobRef submit(RequestContext ctx, String lockKey, String method, String description, PoolSession session,
                             StorageUndo undo, Work work) throws CimException, XenFailure {
        CompletableFuture<String> task = new CompletableFuture<>();
        JobWork undoing = jc -> {
            try {
                return work.run(jc, task.get(30, TimeUnit.SECONDS));
            } catch (XenFailure | JobFailure | InterruptedException | RuntimeException e) {
                undo.undo(jc.session());
                throw e;
            } catch (ExecutionException | TimeoutException e) {
                undo.undo(jc.session());
                throw new JobFailure((int) MethodEnvironment.FAILED, "the job could not start: " + e.getMessage());
            }
        };
        try {
            JobManager.JobRef ref = env.jobs().submit(JOB_CLASS, lockKey, method, description, session, undoing);
            task.complete(ref.taskUuid());
            return ref;
        } catch (XenFailure f) {
            task.completeExceptionally(f);
            throw f;
        }
    }

    /** Records job properties in the task (through the daemon's session: the caller's may not write tasks). */
    void record(String task, String result, String path) {
        Map<String, String> entries = new LinkedHashMap<>();
        if (result != null) {
            entries.put(RESULT, result);
        }
        if (path != null) {
            entries.put(PATH, path);
        }
        try {
            env.jobs().record(task, entries);
        } catch (XenFailure f) {
            LOG.warn("could not record {} in job {}: {}", entries.keySet(), task, f.code());
        }
    }
}
