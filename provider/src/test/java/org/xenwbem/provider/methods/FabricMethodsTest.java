package org.xenwbem.provider.methods;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xenwbem.bridge.PbdRecord;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.bridge.PowerState;
import org.xenwbem.bridge.VmRecord;
import org.xenwbem.bridge.ops.PoolSession;
import org.xenwbem.cim.CimDateTime;
import org.xenwbem.cim.CimObjectPath;
import org.xenwbem.provider.cimom.CimException;
import org.xenwbem.provider.cimom.CimStatus;
import org.xenwbem.provider.cimom.MethodResult;
import org.xenwbem.provider.cimom.RequestContext;
import org.xenwbem.provider.jobs.JobState;
import org.xenwbem.provider.classes.metrics.MetricService;
import org.xenwbem.provider.classes.vm.MigrationService;
import org.xenwbem.provider.classes.vm.SnapshotService;

/** Migration, snapshot and metric methods against a real simulated pool through the real bridge. */
class FabricMethodsTest {
    private static final String NS = MethodFixture.NS;

    private MethodFixture fx;

    @BeforeEach
    void up() throws Exception {
        fx = new MethodFixture(2, 4, 42);
    }

    @AfterEach
    void down() {
        fx.close();
    }

    private static final RequestContext ROOT = MethodFixture.as("root", "pool-admin");

    private static CimObjectPath vmRef(String uuid) {
        return new CimObjectPath(NS, "Xen_ComputerSystem", Map.of("CreationClassName", "Xen_ComputerSystem", "Name", uuid));
    }

    private static CimObjectPath hostRef(String uuid) {
        return new CimObjectPath(NS, "Xen_HostComputerSystem", Map.of("CreationClassName", "Xen_HostComputerSystem",
                "Name", uuid));
    }

    /** Waits for the job of a 4096 answer to finish; returns its task's other_config. */
    private String running() {
        return fx.sim.vmUuids().stream().filter(u -> fx.sim.vmPowerState(u) == PowerState.Running
                && !Boolean.TRUE.equals(fx.sim.vmRecord(u).get("is_a_template"))
                && !Boolean.TRUE.equals(fx.sim.vmRecord(u).get("is_control_domain"))).findFirst().orElseThrow();
    }

    private String residentHost(String vm) {
        return fx.bridge.mirror().current().vm(vm).map(VmRecord::residentOnHostUuid).orElseThrow();
    }

    private String otherHost(String host) {
        return fx.sim.hostUuids().stream().filter(h -> !h.equals(host)).findFirst().orElseThrow();
    }

    @Test
    void migratesLiveToTheOtherHost() throws Exception {
        MigrationService m = new MigrationService(fx.env);
        String vm = running();
        String to = otherHost(residentHost(vm));
        Map<?, ?> oc = fx.awaitJob(fx.call(m, ROOT, "MigrateVirtualSystemToSystem",
                Map.of("ComputerSystem", vmRef(vm), "DestinationSystem", hostRef(to))));
        assertEquals("7", oc.get(JobState.STATE), oc.toString());
        assertEquals(to, fx.sim.uuidOfRef("host", String.valueOf(fx.sim.vmRecord(vm).get("resident_on"))));
        assertEquals(1, fx.pool.callCount("Async.VM.pool_migrate"));
    }

    @Test
    void migratesToAHostNamedByAddressAndAnswersWhyNot() throws Exception {
        MigrationService m = new MigrationService(fx.env);
        String vm = running();
        String to = otherHost(residentHost(vm));
        String address = String.valueOf(fx.sim.hostRecord(to).get("address"));
        assertEquals("7", fx.awaitJob(fx.call(m, ROOT, "MigrateVirtualSystemToHost",
                Map.of("ComputerSystem", vmRef(vm), "DestinationHost", address))).get(JobState.STATE));

        String back = otherHost(to);
        MethodResult ok = fx.call(m, ROOT, "CheckVirtualSystemIsMigratableToSystem",
                Map.of("ComputerSystem", vmRef(vm), "DestinationSystem", hostRef(back)));
        assertEquals(Boolean.TRUE, ok.out().get("IsMigratable"));
        fx.sim.setHostEnabled(back, false);
        fx.synced();
        MethodResult no = fx.call(m, ROOT, "CheckVirtualSystemIsMigratableToHost",
                Map.of("ComputerSystem", vmRef(vm), "DestinationHost", back));
        assertEquals(0L, ((Number) no.returnValue()).longValue());
        assertEquals(Boolean.FALSE, no.out().get("IsMigratable"));
        assertTrue(String.valueOf(no.out().get("Reason")).startsWith("HOST_DISABLED"), no.toString());
    }

