package org.xenwbem.bridge.mirror;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xenwbem.bridge.HostRecord;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.bridge.PowerState;
import org.xenwbem.bridge.VbdRecord;
import org.xenwbem.bridge.VmRecord;
import org.xenwbem.bridge.client.XenApiConnection;
import org.xenwbem.bridge.sim.SimState;
import org.xenwbem.bridge.sim.SimulatedPool;

class XapiPoolMirrorTest {
    private SimulatedPool pool;
    private XapiPoolMirror mirror;

    @BeforeEach
    void start() throws Exception {
        pool = SimulatedPool.builder().hosts(2).vms(6).seed(42).rootPassword("pw").build();
        URI url = pool.start("127.0.0.1", 0);
        mirror = new XapiPoolMirror(XenApiConnection.create(url, Duration.ofSeconds(2), Duration.ofSeconds(5)),
                "root", "pw".toCharArray());
        mirror.start();
        assertTrue(mirror.awaitInitialSync(Duration.ofSeconds(10)));
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

    @Test
    void initialSyncMatchesTheSimulator() {
        SimState sim = pool.state();
        PoolSnapshot snap = mirror.current();
        assertTrue(snap.generation() >= 1);
        assertEquals(sim.poolUuid(), snap.pool().uuid());
        assertEquals("Simulated Pool", snap.pool().nameLabel());
        assertEquals(sim.masterUuid(), snap.pool().masterUuid());
        assertFalse(snap.pool().defaultSrUuid().isEmpty());

        List<String> hostUuids = new ArrayList<>(sim.hostUuids());
        hostUuids.sort(null);
        assertEquals(hostUuids, snap.hosts().stream().map(HostRecord::uuid).toList());
        HostRecord master = snap.host(sim.masterUuid()).orElseThrow();
        assertEquals("sim-host-0", master.nameLabel());
        assertEquals(16, master.cpuCount());
        assertEquals(256L << 30, master.memoryTotal());
        assertTrue(master.memoryFree() < master.memoryTotal());
        assertTrue(master.live());
        assertEquals("2.21", master.apiVersion());
        assertEquals("XCP-ng", master.softwareVersion().get("product_brand"));
        assertNotNull(master.bootTime());

        List<String> vmUuids = new ArrayList<>(sim.vmUuids());
        vmUuids.sort(null);
        assertEquals(vmUuids, snap.vms().stream().map(VmRecord::uuid).toList());
        for (String uuid : sim.vmUuids()) {
            Map<String, Object> wire = sim.vmRecord(uuid);
            VmRecord vm = snap.vm(uuid).orElseThrow();
            assertEquals(wire.get("name_label"), vm.nameLabel());
            assertEquals(PowerState.fromWire((String) wire.get("power_state")), vm.powerState());
            assertEquals(wire.get("memory_static_max"), vm.memoryStaticMax());
        }
        VmRecord running = vm("sim-vm-0");
        assertEquals(PowerState.Running, running.powerState());
        assertEquals(sim.masterUuid(), running.residentOnHostUuid());
        assertNotNull(running.startTime());
        VmRecord halted = vm("sim-vm-1");
        assertEquals("", halted.residentOnHostUuid());
        assertNull(halted.startTime());
        VmRecord template = vm("Debian Bookworm 12");
        assertTrue(template.isATemplate() && template.isDefaultTemplate());
        VmRecord snapshot = vm("sim-vm-0 (before upgrade)");
        assertTrue(snapshot.isASnapshot());
        assertEquals(running.uuid(), snapshot.snapshotOfUuid());
        assertNotNull(snapshot.snapshotTime());
        assertTrue(vm("Control domain on host: sim-host-1").isControlDomain());
    }

    private VmRecord vm(String name) {
        return mirror.current().vms().stream().filter(v -> v.nameLabel().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void changesAppearWithinASecond() throws Exception {
        List<PoolSnapshot> seen = new CopyOnWriteArrayList<>();
        mirror.addListener(seen::add);
        String uuid = pool.state().vmUuidByName("sim-vm-1").orElseThrow();
        long before = mirror.current().generation();

        pool.state().setVmPowerState(uuid, PowerState.Running);
        eventually(() -> mirror.current().vm(uuid).orElseThrow().powerState() == PowerState.Running, "power state");
        VmRecord started = mirror.current().vm(uuid).orElseThrow();
        assertFalse(started.residentOnHostUuid().isEmpty());
        eventually(() -> mirror.current().vm(uuid).orElseThrow().startTime() != null, "start time");

        pool.state().renameVm(uuid, "renamed");
        eventually(() -> "renamed".equals(mirror.current().vm(uuid).orElseThrow().nameLabel()), "rename");
        assertTrue(mirror.current().generation() > before);
        assertFalse(seen.isEmpty());

        String host = pool.state().hostUuids().get(1);
        pool.state().setHostEnabled(host, false);
        eventually(() -> !mirror.current().host(host).orElseThrow().enabled(), "host disabled");

        String added = pool.state().addVm("fresh", PowerState.Halted);
        eventually(() -> mirror.current().vm(added).isPresent(), "add");
        pool.state().removeVm(added);
        eventually(() -> mirror.current().vm(added).isEmpty(), "delete");
    }

    @Test
    void readingTheSnapshotMakesNoCalls() {
        long calls = pool.totalCalls();
        for (int i = 0; i < 1000; i++) {
            PoolSnapshot s = mirror.current();
            s.vms().forEach(VmRecord::nameLabel);
            s.hosts().forEach(HostRecord::memoryFree);
            s.pool().nameLabel();
        }
        // only the mirror's own pending event.from may have been counted, never a read
        assertEquals(0, pool.callCount("VM.get_all_records") - 1);
        assertTrue(pool.totalCalls() - calls <= 1, "calls while reading: " + (pool.totalCalls() - calls));
    }

    @Test
    void recoversFromSessionInvalid() throws Exception {
        pool.state().invalidateAllSessions();
        String uuid = pool.state().vmUuidByName("sim-vm-2").orElseThrow();
        // the pending event.from may still deliver this; the call after it gets SESSION_INVALID
        pool.state().renameVm(uuid, "during-relogin");
        eventually(() -> pool.callCount("session.login_with_password") == 2
                && pool.callCount("VM.get_all_records") == 2, "re-login and resync");
        pool.state().renameVm(uuid, "after-relogin");
        eventually(() -> "after-relogin".equals(mirror.current().vm(uuid).orElseThrow().nameLabel()),
                "events on the new session");
    }

    /**
     * A resync (after EVENTS_LOST) whose load fails halfway (VBD.get_all_records, after the VMs were
     * streamed in) publishes nothing partial: every snapshot listeners see has all the VBDs; the load
     * is retried and the change made meanwhile arrives. What did not change is shared with the snapshot
     * from before (the same record, the same UUID string), so a resync costs little memory.
     */
    @Test
    void aResyncThatFailsHalfwayPublishesNothingPartialAndIsRetried() throws Exception {
        int vbds = mirror.current().vbds().size();
        assertTrue(vbds > 0);
        List<Integer> seen = new CopyOnWriteArrayList<>();
        mirror.addListener(s -> seen.add(s.vbds().size()));
        pool.faults().on("VBD.get_all_records").once().fail("INTERNAL_ERROR", "database gone");
        pool.faults().on("event.from").once().fail("EVENTS_LOST");
        String uuid = pool.state().vmUuidByName("sim-vm-3").orElseThrow();
        VmRecord untouched = vm("sim-vm-4");
        VbdRecord untouchedDisk = mirror.current().vbdsOf(untouched.uuid()).get(0);
        pool.state().renameVm(uuid, "after-events-lost");
        eventually(() -> pool.callCount("VBD.get_all_records") == 3, "initial load, failed load, retried load");
        eventually(() -> "after-events-lost".equals(mirror.current().vm(uuid).orElseThrow().nameLabel()),
                "the change after the reload");
        assertEquals(vbds, mirror.current().vbds().size());
        assertFalse(seen.isEmpty());
        assertTrue(seen.stream().allMatch(n -> n == vbds), "a snapshot with VBDs missing was published: " + seen);
        assertSame(untouched, mirror.current().vm(untouched.uuid()).orElseThrow(), "an unchanged VM is shared");
        VbdRecord disk = mirror.current().vbd(untouchedDisk.uuid()).orElseThrow();
        assertSame(untouchedDisk, disk, "an unchanged disk is shared");
        VmRecord renamed = mirror.current().vm(uuid).orElseThrow();
        assertSame(mirror.current().vbdsOf(uuid).get(0).vmUuid(), renamed.uuid(), "one UUID string per object");
    }

    @Test
    void closeStopsTheThreadPromptlyAndLogsOut() {
        assertTrue(mirrorThreadAlive());
        Instant t0 = Instant.now();
        mirror.close();
        assertTrue(Duration.between(t0, Instant.now()).compareTo(Duration.ofSeconds(2)) < 0, "close took too long");
        assertFalse(mirrorThreadAlive());
        assertEquals(1, pool.callCount("session.logout"));
        assertEquals(0, pool.state().sessionCount());
    }

    private static boolean mirrorThreadAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.isAlive() && XapiPoolMirror.THREAD_NAME.equals(t.getName()));
    }
}
