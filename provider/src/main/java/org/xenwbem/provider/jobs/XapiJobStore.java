package org.xenwbem.provider.jobs;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.bridge.XenBridge;
import org.xenwbem.bridge.ops.XenFailure;

/**
 * Job state in xapi tasks, written with the daemon's service session. Jobs are read from the pool
 * mirror, which learns of a write only when xapi's event for it arrives; so that a job is readable the
 * instant its reference is returned (and gone once DeleteInstance answers), {@link #create} and
 * {@link #destroy} return when the mirror shows what they did (read-your-writes). The entries are written
 * whole, in one {@code task.set_other_config} of what this store wrote before plus the change (a reader
 * sees them all at once, and a slow xapi costs two calls a write, not two per entry); a task this store
 * did not create (before a restart) gets its entries one by one. Every write to a job's task goes through
 * here ({@link JobManager#record}): a write beside it would be undone by the next whole-map write.
 */
public final class XapiJobStore implements JobStore {
    private static final Logger LOG = LoggerFactory.getLogger(XapiJobStore.class);
    /** How long a write waits for the mirror before it gives up waiting (the write itself stands). */
    static final Duration MIRROR_WAIT = Duration.ofSeconds(10);

    private final XenBridge bridge;
    /** What each running job's task holds in other_config, as written here; dropped once final. */
    private final Map<String, Map<String, String>> written = new ConcurrentHashMap<>();

    public XapiJobStore(XenBridge bridge) {
        this.bridge = bridge;
    }

    @Override
    public String create(String label, String description, Map<String, String> state) throws XenFailure {
        String task = bridge.serviceSession().tasks().create(label, description, state);
        written.put(task, new LinkedHashMap<>(state));
        awaitMirror(task, s -> s.task(task).map(t -> t.otherConfig().entrySet().containsAll(state.entrySet()))
                .orElse(false), "show");
        return task;
    }

    @Override
    public void update(String task, Map<String, String> state) throws XenFailure {
        Map<String, String> mine = written.get(task);
        if (mine == null) {
            bridge.serviceSession().tasks().putOtherConfig(task, state);
            return;
        }
        // One writer per task at a time: the job's own thread and a method recording its results
        // (StorageJobs, DiskConnections, ...) both write here, and a whole-map write must not drop
        // what the other wrote between the read of `mine` and the call.
        String s = state.get(JobState.STATE);
        boolean last = s != null && s.matches("\\d{1,9}") && JobState.finished(Integer.parseInt(s));
        synchronized (mine) {
            try {
                Map<String, String> all = new LinkedHashMap<>(mine);
                all.putAll(state);
                bridge.serviceSession().tasks().setOtherConfig(task, all);
                mine.putAll(state);
            } finally {
                if (last) { // kept for no job past its final write, whether or not xapi took it
                    written.remove(task);
                }
            }
        }
    }

    @Override
    public void destroy(String task) throws XenFailure {
        written.remove(task);
        bridge.serviceSession().tasks().destroy(task);
        awaitMirror(task, s -> s.task(task).isEmpty(), "drop");
    }

    private void awaitMirror(String task, Predicate<PoolSnapshot> seen, String what) {
        try {
            if (!bridge.mirror().await(seen, MIRROR_WAIT)) {
                LOG.warn("the pool mirror did not {} job {} within {} s; a read may miss it until xapi's event arrives",
                        what, task, MIRROR_WAIT.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
