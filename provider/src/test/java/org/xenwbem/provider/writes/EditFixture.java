package org.xenwbem.provider.writes;

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
import org.xenwbem.cim.ClassRepository;
import org.xenwbem.cim.mof.SchemaLoader;
import org.xenwbem.provider.classes.Catalog;
import org.xenwbem.provider.classes.common.ProviderContext;
import org.xenwbem.provider.cimom.CimOperations;
import org.xenwbem.provider.cimom.Credential;
import org.xenwbem.provider.cimom.RequestContext;
import org.xenwbem.provider.jobs.JobManager;
import org.xenwbem.provider.jobs.XapiJobStore;
import org.xenwbem.provider.methods.MethodEnvironment;

/**
 * The real catalog made editable as the daemon makes it, over the real bridge mirroring a simulated
 * pool (public: the WS-Man and CIM-XML protocol tests run their writes on it too).
 */
public final class EditFixture implements AutoCloseable {
    public static final String NS = "root/cimv2";
    public static final String PASSWORD = "pw";

    public final SimulatedPool pool;
    public final SimState sim;
    public final XenBridge bridge;
    public final ClassRepository classes;
    public final CimOperations ops;
    private final JobManager jobs;

    public EditFixture() throws Exception {
        pool = SimulatedPool.builder().hosts(2).vms(4).seed(17).rootPassword(PASSWORD).build();
        URI url = pool.start("127.0.0.1", 0);
        sim = pool.state();
        bridge = XenBridges.connect(new BridgeConfig(url, "root", PASSWORD.toCharArray(), Duration.ofSeconds(60),
                Duration.ofSeconds(30)));
        assertTrue(bridge.mirror().awaitInitialSync(Duration.ofSeconds(30)));
        classes = SchemaLoader.cimv2();
        jobs = new JobManager(new XapiJobStore(bridge), 1, Duration.ofMinutes(5), Clock.systemUTC(), () -> "");
        MethodEnvironment env = new MethodEnvironment(bridge, jobs, () -> bridge.mirror().current(), classes);
        ProviderContext pc = new ProviderContext(classes, () -> bridge.mirror().current(), "cn", () -> "");
        CimOperations.Builder b = CimOperations.builder().namespace(NS, classes);
        Edits.editable(Catalog.providers(pc), env).forEach(p -> b.provider(NS, p));
        ops = b.build();
    }

    /** A caller {@code user} in {@code role}, with the pool's password (root, operator and reader share it). */
    public static RequestContext as(String user, String role) {
        return new RequestContext(user, role, "local", "t", new Credential(user, PASSWORD.toCharArray()));
    }

    public static RequestContext root() {
        return as("root", "pool-admin");
    }

    /** The uuid of the first object of a XenAPI class whose record matches. */
    public String first(String xapiClass, java.util.function.Predicate<Map<String, Object>> test) {
        return sim.uuids(xapiClass).stream().filter(u -> test.test(sim.record(xapiClass, u))).findFirst()
                .orElseThrow(() -> new AssertionError("no such " + xapiClass));
    }

    /** A halted VM that is neither a template, a snapshot nor a control domain. */
    public String haltedVm() {
        String vm = first("VM", r -> !isTrue(r, "is_a_template") && !isTrue(r, "is_control_domain"));
        sim.setVmPowerState(vm, org.xenwbem.bridge.PowerState.Halted);
        try {
            mirrorShows(s -> s.vm(vm).map(v -> v.powerState() == org.xenwbem.bridge.PowerState.Halted).orElse(false));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return vm;
    }

    public String template() {
        return first("VM", r -> isTrue(r, "is_a_template") && !isTrue(r, "is_a_snapshot"));
    }

    static boolean isTrue(Map<String, Object> r, String field) {
        return Boolean.TRUE.equals(r.get(field));
    }

    /** Waits (up to 5 s) until the mirror shows what the test changed in the simulator behind its back. */
    public void mirrorShows(java.util.function.Predicate<org.xenwbem.bridge.PoolSnapshot> test) throws InterruptedException {
        assertTrue(bridge.mirror().await(test, Duration.ofSeconds(5)), "the mirror did not catch up");
    }

    public static List<String> list(Object o) {
        return ((List<?>) o).stream().map(String::valueOf).toList();
    }

    @Override
    public void close() {
        jobs.close();
        bridge.close();
        pool.close();
    }
}
