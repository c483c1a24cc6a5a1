package org.xenwbem.provider.classes.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.xenwbem.bridge.BridgeConfig;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.bridge.XenBridge;
import org.xenwbem.bridge.connect.XenBridges;
import org.xenwbem.bridge.sim.SimState;
import org.xenwbem.bridge.sim.SimulatedPool;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.cim.CimObjectPath;
import org.xenwbem.cim.ClassRepository;
import org.xenwbem.cim.mof.SchemaLoader;
import org.xenwbem.provider.cimom.CimException;
import org.xenwbem.provider.cimom.CimOperations;
import org.xenwbem.provider.cimom.CimStatus;
import org.xenwbem.provider.cimom.RequestContext;
import org.xenwbem.provider.classes.Catalog;
import org.xenwbem.provider.classes.common.ProviderContext;

/**
 * A real simulated pool (2 hosts, 6 VMs, seed 42) mirrored by a real bridge, with the catalog's
 * providers registered on a CIM core, as the daemon wires them.
 */
public final class VmCatalogFixture implements AutoCloseable {
    public static final RequestContext RC = RequestContext.internal("test");
    static final String NS = ProviderContext.NAMESPACE;

    final SimulatedPool pool;
    public final SimState sim;
    final XenBridge bridge;
    final ProviderContext pc;
    public final CimOperations ops;

    public VmCatalogFixture() throws InterruptedException {
        pool = SimulatedPool.builder().hosts(2).vms(6).seed(42).rootPassword("pw").build();
        URI url = pool.start("127.0.0.1", 0);
        sim = pool.state();
        bridge = XenBridges.connect(new BridgeConfig(url, "root", "pw".toCharArray(), Duration.ofSeconds(60),
                Duration.ofSeconds(30)));
        ClassRepository classes = SchemaLoader.cimv2();
        pc = new ProviderContext(classes, () -> bridge.mirror().current(), "xen-test.example", () -> "");
        ops = Catalog.register(CimOperations.builder().namespace(NS, classes), pc).build();
        assertTrue(bridge.mirror().awaitInitialSync(Duration.ofSeconds(30)), "initial sync");
    }

    public PoolSnapshot snapshot() {
        return bridge.mirror().current();
    }

    public List<CimInstance> enumerate(String cls) throws CimException {
        return ops.enumerateInstances(RC, NS, cls);
    }

    public CimInstance get(CimObjectPath path) throws CimException {
        return ops.getInstance(RC, path);
    }

    public List<CimInstance> associators(CimObjectPath source, String assocClass, String resultClass) throws CimException {
        return ops.associators(RC, source, assocClass, resultClass, null, null);
    }

    /** GetInstance of {@code p} fails with NOT_FOUND. */
    public void assertNotFound(CimObjectPath p) {
        try {
            get(p);
            throw new AssertionError("found " + p);
        } catch (CimException e) {
            assertEquals(CimStatus.NOT_FOUND, e.status(), p.toString());
        }
    }

    /** The wire record of a simulated object (the sim's truth, not the mirror's). */
    Map<String, Object> wire(String xenApiClass, String uuid) {
        return sim.record(xenApiClass, uuid);
    }

    /** Calls the bridge made other than its event.from long polls. */
    long callsBesidesEvents() {
        return pool.totalCalls() - pool.callCount("event.from");
    }

    public static void eventually(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(1).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 1 s: " + what);
            }
            Thread.sleep(5);
        }
    }

    @Override
    public void close() {
        bridge.close();
        pool.close();
    }
}