    @Test
    void checksInABurstShareOneLoginAndAForgottenSessionIsReplaced() throws Exception {
        MigrationService m = new MigrationService(fx.env);
        String vm = running();
        String to = otherHost(residentHost(vm));
        long logins = fx.pool.callCount("session.login_with_password");
        for (int i = 0; i < 5; i++) {
            assertEquals(Boolean.TRUE, fx.call(m, ROOT, "CheckVirtualSystemIsMigratableToSystem",
                    Map.of("ComputerSystem", vmRef(vm), "DestinationSystem", hostRef(to))).out().get("IsMigratable"));
        }
        assertEquals(logins + 1, fx.pool.callCount("session.login_with_password"), "one login for the burst");
        fx.sim.invalidateAllSessions(); // xapi restarted: the shared session is gone
        assertEquals(Boolean.TRUE, fx.call(m, ROOT, "CheckVirtualSystemIsMigratableToSystem",
                Map.of("ComputerSystem", vmRef(vm), "DestinationSystem", hostRef(to))).out().get("IsMigratable"),
                "answered on a fresh login, not SESSION_INVALID as the reason");
        // a check shares a session again; the migration right after it must not take that one
        assertEquals(Boolean.TRUE, fx.call(m, ROOT, "CheckVirtualSystemIsMigratableToSystem",
                Map.of("ComputerSystem", vmRef(vm), "DestinationSystem", hostRef(to))).out().get("IsMigratable"));
        long writesBefore = fx.pool.callCount("session.login_with_password");
        fx.sim.setHostEnabled(to, false);
        fx.synced();
        fx.awaitJob(fx.call(m, ROOT, "MigrateVirtualSystemToHost", Map.of("ComputerSystem", vmRef(vm),
                "DestinationHost", String.valueOf(fx.sim.hostRecord(to).get("address")))));
        assertTrue(fx.pool.callCount("session.login_with_password") > writesBefore, "a migration logs in afresh");
    }

    @Test
    void storageXenMotionMovesADiskTheDestinationCannotSee() throws Exception {
        String vm = running();
        String from = residentHost(vm);
        String to = otherHost(from);
        PoolSnapshot s = fx.bridge.mirror().current();
        String localSr = s.pbds().stream().filter(p -> p.hostUuid().equals(from)).map(PbdRecord::srUuid)
                .filter(sr -> s.pbds().stream().filter(p -> p.srUuid().equals(sr)).count() == 1).findFirst().orElseThrow();
        String vdi;
        try (PoolSession ps = fx.bridge.openSession("root", "pw".toCharArray())) {
            vdi = ps.devices().createVdi(localSr, "local data", 1L << 30, "user", false, false);
            ps.devices().createVbd(vm, vdi, "7", false, "RW", "Disk");
        }
        fx.synced();
        MigrationService m = new MigrationService(fx.env);
        MigrationService.Plan plan = MigrationService.plan(fx.bridge.mirror().current(),
                fx.bridge.mirror().current().vm(vm).orElseThrow(), fx.bridge.mirror().current().host(to).orElseThrow());
        assertEquals(List.of(vdi), List.copyOf(plan.vdiMap().keySet()));
        assertEquals(Boolean.TRUE, fx.call(m, ROOT, "CheckVirtualSystemIsMigratableToSystem",
                Map.of("ComputerSystem", vmRef(vm), "DestinationSystem", hostRef(to))).out().get("IsMigratable"));
        Map<?, ?> oc = fx.awaitJob(fx.call(m, ROOT, "MigrateVirtualSystemToSystem",
                Map.of("ComputerSystem", vmRef(vm), "DestinationSystem", hostRef(to))));
        assertEquals("7", oc.get(JobState.STATE), oc.toString());
        assertEquals(1, fx.pool.callCount("Async.VM.migrate_send"));
        assertEquals(to, fx.sim.uuidOfRef("host", String.valueOf(fx.sim.vmRecord(vm).get("resident_on"))));
        assertFalse(fx.sim.uuids("VDI").contains(vdi), "the local disk was moved off its SR");
    }

