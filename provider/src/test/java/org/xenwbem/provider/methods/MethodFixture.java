package org.xenwbem.provider.methods;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.xenwbem.bridge.BridgeConfig;
import org.xenwbem.bridge.XenBridge;
import org.xenwbem.bridge.connect.XenBridges;
import org.xenwbem.bridge.sim.SimState;
import org.xenwbem.bridge.sim.SimulatedPool;
import org.xenwbem.cim.CimObjectPath;
import org.xenwbem.cim.ClassRepository;
import org.xenwbem.cim.mof.SchemaLoader;
import org.xenwbem.provider.cimom.CimException;
import org.xenwbem.provider.cimom.Credential;
import org.xenwbem.provider.cimom.MethodProvider;
import org.xenwbem.provider.cimom.MethodResult;
import org.xenwbem.provider.cimom.RequestContext;
import org.xenwbem.provider.jobs.JobManager;
import org.xenwbem.provider.jobs.JobState;
import org.xenwbem.provider.jobs.XapiJobStore;

/**
 * A simulated pool, the real bridge mirroring it, a job manager keeping jobs as XenAPI tasks, and
 * the {@link MethodEnvironment} the method providers run in; closed after each test.
 */
public final class MethodFixture implements AutoCloseable {
    public static final String NS = MethodEnvironment.NAMESPACE;
    static final String PASSWORD = "pw";

    public final SimulatedPool pool;
    public final SimState sim;
    public final XenBridge bridge;
    public final ClassRepository classes;
    final JobManager jobs;
    public final MethodEnvironment env;

    public MethodFixture(int hosts, int vms, long seed) throws Exception {
        this(SimulatedPool.builder().hosts(hosts).vms(vms).seed(seed));
    }

    /** A pool built from {@code b} (root's password is the fixture's). */
    public MethodFixture(SimulatedPool.Builder b) throws Exception {
        pool = b.rootPassword(PASSWORD).build();
        URI url = pool.start("127.0.0.1", 0);
        sim = pool.state();
        bridge = XenBridges.connect(new BridgeConfig(url, "root", PASSWORD.toCharArray(), Duration.ofSeconds(60),
                Duration.ofSeconds(30)));
        assertTrue(bridge.mirror().awaitInitialSync(Duration.ofSeconds(30)));
        classes = SchemaLoader.cimv2();
        jobs = new JobManager(new XapiJobStore(bridge), 2, Duration.ofMinutes(5), Clock.systemUTC(), () -> "");
        env = new MethodEnvironment(bridge, jobs, () -> bridge.mirror().current(), classes);
    }

    /** A caller {@code user} in {@code role}, with the pool's password. */
    public static RequestContext as(String user, String role) {
        return new RequestContext(user, role, "local", "t", new Credential(user, PASSWORD.toCharArray()));
    }

    /** Invokes {@code method} of {@code p}'s class, on the class itself (static methods such as the services'). */
    public MethodResult call(MethodProvider p, RequestContext ctx, String method, Map<String, Object> in)
            throws CimException {
        return p.invoke(ctx, new CimObjectPath(NS, p.className(), Map.of()), classes.get(p.className()).method(method), in);
    }

    /**
     * The task's other_config once the job {@code r} started has ended (JobState 7 to 10, which the
     * job manager writes last); fails when it has not within 20 s.
     */
    public Map<?, ?> awaitJob(MethodResult r) throws InterruptedException {
        assertEquals(MethodEnvironment.JOB_STARTED, ((Number) r.returnValue()).longValue(), r.toString());
        String task = String.valueOf(((CimObjectPath) r.out().get("Job")).key("InstanceID")).substring(4);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            Map<?, ?> oc = (Map<?, ?>) sim.record("task", task).get("other_config");
            if (List.of("7", "8", "9", "10").contains(String.valueOf(oc.get(JobState.STATE)))) {
                return oc;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("job " + task + " did not finish");
    }

    /**
     * Waits (up to 5 s) until the mirror has caught up with every change made to the simulator so
     * far: it has come back to event.from with a token at or past the store's generation. (Comparing
     * the mirror's own snapshot counter with the store's generation, as before, compared two unrelated
     * counters and waited the whole 5 s nearly every time.)
     */
    public void synced() throws InterruptedException {
        long g = sim.generation();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (sim.eventsConsumedThrough() < g && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
    }

    @Override
    public void close() {
        jobs.close();
        bridge.close();
        pool.close();
    }
}
