package org.xenwbem.bridge.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xenwbem.bridge.PowerState;
import org.xenwbem.bridge.client.XenApiConnection;
import org.xenwbem.bridge.sim.SimState;
import org.xenwbem.bridge.sim.SimulatedPool;

/** The write ports against the simulated pool: lifecycle, results as uuids, typed failures, RBAC. */
class PoolSessionTest {
    private static final Duration T = Duration.ofSeconds(30);
    private static SimulatedPool sim;
    private static XenApiConnection conn;

    @BeforeAll
    static void start() {
        sim = SimulatedPool.builder().hosts(2).vms(4).seed(11).rootPassword("pw").build();
        URI url = sim.start("127.0.0.1", 0);
        conn = XenApiConnection.create(url, Duration.ofSeconds(5), Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private static String template(SimState s) {
        return s.vmUuids().stream().filter(u -> Boolean.TRUE.equals(s.vmRecord(u).get("is_a_template"))
                && !Boolean.TRUE.equals(s.vmRecord(u).get("is_a_snapshot"))).findFirst().orElseThrow();
    }

    @Test
    void deployFromTemplateStartSnapshotMigrateStopDestroy() throws Exception {
        SimState s = sim.state();
        try (PoolSession ps = XapiPoolSession.login(conn, "root", "pw".toCharArray())) {
            String vm = ps.vms().cloneVm(template(s), "deployed").await(T, p -> { });
            assertTrue(s.vmUuids().contains(vm));
            ps.vms().set(vm, "is_a_template", false);
            ps.vms().provision(vm).await(T, p -> { });
            ps.vms().setVcpus(vm, 4, 2);
            assertEquals("4", String.valueOf(s.vmRecord(vm).get("VCPUs_max")));
            ps.vms().power(VmOps.Power.START, vm).await(T, p -> { });
            assertEquals(PowerState.Running, s.vmPowerState(vm));
            String snap = ps.vms().snapshot(vm, "before").await(T, p -> { });
            assertTrue(Boolean.TRUE.equals(s.vmRecord(snap).get("is_a_snapshot")));
            String other = s.hostUuids().stream().filter(h -> !h.equals(residentHost(s, vm))).findFirst().orElseThrow();
            ps.vms().poolMigrate(vm, other, true).await(T, p -> { });
            assertEquals(other, residentHost(s, vm));
            XenFailure bad = assertThrows(XenFailure.class, () -> ps.vms().power(VmOps.Power.START, vm).await(T, p -> { }));
            assertEquals(XenFailure.Kind.BAD_STATE, bad.kind());
            assertEquals("VM_BAD_POWER_STATE", bad.code());
            assertFalse(bad.params().stream().anyMatch(x -> x.startsWith("OpaqueRef:")));
            ps.vms().power(VmOps.Power.HARD_SHUTDOWN, vm).await(T, p -> { });
            ps.vms().destroy(vm);
            assertFalse(s.vmUuids().contains(vm));
        }
    }

    private static String residentHost(SimState s, String vm) {
        Object ref = s.vmRecord(vm).get("resident_on");
        return s.uuidOfRef("host", String.valueOf(ref));
    }

    @Test
    void readerIsDeniedAndUnknownIsNotFound() throws Exception {
        try (PoolSession ps = XapiPoolSession.login(conn, "reader", "pw".toCharArray())) {
            String vm = sim.state().vmUuids().stream().filter(u -> !Boolean.TRUE.equals(sim.state().vmRecord(u)
                    .get("is_a_template")) && !Boolean.TRUE.equals(sim.state().vmRecord(u).get("is_control_domain")))
                    .findFirst().orElseThrow();
            XenFailure f = assertThrows(XenFailure.class, () -> ps.vms().set(vm, "name_label", "x"));
            assertEquals(XenFailure.Kind.DENIED, f.kind());
            XenFailure nf = assertThrows(XenFailure.class, () -> ps.vms().destroy("00000000-0000-0000-0000-000000000000"));
            assertEquals(XenFailure.Kind.NOT_FOUND, nf.kind());
        }
        XenFailure login = assertThrows(XenFailure.class, () -> XapiPoolSession.login(conn, "root", "nope".toCharArray()));
        assertEquals(XenFailure.Kind.DENIED, login.kind());
    }

    @Test
    void tasksCarryJobState() throws Exception {
        try (PoolSession ps = XapiPoolSession.login(conn, "root", "pw".toCharArray())) {
            String task = ps.tasks().create("job", "a CIM job");
            ps.tasks().putOtherConfig(task, Map.of("xenwbem_job_class", "Xen_SystemStateChangeJob"));
            ps.tasks().putOtherConfig(task, Map.of("xenwbem_job_class", "Xen_Job"));
            @SuppressWarnings("unchecked")
            Map<String, String> oc = (Map<String, String>) sim.state().record("task", task).get("other_config");
            assertEquals("Xen_Job", oc.get("xenwbem_job_class"));
            ps.tasks().destroy(task);

            String whole = ps.tasks().create("job", "a CIM job", Map.of("xenwbem_job_class", "Xen_Job", "k", "v"));
            assertEquals(Map.of("xenwbem_job_class", "Xen_Job", "k", "v"),
                    sim.state().record("task", whole).get("other_config"), "created with its entries");
            ps.tasks().setOtherConfig(whole, Map.of("xenwbem_job_class", "Xen_Job", "state", "7"));
            assertEquals(Map.of("xenwbem_job_class", "Xen_Job", "state", "7"),
                    sim.state().record("task", whole).get("other_config"), "task.set_other_config replaces the map");
            ps.tasks().destroy(whole);
        }
    }

    @Test
    void fieldsAreEditedByTheirOwnSettersAndRefusedToWeakerRoles() throws Exception {
        SimState s = sim.state();
        String net = s.uuids("network").get(0);
        String vdi = s.uuids("VDI").get(0);
        String vm = template(s);
        try (PoolSession ps = XapiPoolSession.login(conn, "root", "pw".toCharArray())) {
            ps.fields().set(FieldOps.Target.NETWORK, net, "name_label", "storage LAN");
            ps.fields().set(FieldOps.Target.POOL, s.poolUuid(), "name_description", "lab");
            ps.fields().set(FieldOps.Target.HOST, s.hostUuids().get(0), "name_label", "node-a");
            ps.fields().set(FieldOps.Target.VM, vm, "tags", java.util.List.of("web"));
            ps.fields().addToMap(FieldOps.Target.VDI, vdi, "other_config", "owner", "ops");
            XenFailure dup = assertThrows(XenFailure.class,
                    () -> ps.fields().addToMap(FieldOps.Target.VDI, vdi, "other_config", "owner", "again"));
            assertEquals("MAP_DUPLICATE_KEY", dup.code());
            ps.fields().removeFromMap(FieldOps.Target.VDI, vdi, "other_config", "owner");
            ps.fields().removeFromMap(FieldOps.Target.VDI, vdi, "other_config", "owner");
            XenFailure gone = assertThrows(XenFailure.class, () -> ps.fields().set(FieldOps.Target.SR,
                    "00000000-0000-0000-0000-000000000000", "name_label", "x"));
            assertEquals(XenFailure.Kind.NOT_FOUND, gone.kind());
        }
        assertEquals("storage LAN", s.record("network", net).get("name_label"));
        assertEquals("lab", s.record("pool", s.poolUuid()).get("name_description"));
        assertEquals("node-a", s.hostRecord(s.hostUuids().get(0)).get("name_label"));
        assertEquals(java.util.List.of("web"), s.vmRecord(vm).get("tags"));
        assertFalse(((Map<?, ?>) s.record("VDI", vdi).get("other_config")).containsKey("owner"));
        try (PoolSession operator = XapiPoolSession.login(conn, "operator", "pw".toCharArray())) {
            operator.fields().set(FieldOps.Target.VM, vm, "tags", java.util.List.of("web", "db"));
            XenFailure denied = assertThrows(XenFailure.class,
                    () -> operator.fields().set(FieldOps.Target.NETWORK, net, "name_label", "mine"));
            assertEquals(XenFailure.Kind.DENIED, denied.kind());
            assertEquals(java.util.List.of("network.set_name_label",
                    "No permission in the user role to perform this operation"), denied.params());
        }
    }
}
