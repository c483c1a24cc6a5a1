package org.xenwbem.provider.jobs;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xenwbem.bridge.ops.Operation;
import org.xenwbem.bridge.ops.PoolSession;
import org.xenwbem.bridge.ops.XenFailure;

/** One job while it runs: drives its work and writes its state to its task. */
final class RunningJob implements JobContext {
    private static final Logger LOG = LoggerFactory.getLogger(RunningJob.class);
    /** Progress is written at most this often (each write is a XenAPI call). */
    private static final long PROGRESS_INTERVAL_MS = 1000;
    /**
     * How long the final state is retried while xapi cannot be reached (restart, outage): without it a
     * job that ended during the outage would read Running for ever.
     */
    static final Duration FINAL_WRITE_PATIENCE = Duration.ofMinutes(2);
    private static final long FINAL_WRITE_MAX_BACKOFF_MS = 2000;

    private final String task;
    private final JobStore store;
    private final PoolSession session;
    private final Clock clock;
    private final Consumer<String> onFinish;
    private volatile boolean killed;
    private volatile Operation current;
    private volatile int lastPercent;
    private volatile long lastWrite;

    RunningJob(String task, JobStore store, PoolSession session, Clock clock, Consumer<String> onFinish) {
        this.task = task;
        this.store = store;
        this.session = session;
        this.clock = clock;
        this.onFinish = onFinish;
    }

    void run(JobWork work) {
        Map<String, String> end = new LinkedHashMap<>();
        try {
            write(Map.of(JobState.STATE, Integer.toString(JobState.RUNNING)));
            String result = work.run(this);
            end.put(JobState.STATE, Integer.toString(killed ? JobState.KILLED : JobState.COMPLETED));
            end.put(JobState.PERCENT, "100");
            end.put(JobState.RESULT, result == null ? "" : result);
        } catch (XenFailure f) {
            boolean cancelled = f.kind() == XenFailure.Kind.CANCELLED || killed;
            end.put(JobState.STATE, Integer.toString(cancelled ? JobState.KILLED : JobState.EXCEPTION));
            end.put(JobState.ERROR_CODE, f.code());
            end.put(JobState.ERROR_DESCRIPTION, describe(f));
        } catch (JobFailure f) {
            end.put(JobState.STATE, Integer.toString(killed ? JobState.KILLED : JobState.EXCEPTION));
            end.put(JobState.ERROR_CODE, Integer.toString(f.code()));
            end.put(JobState.ERROR_DESCRIPTION, f.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            end.put(JobState.STATE, Integer.toString(JobState.KILLED));
            end.put(JobState.ERROR_CODE, "INTERRUPTED");
            end.put(JobState.ERROR_DESCRIPTION, "the daemon stopped while the job ran");
        } catch (RuntimeException e) {
            LOG.error("job {} failed", task, e);
            end.put(JobState.STATE, Integer.toString(JobState.EXCEPTION));
            end.put(JobState.ERROR_CODE, "INTERNAL_ERROR");
            end.put(JobState.ERROR_DESCRIPTION, "internal error: " + e.getClass().getSimpleName());
        } finally {
            end.put(JobState.FINISHED, Long.toString(clock.instant().getEpochSecond()));
            // the entries reach xapi one call at a time: the final state goes last, so a reader that
            // sees it also sees PercentComplete 100 or the ErrorDescription
            String state = end.remove(JobState.STATE);
            if (state != null) {
                end.put(JobState.STATE, state);
            }
            writeFinal(end);
            session.close();
            onFinish.accept(task);
        }
    }

    private static String describe(XenFailure f) {
        if (f.kind() == XenFailure.Kind.UNAVAILABLE) {
            return "xapi cannot be reached: " + f.getMessage();
        }
        return f.params().isEmpty() ? f.code() : f.code() + " " + String.join(" ", f.params());
    }

    @Override
    public PoolSession session() {
        return session;
    }

    @Override
    public String follow(Operation op, int from, int to, Duration timeout) throws XenFailure, JobFailure {
        if (killed) {
            op.cancel();
        }
        current = op;
        try {
            write(Map.of(JobState.SUBTASK, op.taskUuid()));
            return op.await(timeout, p -> progress(from + (int) Math.round(p * (to - from))));
        } finally {
            current = null;
        }
    }

    @Override
    public void progress(int percent) {
        long now = clock.millis();
        if (percent > lastPercent && (now - lastWrite >= PROGRESS_INTERVAL_MS || percent >= 100)) {
            lastPercent = percent;
            write(Map.of(JobState.PERCENT, Integer.toString(Math.min(100, percent))));
        }
    }

    @Override
    public boolean killed() {
        return killed;
    }

    void kill() {
        killed = true;
        Operation op = current;
        if (op != null) {
            try {
                op.cancel();
            } catch (XenFailure e) {
                LOG.info("cancelling job {}'s operation failed: {}", task, e.getMessage());
            }
        }
    }

    /** The job's last word must reach its task: retried with back-off while xapi is unreachable. */
    private void writeFinal(Map<String, String> state) {
        long deadline = System.nanoTime() + FINAL_WRITE_PATIENCE.toNanos();
        long backoff = 100;
        while (true) {
            lastWrite = clock.millis();
            try {
                store.update(task, state);
                return;
            } catch (XenFailure e) {
                if (e.kind() != XenFailure.Kind.UNAVAILABLE || System.nanoTime() - deadline > 0
                        || !pause(backoff)) {
                    LOG.warn("could not record the final state of job {}: {}", task, e.getMessage());
                    return;
                }
                LOG.info("job {} ended while xapi cannot be reached ({}); recording its state again", task,
                        e.getMessage());
                backoff = Math.min(FINAL_WRITE_MAX_BACKOFF_MS, backoff * 2);
            }
        }
    }

    private static boolean pause(long ms) {
        try {
            Thread.sleep(ms);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void write(Map<String, String> state) {
        lastWrite = clock.millis();
        try {
            store.update(task, state);
        } catch (XenFailure e) {
            LOG.warn("could not record the state of job {}: {}", task, e.getMessage());
        }
    }
}
