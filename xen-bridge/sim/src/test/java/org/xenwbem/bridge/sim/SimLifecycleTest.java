package org.xenwbem.bridge.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xenwbem.bridge.PowerState;
import org.xenwbem.bridge.client.XenApiConnection;
import org.xenwbem.bridge.client.XenApiException;
import org.xenwbem.bridge.client.XenApiSession;

/** The simulator's lifecycle messages and their errors, through the bridge's own client. */
class SimLifecycleTest {
    private static final String NULL = "OpaqueRef:NULL";
    private SimulatedPool pool;
    private SimState sim;
    private XenApiConnection conn;
    private XenApiSession s;

    @BeforeEach
    void start() throws Exception {
        pool = SimulatedPool.builder().hosts(2).vms(6).disksPerVm(2).nicsPerVm(2).seed(42).rootPassword("pw")
                .taskDelay(Duration.ofMillis(5)).build();
        URI url = pool.start("127.0.0.1", 0);
        sim = pool.state();
        conn = XenApiConnection.create(url, Duration.ofSeconds(2), Duration.ofSeconds(10));
        s = conn.login("root", "pw".toCharArray(), "test");
    }

    @AfterEach
    void stop() {
        pool.close();
    }

    private String ref(String cls, String uuid) throws Exception {
        return (String) s.call(cls + ".get_by_uuid", uuid);
    }

    private String vm(String name) throws Exception {
        return ref("VM", sim.vmUuidByName(name).orElseThrow());
    }

