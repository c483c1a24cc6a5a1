package org.xenwbem.bridge.mirror;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xenwbem.bridge.HostRecord;
import org.xenwbem.bridge.PbdRecord;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.bridge.PowerState;
import org.xenwbem.bridge.SrRecord;
import org.xenwbem.bridge.VbdRecord;
import org.xenwbem.bridge.VmRecord;
import org.xenwbem.bridge.client.XenApiConnection;
import org.xenwbem.bridge.client.XenApiSession;
import org.xenwbem.bridge.sim.SimState;
import org.xenwbem.bridge.sim.SimulatedPool;

/** The mirror carries every class the CIM catalog needs, with its indexes, and follows changes of each. */
class MirrorCatalogTest {
    private SimulatedPool pool;
    private SimState sim;
    private XapiPoolMirror mirror;
    private XenApiSession admin;

    @BeforeEach
    void start() throws Exception {
        pool = SimulatedPool.builder().hosts(2).vms(6).disksPerVm(2).nicsPerVm(2).seed(42).rootPassword("pw")
                .taskDelay(Duration.ofMillis(5)).build();
        URI url = pool.start("127.0.0.1", 0);
        sim = pool.state();
        XenApiConnection conn = XenApiConnection.create(url, Duration.ofSeconds(2), Duration.ofSeconds(5));
        mirror = new XapiPoolMirror(conn, "root", "pw".toCharArray());
        mirror.start();
        assertTrue(mirror.awaitInitialSync(Duration.ofSeconds(10)));
        admin = XenApiConnection.create(url, Duration.ofSeconds(2), Duration.ofSeconds(5))
                .login("root", "pw".toCharArray(), "test");
    }

    @AfterEach
    void stop() {
        mirror.close();
        pool.close();
    }

