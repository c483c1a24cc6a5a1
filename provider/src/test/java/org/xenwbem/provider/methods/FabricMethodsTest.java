package org.xenwbem.provider.methods;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xenwbem.bridge.BridgeConfig;
import org.xenwbem.bridge.PbdRecord;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.bridge.PowerState;
import org.xenwbem.bridge.VmRecord;
import org.xenwbem.bridge.XenBridge;
import org.xenwbem.bridge.XenBridges;
import org.xenwbem.bridge.ops.PoolSession;
import org.xenwbem.bridge.sim.SimState;
import org.xenwbem.bridge.sim.SimulatedPool;
import org.xenwbem.cim.CimDateTime;
import org.xenwbem.cim.CimObjectPath;
import org.xenwbem.cim.ClassRepository;
import org.xenwbem.cim.mof.SchemaLoader;
import org.xenwbem.provider.cimom.CimException;
import org.xenwbem.provider.cimom.CimStatus;
import org.xenwbem.provider.cimom.Credential;
import org.xenwbem.provider.cimom.MethodProvider;
import org.xenwbem.provider.cimom.MethodResult;
import org.xenwbem.provider.cimom.RequestContext;
import org.xenwbem.provider.jobs.JobManager;
import org.xenwbem.provider.jobs.JobState;
import org.xenwbem.provider.jobs.XapiJobStore;

/** Migration, snapshot and metric methods against a real simulated pool through the real bridge. */
class FabricMethodsTest {
    private static final String NS = MethodEnvironment.NAMESPACE;

    private SimulatedPool pool;
    private SimState sim;
    private XenBridge bridge;
    private JobManager jobs;
    private MethodEnvironment env;
    private ClassRepository classes;

    @BeforeEach
    void up() throws Exception {
        pool = SimulatedPool.builder().hosts(2).vms(4).seed(42).rootPassword("pw").build();
        URI url = pool.start("127.0.0.1", 0);
        sim = pool.state();
        bridge = XenBridges.connect(new BridgeConfig(url, "root", "pw".toCharArray(), Duration.ofSeconds(60),
                Duration.ofSeconds(30)));
        assertTrue(bridge.mirror().awaitInitialSync(Duration.ofSeconds(30)));
        classes = SchemaLoader.cimv2();
        jobs = new JobManager(new XapiJobStore(bridge), 2, Duration.ofMinutes(5), Clock.systemUTC(), () -> "");
        env = new MethodEnvironment(bridge, jobs, () -> bridge.mirror().current(), classes);
    }

    @AfterEach
    void down() {
        jobs.close();
        bridge.close();
        pool.close();
    }

    private static RequestContext as(String user, String role) {
        return new RequestContext(user, role, "local", "t", new Credential(user, "pw".toCharArray()));
    }

    private static final RequestContext ROOT = as("root", "pool-admin");

    private MethodResult call(MethodProvider p, RequestContext ctx, String method, Map<String, Object> in)
            throws CimException {
        return p.invoke(ctx, new CimObjectPath(NS, p.className(), Map.of()), classes.get(p.className()).method(method), in);
    }

    private static CimObjectPath vmRef(String uuid) {
        return new CimObjectPath(NS, "Xen_ComputerSystem", Map.of("CreationClassName", "Xen_ComputerSystem", "Name", uuid));
    }

    private static CimObjectPath hostRef(String uuid) {
        return new CimObjectPath(NS, "Xen_HostComputerSystem", Map.of("CreationClassName", "Xen_HostComputerSystem",
                "Name", uuid));
    }

