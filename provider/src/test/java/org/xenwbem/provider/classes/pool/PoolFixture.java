package org.xenwbem.provider.classes.pool;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.xenwbem.bridge.BridgeConfig;
import org.xenwbem.bridge.XenBridge;
import org.xenwbem.bridge.connect.XenBridges;
import org.xenwbem.bridge.sim.SimState;
import org.xenwbem.bridge.sim.SimulatedPool;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.cim.CimObjectPath;
import org.xenwbem.cim.ClassRepository;
import org.xenwbem.cim.mof.SchemaLoader;
import org.xenwbem.provider.classes.Catalog;
import org.xenwbem.provider.classes.common.ProviderContext;
import org.xenwbem.provider.cimom.CimException;
import org.xenwbem.provider.cimom.CimOperations;
import org.xenwbem.provider.cimom.RequestContext;
import org.xenwbem.provider.classes.PoolProviders;

/** A simulated two-host pool, a bridge mirroring it, and the catalog over it in root/cimv2 and root/interop. */
final class PoolFixture implements AutoCloseable {
    static final String CIMV2 = "root/cimv2";
    static final String INTEROP = PoolProviders.INTEROP;
    static final RequestContext RC = RequestContext.internal("test");

    final SimulatedPool sim;
    final XenBridge bridge;
    final CimOperations ops;

    PoolFixture() throws InterruptedException {
        sim = SimulatedPool.builder().hosts(2).vms(6).seed(42).rootPassword("pw").build();
        URI url = sim.start("127.0.0.1", 0);
        bridge = XenBridges.connect(new BridgeConfig(url, "root", "pw".toCharArray(), null, null));
        assertTrue(bridge.mirror().awaitInitialSync(Duration.ofSeconds(30)), "initial sync");
        ClassRepository classes = SchemaLoader.cimv2();
        ProviderContext pc = new ProviderContext(classes, () -> bridge.mirror().current(), "cn.example", () -> "");
        CimOperations.Builder b = CimOperations.builder().namespace(CIMV2, classes).namespace(INTEROP, classes);
        Catalog.providers(pc).forEach(p -> b.provider(CIMV2, p));
        Catalog.interopProviders(pc).forEach(p -> b.provider(INTEROP, p));
        ops = b.build();
    }

    SimState state() {
        return sim.state();
    }

    List<CimInstance> enumerate(String cls) throws CimException {
        return ops.enumerateInstances(RC, CIMV2, cls);
    }

    CimInstance get(CimObjectPath p) throws CimException {
        return ops.getInstance(RC, p);
    }

    List<CimInstance> associators(CimObjectPath source, String assoc) throws CimException {
        return ops.associators(RC, source, assoc, null, null, null);
    }

    /** A wire-record field of a simulated object. */
    Object field(String xenApiClass, String uuid, String field) {
        return state().record(xenApiClass, uuid).get(field);
    }

    /** The UUID behind a ref field. */
    String ref(String xenApiClass, String uuid, String field, String targetClass) {
        return state().uuidOfRef(targetClass, (String) field(xenApiClass, uuid, field));
    }

    Map<String, Object> record(String xenApiClass, String uuid) {
        return state().record(xenApiClass, uuid);
    }

    /** Reads after warm-up: XenAPI calls other than the mirror's event.from long poll. */
    long readCalls() {
        return sim.totalCalls() - sim.callCount("event.from");
    }

    @Override
    public void close() {
        bridge.close();
        sim.close();
    }
}
