package org.xenwbem.provider.jobs;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xenwbem.bridge.ops.PoolSession;
import org.xenwbem.bridge.ops.XenFailure;

/**
 * Starts jobs (a xapi task holding the job's CIM state, then the work on a job thread, serialized
 * per lock key), kills them, and destroys finished ones after their expiry.
 */
public final class JobManager implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JobManager.class);

    /** A started job: its task uuid and CIM class. */
    public record JobRef(String taskUuid, String jobClass) {
    }

    private final JobStore store;
    private final KeyedExecutor executor;
    private final Duration expiry;
    private final Clock clock;
    private final Supplier<String> thisHost;
    private final Map<String, RunningJob> running = new ConcurrentHashMap<>();
    private final Map<String, Long> finishedAt = new ConcurrentHashMap<>();
    private final ScheduledExecutorService sweeper;

    public JobManager(JobStore store, int threads, Duration expiry, Clock clock, Supplier<String> thisHost) {
        this.store = store;
        this.executor = new KeyedExecutor(threads, "xenwbem-job");
        this.expiry = expiry;
        this.clock = clock;
        this.thisHost = thisHost;
        this.sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "xenwbem-job-expiry");
            t.setDaemon(true);
            return t;
        });
        long period = Math.max(1, Math.min(60, expiry.toSeconds() / 2));
        sweeper.scheduleWithFixedDelay(this::expire, period, period, TimeUnit.SECONDS);
    }

    /**
     * Creates the job (its task exists when this returns, so the caller can hand out its path) and
     * queues the work behind any other job on the same key. The job owns {@code session} and
     * closes it when done.
     */
    public JobRef submit(String jobClass, String lockKey, String method, String description, PoolSession session,
                         JobWork work) throws XenFailure {
        Map<String, String> state = new LinkedHashMap<>();
        state.put(JobState.CLASS, jobClass);
        state.put(JobState.STATE, Integer.toString(JobState.NEW));
        state.put(JobState.PERCENT, "0");
        state.put(JobState.OWNER, session.user());
        state.put(JobState.HOST, String.valueOf(thisHost.get()));
        state.put(JobState.METHOD, method);
        state.put(JobState.STARTED, Long.toString(clock.instant().getEpochSecond()));
        String task;
        try {
            task = store.create(method, description, state);
        } catch (XenFailure e) {
            session.close();
            throw e;
        }
        RunningJob job = new RunningJob(task, store, session, clock, this::finished);
        running.put(task, job);
        executor.submit(lockKey, () -> job.run(work));
        LOG.info("job {} {} started for {} ({})", task, method, session.user(), jobClass);
        return new JobRef(task, jobClass);
    }

    /**
     * Records properties of a job (its result, the storage path it took, a transfer's URI) in its task,
     * beside the state the job itself writes: through the store, which owns every write to a job's task.
     */
    public void record(String taskUuid, Map<String, String> entries) throws XenFailure {
        store.update(taskUuid, entries);
    }

    /** KillJob / RequestStateChange(Kill): cancels the running xapi operation of a job on this host. */
    public boolean kill(String taskUuid) {
        RunningJob job = running.get(taskUuid);
        if (job == null) {
            return false;
        }
        job.kill();
        return true;
    }

    /** True while a job of this daemon is queued or running. */
    public boolean isRunning(String taskUuid) {
        return running.containsKey(taskUuid);
    }

    /** Removes a finished job's task (DeleteInstance). */
    public void delete(String taskUuid) throws XenFailure {
        finishedAt.remove(taskUuid);
        store.destroy(taskUuid);
    }

    private void finished(String task) {
        running.remove(task);
        finishedAt.put(task, clock.millis());
    }

    private void expire() {
        long now = clock.millis();
        for (Map.Entry<String, Long> e : finishedAt.entrySet()) {
            if (now - e.getValue() >= expiry.toMillis()) {
                try {
                    store.destroy(e.getKey());
                } catch (XenFailure f) {
                    if (f.kind() != XenFailure.Kind.NOT_FOUND) {
                        LOG.warn("could not remove expired job {}: {}", e.getKey(), f.getMessage());
                        continue;
                    }
                }
                finishedAt.remove(e.getKey());
            }
        }
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
        running.values().forEach(RunningJob::kill);
        executor.close();
    }
}