    /** Waits for the job of a 4096 answer to finish; returns its task's other_config. */
    private Map<?, ?> await(MethodResult r) throws InterruptedException {
        assertEquals(MethodEnvironment.JOB_STARTED, ((Number) r.returnValue()).longValue(), r.toString());
        String id = String.valueOf(((CimObjectPath) r.out().get("Job")).key("InstanceID"));
        String task = id.substring(4);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            Map<?, ?> oc = (Map<?, ?>) sim.record("task", task).get("other_config");
            String st = String.valueOf(oc.get(JobState.STATE));
            if (st.equals("7") || st.equals("10") || st.equals("9")) {
                return oc;
            }
            Thread.sleep(10);
        }
        throw new AssertionError("job " + task + " did not finish");
    }

    private String running() {
        return sim.vmUuids().stream().filter(u -> sim.vmPowerState(u) == PowerState.Running
                && !Boolean.TRUE.equals(sim.vmRecord(u).get("is_a_template"))
                && !Boolean.TRUE.equals(sim.vmRecord(u).get("is_control_domain"))).findFirst().orElseThrow();
    }

    private String residentHost(String vm) {
        return bridge.mirror().current().vm(vm).map(VmRecord::residentOnHostUuid).orElseThrow();
    }

    private String otherHost(String host) {
        return sim.hostUuids().stream().filter(h -> !h.equals(host)).findFirst().orElseThrow();
    }

    private void synced() throws InterruptedException {
        long g = sim.generation();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (bridge.mirror().current().generation() < g && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    @Test
    void migratesLiveToTheOtherHost() throws Exception {
        MigrationService m = new MigrationService(env);
        String vm = running();
        String to = otherHost(residentHost(vm));
        Map<?, ?> oc = await(call(m, ROOT, "MigrateVirtualSystemToSystem",
                Map.of("ComputerSystem", vmRef(vm), "DestinationSystem", hostRef(to))));
        assertEquals("7", oc.get(JobState.STATE), oc.toString());
        assertEquals(to, sim.uuidOfRef("host", String.valueOf(sim.vmRecord(vm).get("resident_on"))));
        assertEquals(1, pool.callCount("Async.VM.pool_migrate"));
    }

    @Test
    void migratesToAHostNamedByAddressAndAnswersWhyNot() throws Exception {
        MigrationService m = new MigrationService(env);
        String vm = running();
        String to = otherHost(residentHost(vm));
        String address = String.valueOf(sim.hostRecord(to).get("address"));
        assertEquals("7", await(call(m, ROOT, "MigrateVirtualSystemToHost",
                Map.of("ComputerSystem", vmRef(vm), "DestinationHost", address))).get(JobState.STATE));

        String back = otherHost(to);
        MethodResult ok = call(m, ROOT, "CheckVirtualSystemIsMigratableToSystem",
                Map.of("ComputerSystem", vmRef(vm), "DestinationSystem", hostRef(back)));
        assertEquals(Boolean.TRUE, ok.out().get("IsMigratable"));
        sim.setHostEnabled(back, false);
        synced();
        MethodResult no = call(m, ROOT, "CheckVirtualSystemIsMigratableToHost",
                Map.of("ComputerSystem", vmRef(vm), "DestinationHost", back));
        assertEquals(0L, ((Number) no.returnValue()).longValue());
        assertEquals(Boolean.FALSE, no.out().get("IsMigratable"));
        assertTrue(String.valueOf(no.out().get("Reason")).startsWith("HOST_DISABLED"), no.toString());
    }

    @Test
    void storageXenMotionMovesADiskTheDestinationCannotSee() throws Exception {
        String vm = running();
        String from = residentHost(vm);
        String to = otherHost(from);
        PoolSnapshot s = bridge.mirror().current();
        String localSr = s.pbds().stream().filter(p -> p.hostUuid().equals(from)).map(PbdRecord::srUuid)
                .filter(sr -> s.pbds().stream().filter(p -> p.srUuid().equals(sr)).count() == 1).findFirst().orElseThrow();
        String vdi;
        try (PoolSession ps = bridge.openSession("root", "pw".toCharArray())) {
            vdi = ps.devices().createVdi(localSr, "local data", 1L << 30, "user", false, false);
            ps.devices().createVbd(vm, vdi, "7", false, "RW", "Disk");
        }
        synced();
        MigrationService m = new MigrationService(env);
        MigrationService.Plan plan = MigrationService.plan(bridge.mirror().current(),
                bridge.mirror().current().vm(vm).orElseThrow(), bridge.mirror().current().host(to).orElseThrow());
        assertEquals(List.of(vdi), List.copyOf(plan.vdiMap().keySet()));
        assertEquals(Boolean.TRUE, call(m, ROOT, "CheckVirtualSystemIsMigratableToSystem",
                Map.of("ComputerSystem", vmRef(vm), "DestinationSystem", hostRef(to))).out().get("IsMigratable"));
        Map<?, ?> oc = await(call(m, ROOT, "MigrateVirtualSystemToSystem",
                Map.of("ComputerSystem", vmRef(vm), "DestinationSystem", hostRef(to))));
        assertEquals("7", oc.get(JobState.STATE), oc.toString());
        assertEquals(1, pool.callCount("Async.VM.migrate_send"));
        assertEquals(to, sim.uuidOfRef("host", String.valueOf(sim.vmRecord(vm).get("resident_on"))));
        assertFalse(sim.uuids("VDI").contains(vdi), "the local disk was moved off its SR");
    }

    @Test
    void snapshotRevertAndDestroy() throws Exception {
        SnapshotService p = new SnapshotService(env);
        String vm = running();
        int vdisBefore = sim.count("VDI");
        MethodResult r = call(p, ROOT, "CreateSnapshot", Map.of("AffectedSystem", vmRef(vm), "SnapshotType", 2L));
        assertEquals(0L, ((Number) r.returnValue()).longValue(), r.toString());
        CimObjectPath snap = (CimObjectPath) r.out().get("ResultingSnapshot");
        assertEquals("Xen_ComputerSystemSnapshot", snap.className());
        String snapUuid = String.valueOf(snap.key("InstanceID")).substring(4);
        assertEquals(Boolean.TRUE, sim.vmRecord(snapUuid).get("is_a_snapshot"));
        assertEquals(1, pool.callCount("Async.VM.checkpoint"));
        assertTrue(sim.count("VDI") > vdisBefore);
        synced();

        assertEquals("7", await(call(p, ROOT, "ApplySnapshot", Map.of("Snapshot", snap))).get(JobState.STATE));
        assertEquals(1, pool.callCount("Async.VM.revert"));
        synced();

        int vdisWithSnapshot = sim.count("VDI");
        Map<?, ?> oc = await(call(p, ROOT, "DestroySnapshot", Map.of("AffectedSnapshot", snap)));
        assertEquals("7", oc.get(JobState.STATE), oc.toString());
        assertFalse(sim.vmUuids().contains(snapUuid));
        assertTrue(sim.count("VDI") < vdisWithSnapshot, "the snapshot's disks are gone");
    }

    @Test
    void rolesDecideWhoMayInvoke() throws Exception {
        String vm = running();
        Map<String, Object> snapIn = Map.of("AffectedSystem", vmRef(vm));
        for (RequestContext ctx : List.of(as("reader", "read-only"), as("operator", "vm-operator"))) {
            CimException e = assertThrows(CimException.class, () -> call(new SnapshotService(env), ctx, "CreateSnapshot", snapIn));
            assertEquals(CimStatus.ACCESS_DENIED, e.status());
            e = assertThrows(CimException.class, () -> call(new MigrationService(env), ctx, "MigrateVirtualSystemToHost",
                    Map.of("ComputerSystem", vmRef(vm), "DestinationHost", otherHost(residentHost(vm)))));
            assertEquals(CimStatus.ACCESS_DENIED, e.status());
        }
        CimException e = assertThrows(CimException.class, () -> call(new MetricService(env), as("reader", "read-only"),
                "GetPerformanceMetricsForSystem", Map.of("System", vmRef(vm))));
        assertEquals(CimStatus.ACCESS_DENIED, e.status());
        assertEquals(0, pool.callCount("Async.VM.snapshot") + pool.callCount("Async.VM.pool_migrate"));
    }

    @Test
    void performanceMetricsOfAVmAndAHostAsXport() throws Exception {
        MetricService p = new MetricService(env);
        String vm = running();
        Map<String, Object> in = new HashMap<>();
        in.put("System", vmRef(vm));
        in.put("StartTime", CimDateTime.ofInterval(Duration.ofMinutes(9)));
        MethodResult r = call(p, as("operator", "vm-operator"), "GetPerformanceMetricsForSystem", in);
        assertEquals(0L, ((Number) r.returnValue()).longValue());
        String x = String.valueOf(r.out().get("Metrics"));
        assertTrue(x.contains("<xport>") && x.contains(":vm:" + vm + ":cpu0</entry>"), x);
        assertFalse(x.contains(":host:"), "only the VM's columns");
        assertTrue(x.contains("<row><t>"), x);

        String host = residentHost(vm);
        MethodResult h = call(p, ROOT, "GetPerformanceMetricsForSystem", Map.of("System", hostRef(host)));
        String hx = String.valueOf(h.out().get("Metrics"));
        assertTrue(hx.contains(":host:" + host + ":"), hx);
        assertNotEquals(-1, hx.indexOf("<rows>"));
    }
}
