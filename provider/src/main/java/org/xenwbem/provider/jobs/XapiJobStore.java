package org.xenwbem.provider.jobs;

import java.time.Duration;
import java.util.Map;
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
 * {@link #destroy} return when the mirror shows what they did (read-your-writes).
 */
public final class XapiJobStore implements JobStore {
    private static final Logger LOG = LoggerFactory.getLogger(XapiJobStore.class);
    /** How long a write waits for the mirror before it gives up waiting (the write itself stands). */
    static final Duration MIRROR_WAIT = Duration.ofSeconds(10);

    private final XenBridge bridge;

    public XapiJobStore(XenBridge bridge) {
        this.bridge = bridge;
    }

    @Override
    public String create(String label, String description, Map<String, String> state) throws XenFailure {
        String task = bridge.serviceSession().tasks().create(label, description);
        bridge.serviceSession().tasks().putOtherConfig(task, state);
        awaitMirror(task, s -> s.task(task).map(t -> t.otherConfig().entrySet().containsAll(state.entrySet()))
                .orElse(false), "show");
        return task;
    }

    @Override
    public void update(String task, Map<String, String> state) throws XenFailure {
        bridge.serviceSession().tasks().putOtherConfig(task, state);
    }

    @Override
    public void destroy(String task) throws XenFailure {
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