    @Test
    void snapshotRevertAndDestroy() throws Exception {
        SnapshotService p = new SnapshotService(fx.env);
        String vm = running();
        int vdisBefore = fx.sim.count("VDI");
        MethodResult r = fx.call(p, ROOT, "CreateSnapshot", Map.of("AffectedSystem", vmRef(vm), "SnapshotType", 2L));
        assertEquals(0L, ((Number) r.returnValue()).longValue(), r.toString());
        CimObjectPath snap = (CimObjectPath) r.out().get("ResultingSnapshot");
        assertEquals("Xen_ComputerSystemSnapshot", snap.className());
        String snapUuid = String.valueOf(snap.key("InstanceID")).substring(4);
        assertEquals(Boolean.TRUE, fx.sim.vmRecord(snapUuid).get("is_a_snapshot"));
        assertEquals(1, fx.pool.callCount("Async.VM.checkpoint"));
        assertTrue(fx.sim.count("VDI") > vdisBefore);
        fx.synced();

        assertEquals("7", fx.awaitJob(fx.call(p, ROOT, "ApplySnapshot", Map.of("Snapshot", snap))).get(JobState.STATE));
        assertEquals(1, fx.pool.callCount("Async.VM.revert"));
        fx.synced();

        int vdisWithSnapshot = fx.sim.count("VDI");
        Map<?, ?> oc = fx.awaitJob(fx.call(p, ROOT, "DestroySnapshot", Map.of("AffectedSnapshot", snap)));
        assertEquals("7", oc.get(JobState.STATE), oc.toString());
        assertFalse(fx.sim.vmUuids().contains(snapUuid));
        assertTrue(fx.sim.count("VDI") < vdisWithSnapshot, "the snapshot's disks are gone");
    }

    @Test
    void rolesDecideWhoMayInvoke() throws Exception {
        String vm = running();
        Map<String, Object> snapIn = Map.of("AffectedSystem", vmRef(vm));
        for (RequestContext ctx : List.of(MethodFixture.as("reader", "read-only"), MethodFixture.as("operator", "vm-operator"))) {
            CimException e = assertThrows(CimException.class, () -> fx.call(new SnapshotService(fx.env), ctx, "CreateSnapshot", snapIn));
            assertEquals(CimStatus.ACCESS_DENIED, e.status());
            e = assertThrows(CimException.class, () -> fx.call(new MigrationService(fx.env), ctx, "MigrateVirtualSystemToHost",
                    Map.of("ComputerSystem", vmRef(vm), "DestinationHost", otherHost(residentHost(vm)))));
            assertEquals(CimStatus.ACCESS_DENIED, e.status());
        }
        CimException e = assertThrows(CimException.class, () -> fx.call(new MetricService(fx.env), MethodFixture.as("reader", "read-only"),
                "GetPerformanceMetricsForSystem", Map.of("System", vmRef(vm))));
        assertEquals(CimStatus.ACCESS_DENIED, e.status());
        assertEquals(0, fx.pool.callCount("Async.VM.snapshot") + fx.pool.callCount("Async.VM.pool_migrate"));
    }

    @Test
    void performanceMetricsOfAVmAndAHostAsXport() throws Exception {
        MetricService p = new MetricService(fx.env);
        String vm = running();
        Map<String, Object> in = new HashMap<>();
        in.put("System", vmRef(vm));
        in.put("StartTime", CimDateTime.ofInterval(Duration.ofMinutes(9)));
        MethodResult r = fx.call(p, MethodFixture.as("operator", "vm-operator"), "GetPerformanceMetricsForSystem", in);
        assertEquals(0L, ((Number) r.returnValue()).longValue());
        String x = String.valueOf(r.out().get("Metrics"));
        assertTrue(x.contains("<xport>") && x.contains(":vm:" + vm + ":cpu0</entry>"), x);
        assertFalse(x.contains(":host:"), "only the VM's columns");
        assertTrue(x.contains("<row><t>"), x);

        String host = residentHost(vm);
        MethodResult h = fx.call(p, ROOT, "GetPerformanceMetricsForSystem", Map.of("System", hostRef(host)));
        String hx = String.valueOf(h.out().get("Metrics"));
        assertTrue(hx.contains(":host:" + host + ":"), hx);
        assertNotEquals(-1, hx.indexOf("<rows>"));
    }
}