    private XenApiException fails(String code, String method, Object... params) {
        XenApiException e = assertThrows(XenApiException.class, () -> s.call(method, params));
        assertEquals(code, e.code(), e.getMessage());
        return e;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> rec(String cls, String ref) throws Exception {
        return (Map<String, Object>) s.call(cls + ".get_record", ref);
    }

    @Test
    void seedsEveryClassConsistently() throws Exception {
        assertEquals(32, sim.count("host_cpu"));
        assertEquals(12, sim.count("PIF"));
        assertEquals(2, sim.count("Bond"));
        assertEquals(2, sim.count("VLAN"));
        assertEquals(7, sim.count("network"));
        assertEquals(4, sim.count("SR"));
        assertEquals(6, sim.count("PBD"));
        Map<String, Object> vm0 = rec("VM", vm("sim-vm-0"));
        assertEquals(3, ((List<?>) vm0.get("VBDs")).size(), "2 disks and a CD drive");
        assertEquals(2, ((List<?>) vm0.get("VIFs")).size());
        assertEquals(1, ((List<?>) vm0.get("consoles")).size(), "a running VM has its rfb console");
        assertFalse(NULL.equals(vm0.get("guest_metrics")));
        assertTrue(((String) rec("VM", vm("Debian Bookworm 12")).get("other_config").toString())
                .contains("<provision><disk device=\"0\""));
        assertFalse(NULL.equals(rec("VM", vm("sim-vm-3")).get("suspend_VDI")), "suspended VMs keep a memory image");
        for (String pif : sim.uuids("PIF")) {
            SimAssertions.assertLoopback((String) sim.record("PIF", pif).get("IP"));
        }
        SimAssertions.assertConsistent(sim);
    }

    @Test
    void cloneProvisionStartAndDestroy() throws Exception {
        String vm = (String) s.call("VM.clone", vm("Debian Bookworm 12"), "fresh");
        s.call("VM.provision", vm);
        List<?> vbds = (List<?>) s.call("VM.get_VBDs", vm);
        assertEquals(1, vbds.size());
        String vdi = (String) s.call("VBD.get_VDI", vbds.get(0));
        assertEquals("10737418240", s.call("VDI.get_virtual_size", vdi));
        String poolRef = (String) ((List<?>) s.call("pool.get_all")).get(0);
        assertEquals(s.call("pool.get_default_SR", poolRef), s.call("VDI.get_SR", vdi));
        fails("VM_IS_TEMPLATE", "VM.start", vm, false, false);
        s.call("VM.set_is_a_template", vm, false);
        s.call("VM.start", vm, false, false);
        assertEquals(true, s.call("VBD.get_currently_attached", vbds.get(0)));
        fails("VM_BAD_POWER_STATE", "VM.destroy", vm);
        s.call("VM.hard_shutdown", vm);
        s.call("VM.destroy", vm);
        fails("HANDLE_INVALID", "VM.get_record", vm);
        fails("HANDLE_INVALID", "VBD.get_record", vbds.get(0));
        assertEquals(List.of(), s.call("VDI.get_VBDs", vdi), "VM.destroy leaves the VDIs");
        SimAssertions.assertConsistent(sim);
    }

    @Test
    void snapshotCopyAndRevert() throws Exception {
        String vm = vm("sim-vm-2");
        String snap = (String) s.call("VM.snapshot", vm, "snap");
        Map<String, Object> r = rec("VM", snap);
        assertEquals(true, r.get("is_a_snapshot"));
        assertEquals(vm, r.get("snapshot_of"));
        String snapDisk = (String) s.call("VBD.get_VDI", ((List<?>) r.get("VBDs")).get(0));
        assertEquals(true, s.call("VDI.get_is_a_snapshot", snapDisk));
        String local = ref("SR", sim.uuids("SR").get(2));
        s.call("VM.hard_shutdown", vm);
        String copy = (String) s.call("VM.copy", vm, "copy", local);
        for (Object vbd : (List<?>) s.call("VM.get_VBDs", copy)) {
            if ("Disk".equals(s.call("VBD.get_type", vbd))) {
                assertEquals(local, s.call("VDI.get_SR", s.call("VBD.get_VDI", vbd)));
            }
        }
        s.call("VM.start", vm, false, false);
        s.call("VM.revert", snap);
        assertEquals("Halted", s.call("VM.get_power_state", vm));
        assertEquals(snap, s.call("VM.get_parent", vm));
        SimAssertions.assertConsistent(sim);
    }

    @Test
    void vdiSpaceAccounting() throws Exception {
        String local = ref("SR", sim.uuids("SR").get(2));
        assertEquals("lvm", s.call("SR.get_type", local));
        Map<String, Object> args = Map.of("name_label", "big", "SR", local, "virtual_size", "2199023255552",
                "type", "user", "sharable", false, "read_only", false, "other_config", Map.of());
        fails("SR_FULL", "VDI.create", args);
        String vdi = (String) s.call("VDI.create", Map.of("name_label", "d", "SR", local,
                "virtual_size", Long.toString(10L << 30), "type", "user", "other_config", Map.of()));
        assertEquals(Long.toString(10L << 30), s.call("SR.get_physical_utilisation", local));
        s.call("VDI.resize", vdi, Long.toString(20L << 30));
        assertEquals(Long.toString(20L << 30), s.call("SR.get_virtual_allocation", local));
        String clone = (String) s.call("VDI.clone", vdi, Map.of());
        assertEquals(Long.toString(40L << 30), s.call("SR.get_physical_utilisation", local));
        s.call("VDI.destroy", clone);
        s.call("VDI.destroy", vdi);
        assertEquals("0", s.call("SR.get_physical_utilisation", local));
    }

    @Test
    void blockDevicesAndNics() throws Exception {
        String halted = vm("sim-vm-1");
        String running = vm("sim-vm-0");
        String vdi = (String) s.call("VDI.create", Map.of("name_label", "x", "SR", s.call("pool.get_default_SR",
                ((List<?>) s.call("pool.get_all")).get(0)), "virtual_size", "1024", "type", "user"));
        fails("DEVICE_ALREADY_EXISTS", "VBD.create", Map.of("VM", halted, "VDI", vdi, "userdevice", "0",
                "type", "Disk", "mode", "RW", "bootable", false, "empty", false));
        String cd = cdOf(running);
        fails("VBD_NOT_EMPTY", "VBD.insert", cd, ref("VDI", isoUuid()));
        s.call("VBD.eject", cd);
        fails("VBD_IS_EMPTY", "VBD.eject", cd);
        s.call("VBD.insert", cd, ref("VDI", isoUuid()));
        String disk = (String) ((List<?>) s.call("VM.get_VBDs", running)).get(0);
        fails("VBD_NOT_REMOVABLE_MEDIA", "VBD.eject", disk);
        String hot = (String) s.call("VBD.create", Map.of("VM", running, "VDI", vdi, "userdevice", "7", "type", "Disk",
                "mode", "RW", "bootable", false, "empty", false));
        s.call("VBD.plug", hot);
        fails("DEVICE_ALREADY_ATTACHED", "VBD.plug", hot);
        fails("VDI_IN_USE", "VDI.destroy", vdi);
        s.call("VBD.unplug", hot);
        fails("DEVICE_ALREADY_DETACHED", "VBD.unplug", hot);
        fails("VM_BAD_POWER_STATE", "VBD.plug", ((List<?>) s.call("VM.get_VBDs", halted)).get(0));
        String net = (String) s.call("network.create", Map.of("name_label", "lab", "MTU", "9000"));
        String vif = (String) s.call("VIF.create", Map.of("VM", running, "network", net, "device", "5", "MAC", ""));
        fails("DEVICE_ALREADY_EXISTS", "VIF.create", Map.of("VM", running, "network", net, "device", "5"));
        s.call("VIF.plug", vif);
        fails("NETWORK_CONTAINS_VIF", "network.destroy", net);
        s.call("VIF.unplug", vif);
        s.call("VIF.destroy", vif);
        s.call("network.destroy", net);
        SimAssertions.assertConsistent(sim);
    }

    private String cdOf(String vm) throws Exception {
        for (Object vbd : (List<?>) s.call("VM.get_VBDs", vm)) {
            if ("CD".equals(s.call("VBD.get_type", vbd))) {
                return (String) vbd;
            }
        }
        throw new AssertionError("no CD drive");
    }

    private String isoUuid() {
        return sim.uuids("VDI").stream().filter(u -> "ISO library".equals(
                sim.record("SR", sim.uuidOfRef("SR", (String) sim.record("VDI", u).get("SR"))).get("name_label")))
                .findFirst().orElseThrow();
    }

    @Test
    void storageRepositoriesAndPbds() throws Exception {
        String host = ref("host", sim.masterUuid());
        fails("SR_UNKNOWN_DRIVER", "SR.create", host, Map.of(), "0", "x", "", "zfs-magic", "user", true, Map.of());
        fails("SR_BACKEND_FAILURE_141", "SR.create", host, Map.of("target", "127.0.0.9", "chappassword", "sekrit"),
                "0", "iscsi", "", "lvmoiscsi", "user", true, Map.of());
        String sr = (String) s.call("SR.create", host, Map.of("device", "/dev/sim-shared", "chappassword", "sekrit"),
                "0", "shared lvm", "", "lvm", "user", true, Map.of());
        List<?> pbds = (List<?>) s.call("SR.get_PBDs", sr);
        assertEquals(2, pbds.size());
        assertEquals(true, s.call("PBD.get_currently_attached", pbds.get(0)));
        fails("SR_HAS_PBD", "SR.destroy", sr);
        fails("PBD_EXISTS", "PBD.create", Map.of("host", host, "SR", sr, "device_config", Map.of()));
        s.call("SR.scan", sr);
        for (Object p : pbds) {
            s.call("PBD.unplug", p);
        }
        fails("SR_NO_PBDS", "SR.scan", sr);
        String poolRef = (String) ((List<?>) s.call("pool.get_all")).get(0);
        s.call("pool.set_default_SR", poolRef, sr);
        s.call("SR.destroy", sr);
        fails("HANDLE_INVALID", "PBD.get_record", pbds.get(0));
        assertEquals(NULL, s.call("pool.get_default_SR", poolRef));
        SimAssertions.assertConsistent(sim);
    }

    @Test
    void xenstoreDataHasXapisMapMessages() throws Exception {
        String v = vm("sim-vm-1");
        s.call("VM.add_to_xenstore_data", v, "vm-data/k", "1");
        fails("MAP_DUPLICATE_KEY", "VM.add_to_xenstore_data", v, "vm-data/k", "2");
        assertEquals(Map.of("vm-data/k", "1"), s.call("VM.get_xenstore_data", v));
        s.call("VM.remove_from_xenstore_data", v, "vm-data/k");
        s.call("VM.remove_from_xenstore_data", v, "vm-data/absent");
        assertEquals(Map.of(), s.call("VM.get_xenstore_data", v));
    }

    @Test
    void maintenanceModeEvacuationAndMigration() throws Exception {
        String h0 = ref("host", sim.hostUuids().get(0));
        String h1 = ref("host", sim.hostUuids().get(1));
        s.call("host.add_to_other_config", h1, "MAINTENANCE_MODE", "true");
        fails("MAP_DUPLICATE_KEY", "host.add_to_other_config", h1, "MAINTENANCE_MODE", "true");
        s.call("host.disable", h1);
        fails("HOST_DISABLED", "VM.start_on", vm("sim-vm-1"), h1, false, false);
        fails("HOST_DISABLED", "VM.pool_migrate", vm("sim-vm-0"), h1, Map.of());
        fails("VM_BAD_POWER_STATE", "VM.pool_migrate", vm("sim-vm-1"), h0, Map.of());
        s.call("host.evacuate", h1);
        for (Object v : (List<?>) s.call("host.get_resident_VMs", h1)) {
            assertEquals(true, s.call("VM.get_is_control_domain", v));
        }
        s.call("host.remove_from_other_config", h1, "MAINTENANCE_MODE");
        s.call("host.enable", h1);
        s.call("host.disable", h1);
        fails("CANNOT_EVACUATE_HOST", "host.evacuate", h0);
        assertFalse(((Map<?, ?>) s.call("host.get_vms_which_prevent_evacuation", h0)).isEmpty());
        s.call("host.enable", h1);
        sim.setField("host_metrics", sim.uuidOfRef("host_metrics", (String) s.call("host.get_metrics", h1)),
                "memory_free", 0L);
        fails("HOST_NOT_ENOUGH_FREE_MEMORY", "VM.pool_migrate", vm("sim-vm-0"), h1, Map.of());
        fails("HOST_NOT_ENOUGH_FREE_MEMORY", "VM.assert_can_boot_here", vm("sim-vm-1"), h1);
        assertEquals(List.of(h0), s.call("VM.get_possible_hosts", vm("sim-vm-1")));
        SimAssertions.assertConsistent(sim);
    }

    @Test
    void asyncCloneIsATaskAndDefaultsMayBeOmitted() throws Exception {
        String task = (String) s.call("Async.VM.clone", vm("sim-vm-1"), "async-clone");
        long deadline = System.nanoTime() + 5_000_000_000L;
        while ("pending".equals(s.call("task.get_status", task)) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals("success", s.call("task.get_status", task));
        String result = (String) s.call("task.get_result", task);
        assertTrue(result.startsWith("<value>OpaqueRef:"), result);
        assertTrue(sim.vmUuidByName("async-clone").isPresent());
        s.call("VM.snapshot", vm("sim-vm-1"), "two-params");
        assertEquals(PowerState.Halted, sim.vmPowerState(sim.vmUuidByName("two-params").orElseThrow()));
    }

    /** xapi 8.3's ignore_vdis: the snapshot gets no drive for an ignored disk, the others are snapshotted. */
    @Test
    void snapshotIgnoringADiskLeavesItsDriveOut() throws Exception {
        String vm = vm("sim-vm-2");
        List<String> disks = new java.util.ArrayList<>();
        for (Object vbd : (List<?>) s.call("VM.get_VBDs", vm)) {
            if ("Disk".equals(s.call("VBD.get_type", vbd))) {
                disks.add((String) s.call("VBD.get_VDI", vbd));
            }
        }
        int vdis = sim.count("VDI");
        String snap = (String) s.call("VM.snapshot", vm, "ignoring", List.of(disks.get(0)));
        assertEquals(true, s.call("VM.get_is_a_snapshot", snap));
        List<Object> snapDisks = new java.util.ArrayList<>();
        for (Object vbd : (List<?>) s.call("VM.get_VBDs", snap)) {
            if ("Disk".equals(s.call("VBD.get_type", vbd))) {
                snapDisks.add(s.call("VDI.get_snapshot_of", s.call("VBD.get_VDI", vbd)));
            }
        }
        assertEquals(disks.subList(1, disks.size()), snapDisks);
        assertEquals(vdis + disks.size() - 1, sim.count("VDI"), "no snapshot of the ignored disk");
        XenApiException e = assertThrows(XenApiException.class,
                () -> s.call("VM.snapshot", vm, "bad", List.of("OpaqueRef:nonesuch")));
        assertEquals("HANDLE_INVALID", e.code());
    }

    @Test
    void rolesLimitLifecycleOperations() throws Exception {
        XenApiSession op = conn.login("operator", "pw".toCharArray(), "test");
        String cd = cdOf(vm("sim-vm-0"));
        op.call("VBD.eject", cd);
        XenApiException e = assertThrows(XenApiException.class, () -> op.call("VM.clone", vm("sim-vm-1"), "no"));
        assertEquals("RBAC_PERMISSION_DENIED", e.code());
        assertEquals("vm.clone", e.params().get(0));
    }

    @Test
    void seededStateIsDeterministicWithDevices() {
        try (SimulatedPool again = SimulatedPool.builder().hosts(2).vms(6).disksPerVm(2).nicsPerVm(2).seed(42)
                .rootPassword("pw").build()) {
            for (String cls : List.of("VDI", "VBD", "VIF", "PIF", "network", "SR", "PBD", "console")) {
                assertEquals(sim.uuids(cls), again.state().uuids(cls), cls);
            }
        }
    }
}