    private static void eventually(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(1).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 1 s: " + what);
            }
            Thread.sleep(5);
        }
    }

    private static <R> List<String> uuids(Collection<R> records, Function<R, String> uuid) {
        return records.stream().map(uuid).toList();
    }

    private List<String> sorted(String cls) {
        List<String> u = new ArrayList<>(sim.uuids(cls));
        u.sort(null);
        return u;
    }

    @Test
    void everyClassIsMirroredSortedByUuid() {
        PoolSnapshot s = mirror.current();
        assertEquals(sorted("SR"), uuids(s.srs(), SrRecord::uuid));
        assertEquals(sorted("PBD"), uuids(s.pbds(), PbdRecord::uuid));
        assertEquals(sorted("VDI"), uuids(s.vdis(), r -> r.uuid()));
        assertEquals(sorted("VBD"), uuids(s.vbds(), VbdRecord::uuid));
        assertEquals(sorted("network"), uuids(s.networks(), r -> r.uuid()));
        assertEquals(sorted("VIF"), uuids(s.vifs(), r -> r.uuid()));
        assertEquals(sorted("PIF"), uuids(s.pifs(), r -> r.uuid()));
        assertEquals(sorted("Bond"), uuids(s.bonds(), r -> r.uuid()));
        assertEquals(sorted("VLAN"), uuids(s.vlans(), r -> r.uuid()));
        assertEquals(sorted("host_cpu"), uuids(s.hostCpus(), r -> r.uuid()));
        assertEquals(sorted("console"), uuids(s.consoles(), r -> r.uuid()));
        assertEquals(sorted("task"), uuids(s.tasks(), r -> r.uuid()));
        assertEquals(sim.defaultSrUuid(), s.pool().defaultSrUuid());
    }

    @Test
    void indexesAgreeWithTheRecordsAndNothingDangles() {
        PoolSnapshot s = mirror.current();
        for (VmRecord vm : s.vms()) {
            assertEquals(vm.vbdUuids(), uuids(s.vbdsOf(vm.uuid()), VbdRecord::uuid), vm.nameLabel());
            assertEquals(vm.vifUuids(), uuids(s.vifsOf(vm.uuid()), r -> r.uuid()));
            vm.consoleUuids().forEach(c -> assertTrue(s.consoles().stream().anyMatch(x -> x.uuid().equals(c))));
        }
        for (SrRecord sr : s.srs()) {
            assertEquals(sr.vdiUuids(), uuids(s.vdisOf(sr.uuid()), r -> r.uuid()));
        }
        for (HostRecord h : s.hosts()) {
            assertEquals(h.pifUuids(), uuids(s.pifsOf(h.uuid()), r -> r.uuid()));
            assertEquals(16, s.hostCpusOf(h.uuid()).size());
            assertEquals(h.hostCpuUuids(), uuids(s.hostCpusOf(h.uuid()), r -> r.uuid()));
            assertFalse(h.controlDomainUuid().isEmpty());
            assertTrue(h.live() && h.memoryTotal() > 0);
        }
        for (VbdRecord vbd : s.vbds()) {
            assertTrue(s.vm(vbd.vmUuid()).isPresent());
            assertTrue(vbd.empty() == vbd.vdiUuid().isEmpty());
            assertTrue(vbd.vdiUuid().isEmpty() || s.vdi(vbd.vdiUuid()).isPresent(), vbd.uuid());
        }
        VmRecord running = byName(s, "sim-vm-0");
        assertTrue(s.guestMetrics(running.uuid()).orElseThrow().pvDriversUpToDate());
        assertTrue(s.vbdsOf(running.uuid()).stream().allMatch(VbdRecord::currentlyAttached));
        assertEquals(running.uuid(), s.vm(running.snapshotUuids().get(0)).orElseThrow().snapshotOfUuid());
        assertTrue(s.pifs().stream().anyMatch(p -> p.management() && p.ip().startsWith("127.")));
        assertTrue(s.pifs().stream().anyMatch(p -> p.vlan() == 100 && !p.vlanMasterOfUuid().isEmpty()));
        assertTrue(s.pifs().stream().anyMatch(p -> !p.bondMasterOfUuids().isEmpty()));
        assertFalse(byName(s, "sim-vm-3").suspendVdiUuid().isEmpty());
        assertTrue(byName(s, "sim-vm-0").startTime() != null);
    }

    private static VmRecord byName(PoolSnapshot s, String name) {
        return s.vms().stream().filter(v -> v.nameLabel().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void followsAChangeOfEachKindWithinASecond() throws Exception {
        for (String cls : List.of("SR", "VDI", "network")) {
            String uuid = sim.uuids(cls).get(0);
            sim.setField(cls, uuid, "name_label", "renamed " + cls);
        }
        eventually(() -> mirror.current().srs().stream().anyMatch(r -> r.nameLabel().equals("renamed SR"))
                && mirror.current().vdis().stream().anyMatch(r -> r.nameLabel().equals("renamed VDI"))
                && mirror.current().networks().stream().anyMatch(r -> r.nameLabel().equals("renamed network")),
                "renames of SR, VDI, network");
        String vif = sim.uuids("VIF").get(0);
        sim.setField("VIF", vif, "MTU", 9000L);
        String pif = sim.uuids("PIF").get(0);
        sim.setField("PIF", pif, "MTU", 9000L);
        String cpu = sim.uuids("host_cpu").get(0);
        sim.setField("host_cpu", cpu, "utilisation", 0.75);
        String bond = sim.uuids("Bond").get(0);
        sim.setField("Bond", bond, "mode", "active-backup");
        String vlan = sim.uuids("VLAN").get(0);
        sim.setField("VLAN", vlan, "tag", 200L);
        String pbd = sim.uuids("PBD").get(0);
        sim.setField("PBD", pbd, "currently_attached", false);
        String console = sim.uuids("console").get(0);
        sim.setField("console", console, "location", "https://127.0.0.1/console?moved");
        String gm = sim.uuids("VM_guest_metrics").get(0);
        sim.setField("VM_guest_metrics", gm, "PV_drivers_up_to_date", false);
        String master = sim.masterUuid();
        sim.setField("host_metrics", sim.uuidOfRef("host_metrics", (String) sim.hostRecord(master).get("metrics")),
                "memory_free", 12345L);
        eventually(() -> {
            PoolSnapshot s = mirror.current();
            return s.vif(vif).orElseThrow().mtu() == 9000 && s.pif(pif).orElseThrow().mtu() == 9000
                    && s.hostCpus().stream().anyMatch(c -> c.uuid().equals(cpu) && c.utilisation() == 0.75)
                    && s.bonds().stream().anyMatch(b -> b.uuid().equals(bond) && "active-backup".equals(b.mode()))
                    && s.vlans().stream().anyMatch(v -> v.uuid().equals(vlan) && v.tag() == 200)
                    && s.pbds().stream().anyMatch(p -> p.uuid().equals(pbd) && !p.currentlyAttached())
                    && s.consoles().stream().anyMatch(c -> c.location().endsWith("moved"))
                    && s.vms().stream().anyMatch(v -> v.guestMetricsUuid().equals(gm)
                    && !s.guestMetrics(v.uuid()).orElseThrow().pvDriversUpToDate())
                    && s.host(master).orElseThrow().memoryFree() == 12345L;
        }, "field changes of VIF, PIF, host_cpu, Bond, VLAN, PBD, console, guest metrics, host_metrics");
    }

    @Test
    void followsLifecycleOperationsAndTasks() throws Exception {
        String vm = (String) admin.call("VM.get_by_uuid", sim.vmUuidByName("sim-vm-1").orElseThrow());
        String task = (String) admin.call("Async.VM.clone", vm, "mirrored-clone");
        String taskUuid = (String) admin.call("task.get_uuid", task);
        eventually(() -> mirror.current().task(taskUuid).map(t -> t.done() && !t.result().isEmpty()).orElse(false),
                "task finished");
        String cloneUuid = mirror.current().task(taskUuid).orElseThrow().result();
        eventually(() -> mirror.current().vm(cloneUuid).isPresent()
                && mirror.current().vbdsOf(cloneUuid).size() == 3, "clone with its VBDs");
        VmRecord clone = mirror.current().vm(cloneUuid).orElseThrow();
        assertEquals("mirrored-clone", clone.nameLabel());
        List<String> cloneVdis = mirror.current().vbdsOf(cloneUuid).stream().map(VbdRecord::vdiUuid)
                .filter(u -> !u.isEmpty()).toList();
        admin.call("VM.start", admin.call("VM.get_by_uuid", cloneUuid), false, false);
        eventually(() -> mirror.current().vm(cloneUuid).orElseThrow().powerState() == PowerState.Running
                && mirror.current().vm(cloneUuid).orElseThrow().startTime() != null
                && mirror.current().guestMetrics(cloneUuid).isPresent(), "started, with metrics joined");
        admin.call("VM.hard_shutdown", admin.call("VM.get_by_uuid", cloneUuid));
        admin.call("VM.destroy", admin.call("VM.get_by_uuid", cloneUuid));
        eventually(() -> mirror.current().vm(cloneUuid).isEmpty() && mirror.current().vbdsOf(cloneUuid).isEmpty()
                && mirror.current().vifsOf(cloneUuid).isEmpty(), "destroyed with VBDs and VIFs");
        PoolSnapshot s = mirror.current();
        cloneVdis.forEach(v -> assertTrue(s.vdi(v).orElseThrow().vbdUuids().isEmpty(), "VDIs stay, unused"));
        s.vbds().forEach(vbd -> assertTrue(s.vm(vbd.vmUuid()).isPresent(), "no VBD of a destroyed VM"));
    }

    @Test
    void aBatchRebuildsOnlyTheClassesItTouched() throws Exception {
        MirrorSnapshot before = (MirrorSnapshot) mirror.current();
        String uuid = sim.vmUuidByName("sim-vm-1").orElseThrow();
        sim.renameVm(uuid, "only-vm-changed");
        eventually(() -> "only-vm-changed".equals(mirror.current().vm(uuid).orElseThrow().nameLabel()), "rename");
        MirrorSnapshot after = (MirrorSnapshot) mirror.current();
        for (MirrorClass c : MirrorClass.values()) {
            if (c != MirrorClass.VM) {
                assertSame(before.tables()[c.ordinal()], after.tables()[c.ordinal()], c.name());
            }
        }
    }

    @Test
    void secretsOfDeviceConfigNeverReachTheSnapshot() throws Exception {
        String host = (String) admin.call("host.get_by_uuid", sim.masterUuid());
        String sr = (String) admin.call("SR.create", host, Map.of("server", "127.0.0.9", "chapuser", "u",
                "chappassword", "sekrit", "password", "p"), "0", "nfs", "", "nfs", "user", false, Map.of());
        String srUuid = (String) admin.call("SR.get_uuid", sr);
        eventually(() -> mirror.current().pbds().stream().anyMatch(p -> p.srUuid().equals(srUuid)), "PBD");
        PbdRecord pbd = mirror.current().pbds().stream().filter(p -> p.srUuid().equals(srUuid)).findFirst()
                .orElseThrow();
        assertEquals(Map.of("server", "127.0.0.9"), pbd.deviceConfig());
        assertFalse(pbd.toString().contains("sekrit"));
    }

    @Test
    void readingEveryAccessorMakesNoCalls() {
        long calls = pool.totalCalls();
        for (int i = 0; i < 100; i++) {
            PoolSnapshot s = mirror.current();
            for (VmRecord vm : s.vms()) {
                s.vbdsOf(vm.uuid()).forEach(v -> s.vdi(v.vdiUuid()));
                s.vifsOf(vm.uuid()).forEach(v -> s.network(v.networkUuid()));
                s.guestMetrics(vm.uuid());
            }
            s.srs().forEach(sr -> s.vdisOf(sr.uuid()));
            s.hosts().forEach(h -> {
                s.pifsOf(h.uuid());
                s.hostCpusOf(h.uuid());
            });
            s.pbds().size();
            s.bonds().size();
            s.vlans().size();
            s.consoles().size();
            s.tasks().size();
        }
        assertTrue(pool.totalCalls() - calls <= 1, "calls while reading: " + (pool.totalCalls() - calls));
    }
}
