package org.xenwbem.provider.classes.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xenwbem.bridge.PowerState;
import org.xenwbem.bridge.storage.OffloadedDisks;
import org.xenwbem.provider.cimom.MethodResult;
import org.xenwbem.provider.cimom.RequestContext;
import org.xenwbem.provider.jobs.JobManager;
import org.xenwbem.provider.jobs.JobState;
import org.xenwbem.provider.jobs.XapiJobStore;
import org.xenwbem.provider.methods.MethodEnvironment;
import org.xenwbem.provider.methods.MethodFixture;

/**
 * DefineSystem from a template whose disk is on an SR an array serves: the VM's disk is the array's
 * clone (named as xapi's, other_config {@code xenwbem-offload}), xapi's own copy is gone, the job's
 * StoragePath says {@code offload:<adapter>}; a fault at the array or at any xapi step after it
 * leaves no VM, VDI, VBD nor backing file behind.
 */
class TemplateDisksTest {
    private static final RequestContext ROOT = MethodFixture.as("root", "pool-admin");

    private MethodFixture fx;
    private JobManager jobs;
    private VirtualSystemManagement vsms;
    private Path srDir;
    private FileArray array;
    private SnapshotService snapshots;

    @BeforeEach
    void up() throws Exception {
        fx = new MethodFixture(1, 2, 42);
        srDir = fx.pool.storageRoot().orElseThrow().resolve(fx.sim.defaultSrUuid());
        array = new FileArray(srDir);
        jobs = new JobManager(new XapiJobStore(fx.bridge), 2, Duration.ofMinutes(5), Clock.systemUTC(), () -> "");
        OffloadedDisks offload = new OffloadedDisks(sr -> sr.uuid().equals(fx.sim.defaultSrUuid())
                ? Optional.of(array) : Optional.empty(), Duration.ofSeconds(30));
        MethodEnvironment env = new MethodEnvironment(fx.bridge, jobs, () -> fx.bridge.mirror().current(),
                fx.classes, offload);
        vsms = new VirtualSystemManagement(env);
        snapshots = new SnapshotService(env);
    }

    @AfterEach
    void down() {
        jobs.close();
        fx.close();
    }

    /** A halted VM made a template: its disk is on the default (nfs) SR. */
    private String template() throws Exception {
        String vm = fx.sim.vmUuids().stream().filter(u -> fx.sim.vmPowerState(u) == PowerState.Halted
                && !Boolean.TRUE.equals(fx.sim.vmRecord(u).get("is_a_template"))
                && !Boolean.TRUE.equals(fx.sim.vmRecord(u).get("is_control_domain"))).findFirst().orElseThrow();
        fx.sim.setField("VM", vm, "is_a_template", true);
        fx.synced();
        return vm;
    }

    private Map<?, ?> define(String template, String name) throws Exception {
        MethodResult r = fx.call(vsms, ROOT, "DefineSystem", Map.of(
                "SystemSettings", "instance of Xen_ComputerSystemSettingData { ElementName = \"" + name + "\"; };",
                "ReferenceConfiguration", "root/cimv2:Xen_ComputerSystemTemplate.InstanceID=\"Xen:" + template + "\""));
        return fx.awaitJob(r);
    }

    private List<String> files() throws IOException {
        try (Stream<Path> s = Files.list(srDir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private List<Integer> counts() {
        return List.of(fx.sim.count("VM"), fx.sim.count("VDI"), fx.sim.count("VBD"));
    }

    @Test
    void theDeployedDiskIsTheArraysCloneAndXapisCopyIsGone() throws Exception {
        String tpl = template();
        int vdis = fx.sim.count("VDI");
        Map<?, ?> oc = define(tpl, "arrayed");
        assertEquals("7", oc.get(JobState.STATE), oc.toString());
        assertEquals(ArrayBuilds.VM_CREATE + ",offload:fake", oc.get("StoragePath"));
        String vm = fx.sim.vmUuidByName("arrayed").orElseThrow();
        assertEquals(array.cloned, array.cloneCalls, "every disk cloned by the array, none by xapi");
        List<String> disks = fx.sim.uuids("VBD").stream().map(b -> fx.sim.record("VBD", b))
                .filter(b -> vm.equals(fx.sim.uuidOfRef("VM", String.valueOf(b.get("VM")))) && "Disk".equals(b.get("type")))
                .map(b -> fx.sim.uuidOfRef("VDI", String.valueOf(b.get("VDI")))).toList();
        assertFalse(disks.isEmpty());
        for (String d : disks) {
            Map<String, Object> vdi = fx.sim.record("VDI", d);
            assertEquals("fake", ((Map<?, ?>) vdi.get("other_config")).get(OffloadedDisks.OFFLOAD_KEY));
            assertTrue(Files.exists(srDir.resolve(d + ".raw")), "the array's file backs the disk");
        }
        assertEquals(vdis + disks.size(), fx.sim.count("VDI"), "xapi made no copy of its own");
    }

    /** The VM VM.create made from the template has every field VM.clone would have given it. */
    @Test
    void theVmRecordIsTheOneVmCloneMakes() throws Exception {
        String tpl = template();
        assertEquals("7", define(tpl, "arrayed").get(JobState.STATE));
        String ours = fx.sim.vmUuidByName("arrayed").orElseThrow();
        String xapis = fx.bridge.serviceSession().vms().cloneVm(tpl, "arrayed").await(Duration.ofSeconds(20), p -> { });
        fx.bridge.serviceSession().vms().set(xapis, "is_a_template", false);
        Map<String, Object> a = fx.sim.vmRecord(ours);
        Map<String, Object> b = fx.sim.vmRecord(xapis);
        for (String f : b.keySet()) {
            if (!List.of("uuid", "metrics", "VBDs", "VIFs").contains(f)) {
                assertEquals(b.get(f), a.get(f), "field " + f);
            }
        }
        assertEquals(b.keySet(), a.keySet());
        assertEquals(vifs(xapis), vifs(ours), "the same VIFs (network, device, MAC generated or kept)");
        assertEquals(drives(xapis), drives(ours), "the same drives (device, type, mode, bootable)");
    }

    private List<String> vifs(String vm) {
        return fx.sim.uuids("VIF").stream().map(v -> fx.sim.record("VIF", v))
                .filter(v -> vm.equals(fx.sim.uuidOfRef("VM", String.valueOf(v.get("VM")))))
                .map(v -> v.get("network") + "/" + v.get("device") + "/"
                        + (Boolean.TRUE.equals(v.get("MAC_autogenerated")) ? "auto" : v.get("MAC")))
                .sorted().toList();
    }

    private List<String> drives(String vm) {
        return fx.sim.uuids("VBD").stream().map(v -> fx.sim.record("VBD", v))
                .filter(v -> vm.equals(fx.sim.uuidOfRef("VM", String.valueOf(v.get("VM")))))
                .map(v -> v.get("userdevice") + "/" + v.get("type") + "/" + v.get("mode") + "/" + v.get("bootable")
                        + ("CD".equals(v.get("type")) ? "/" + v.get("VDI") : ""))
                .sorted().toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"VM.create", "VIF.create"})
    void aFaultBeforeTheJobLeavesNothingBehind(String step) throws Exception {
        String tpl = template();
        List<Integer> before = counts();
        int vifs = fx.sim.count("VIF");
        fx.pool.faults().on(step).once().fail("SR_BACKEND_FAILURE_1", "injected at " + step);
        assertThrows(org.xenwbem.provider.cimom.CimException.class, () -> define(tpl, "doomed"));
        assertTrue(fx.sim.vmUuidByName("doomed").isEmpty());
        assertEquals(before, counts());
        assertEquals(vifs, fx.sim.count("VIF"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"array", "SR.scan", "VDI.add_to_other_config", "VBD.create", "VM.provision"})
    void aFaultAtAnyStepLeavesNothingBehind(String step) throws Exception {
        String tpl = template();
        List<Integer> before = counts();
        int vifs = fx.sim.count("VIF");
        List<String> filesBefore = files();
        if ("array".equals(step)) {
            array.fails = true;
        } else {
            fx.pool.faults().on(step).once().fail("SR_BACKEND_FAILURE_1", "injected at " + step);
        }
        Map<?, ?> oc = define(tpl, "doomed");
        assertEquals("10", oc.get(JobState.STATE), oc.toString());
        assertTrue(fx.sim.vmUuidByName("doomed").isEmpty());
        assertEquals(before, counts(), "no VM, VDI or VBD left");
        assertEquals(vifs, fx.sim.count("VIF"), "no VIF left");
        assertEquals(filesBefore, files(), "no backing file left");
        assertFalse(oc.containsKey("StoragePath"));
        assertEquals(!"array".equals(step), !array.deleted.isEmpty(),
                "the array's clone is deleted by the array (with its own objects for it), not by xapi: " + array.deleted);
    }

    @Test
    void destroySnapshotDeletesTheArraysSnapshotDisksThroughTheArray() throws Exception {
        String vm = template();
        fx.sim.setField("VM", vm, "is_a_template", false);
        fx.synced();
        List<Integer> before = counts();
        List<String> filesBefore = files();
        MethodResult r = fx.call(snapshots, ROOT, "CreateSnapshot", Map.of("AffectedSystem",
                new org.xenwbem.cim.CimObjectPath("root/cimv2", "Xen_ComputerSystem",
                        Map.of("CreationClassName", "Xen_ComputerSystem", "Name", vm))));
        assertEquals(0L, ((Number) r.returnValue()).longValue(), r.toString());
        org.xenwbem.cim.CimObjectPath snap = (org.xenwbem.cim.CimObjectPath) r.out().get("ResultingSnapshot");
        String snapUuid = String.valueOf(snap.key("InstanceID")).substring(4);
        List<String> snapDisks = fx.sim.uuids("VBD").stream().map(b -> fx.sim.record("VBD", b))
                .filter(b -> snapUuid.equals(fx.sim.uuidOfRef("VM", String.valueOf(b.get("VM")))) && "Disk".equals(b.get("type")))
                .map(b -> fx.sim.uuidOfRef("VDI", String.valueOf(b.get("VDI")))).toList();
        assertFalse(snapDisks.isEmpty());
        for (String d : snapDisks) {
            assertEquals("fake", ((Map<?, ?>) fx.sim.record("VDI", d).get("other_config")).get(OffloadedDisks.OFFLOAD_KEY));
        }
        fx.synced();
        array.deleted.clear();
        Map<?, ?> oc = fx.awaitJob(fx.call(snapshots, ROOT, "DestroySnapshot", Map.of("AffectedSnapshot", snap)));
        assertEquals("7", oc.get(JobState.STATE), oc.toString());
        assertEquals(snapDisks, array.deleted, "the array deleted the snapshot's disks (and its own snapshot objects)");
        assertEquals(before, counts(), "no VM, VDI or VBD of the snapshot left");
        assertEquals(filesBefore, files(), "no backing file left");
    }

    @Test
    void applySnapshotDeletesTheFormerDisksThroughTheArray() throws Exception {
        String vm = guest();
        org.xenwbem.cim.CimObjectPath snap = snapshotOf(vm);
        List<String> old = disksOf(vm);
        List<Integer> before = counts();
        array.deleted.clear();
        int cloned = array.cloned;
        Map<?, ?> oc = fx.awaitJob(fx.call(snapshots, ROOT, "ApplySnapshot", Map.of("Snapshot", snap)));
        assertEquals("7", oc.get(JobState.STATE), oc.toString());
        assertEquals(old, array.deleted, "the former disks are deleted by the array");
        List<String> now = disksOf(vm);
        assertEquals(old.size(), now.size());
        now.forEach(d -> assertFalse(old.contains(d)));
        assertEquals(cloned + now.size(), array.cloned, "the new disks are the array's clones of the snapshot's");
        now.forEach(d -> assertEquals("fake", ((Map<?, ?>) fx.sim.record("VDI", d).get("other_config"))
                .get(OffloadedDisks.OFFLOAD_KEY)));
        String snapUuid = String.valueOf(snap.key("InstanceID")).substring(4);
        assertEquals(now.size(), disksOf(snapUuid).size(), "the snapshot keeps its disks");
        assertEquals(before, counts(), "one new disk per former one");
    }

    @ParameterizedTest
    @ValueSource(strings = {"array", "VBD.destroy", "VM.revert", "VBD.create"})
    void aFailedRevertLeavesTheVmAsItWas(String step) throws Exception {
        String vm = template();
        fx.sim.setField("VM", vm, "is_a_template", false);
        fx.synced();
        org.xenwbem.cim.CimObjectPath snap = snapshotOf(vm);
        List<String> old = disksOf(vm);
        List<Integer> before = counts();
        List<String> filesBefore = files();
        List<String> snapDisks = disksOf(String.valueOf(snap.key("InstanceID")).substring(4));
        array.deleted.clear();
        if ("array".equals(step)) {
            array.fails = true;
        } else {
            fx.pool.faults().on(step).once().fail("SR_BACKEND_FAILURE_1", "injected at " + step);
        }
        Map<?, ?> oc = fx.awaitJob(fx.call(snapshots, ROOT, "ApplySnapshot", Map.of("Snapshot", snap)));
        assertEquals("10", oc.get(JobState.STATE), oc.toString());
        assertEquals(old, disksOf(vm), "the VM keeps its disks");
        assertEquals(snapDisks, disksOf(String.valueOf(snap.key("InstanceID")).substring(4)), "and the snapshot its");
        assertEquals(before, counts());
        assertEquals(filesBefore, files(), "no clone left");
        array.deleted.forEach(d -> assertFalse(old.contains(d) || snapDisks.contains(d), "only the clones go: " + d));
    }

    private Map<?, ?> copy(String vm, String name) throws Exception {
        return fx.awaitJob(fx.call(vsms, ROOT, "CopySystem", Map.of(
                "SystemSettings", "instance of Xen_ComputerSystemSettingData { ElementName = \"" + name + "\"; };",
                "ReferenceConfiguration", new org.xenwbem.cim.CimObjectPath("root/cimv2", "Xen_ComputerSystemSettingData",
                        Map.of("InstanceID", "Xen:" + vm)))));
    }

    @Test
    void copySystemToTheArraysSrClonesOnTheArray() throws Exception {
        String vm = guest();
        int vdis = fx.sim.count("VDI");
        Map<?, ?> oc = copy(vm, "copied");
        assertEquals("7", oc.get(JobState.STATE), oc.toString());
        assertEquals(ArrayBuilds.VM_CREATE + ",offload:fake", oc.get("StoragePath"));
        String copy = fx.sim.vmUuidByName("copied").orElseThrow();
        List<String> disks = disksOf(copy);
        assertEquals(disksOf(vm).size(), disks.size());
        disks.forEach(d -> assertEquals("fake", ((Map<?, ?>) fx.sim.record("VDI", d).get("other_config"))
                .get(OffloadedDisks.OFFLOAD_KEY)));
        assertEquals(vdis + disks.size(), fx.sim.count("VDI"), "xapi copied no disk");
        assertEquals(disks.size(), array.cloned);
    }

    @ParameterizedTest
    @ValueSource(strings = {"VM.create", "VIF.create", "array", "SR.scan", "VBD.create"})
    void aFailedCopyLeavesNothingBehind(String step) throws Exception {
        String vm = guest();
        List<Integer> before = counts();
        List<String> filesBefore = files();
        int vifs = fx.sim.count("VIF");
        if ("array".equals(step)) {
            array.fails = true;
        } else {
            fx.pool.faults().on(step).once().fail("SR_BACKEND_FAILURE_1", "injected at " + step);
        }
        assertEquals("10", copy(vm, "doomed").get(JobState.STATE));
        assertTrue(fx.sim.vmUuidByName("doomed").isEmpty());
        assertEquals(before, counts());
        assertEquals(vifs, fx.sim.count("VIF"));
        assertEquals(filesBefore, files());
    }

    /** A halted VM (not a template), its disk on the array's SR. */
    private String guest() throws Exception {
        String vm = template();
        fx.sim.setField("VM", vm, "is_a_template", false);
        fx.synced();
        return vm;
    }

    @Test
    void aSnapshotIsXapisRecordWithTheArraysDisks() throws Exception {
        String vm = guest();
        int vdis = fx.sim.count("VDI");
        String snap = String.valueOf(snapshotOf(vm).key("InstanceID")).substring(4);
        Map<String, Object> rec = fx.sim.vmRecord(snap);
        assertEquals(true, rec.get("is_a_snapshot"));
        assertEquals(vm, fx.sim.uuidOfRef("VM", String.valueOf(rec.get("snapshot_of"))));
        assertEquals(snap, fx.sim.uuidOfRef("VM", String.valueOf(fx.sim.vmRecord(vm).get("parent"))), "the parent chain");
        List<String> disks = disksOf(snap);
        assertEquals(disksOf(vm).size(), disks.size());
        for (String d : disks) {
            Map<?, ?> oc = (Map<?, ?>) fx.sim.record("VDI", d).get("other_config");
            assertEquals("fake", oc.get(OffloadedDisks.OFFLOAD_KEY));
            assertTrue(disksOf(vm).contains(String.valueOf(oc.get(OffloadedDisks.SNAPSHOT_OF_KEY))));
        }
        assertEquals(vdis + disks.size(), fx.sim.count("VDI"), "xapi made no snapshot of its own");
        assertEquals(disks.size(), array.cloned);
    }

    @ParameterizedTest
    @ValueSource(strings = {"VM.snapshot", "array", "SR.scan", "VDI.add_to_other_config", "VBD.create"})
    void aFailedSnapshotLeavesNothingBehind(String step) throws Exception {
        String vm = guest();
        List<Integer> before = counts();
        List<String> filesBefore = files();
        if ("array".equals(step)) {
            array.fails = true;
        } else {
            fx.pool.faults().on(step).once().fail("SR_BACKEND_FAILURE_1", "injected at " + step);
        }
        assertThrows(org.xenwbem.provider.cimom.CimException.class, () -> snapshotOf(vm));
        assertEquals(before, counts(), "no snapshot VM, VDI or VBD left");
        assertEquals(filesBefore, files(), "no backing file left");
        assertTrue(fx.sim.vmRecord(vm).get("snapshots") instanceof List<?> l && l.isEmpty());
    }

    /** A xapi before 8.3 refuses ignore_vdis: xapi snapshots, then the array's disks replace its copies. */
    @Test
    void aXapiWithoutIgnoreVdisStillGetsTheArraysDisks() throws Exception {
        String vm = guest();
        int vdis = fx.sim.count("VDI");
        fx.pool.faults().on("VM.snapshot").once().fail("MESSAGE_PARAMETER_COUNT_MISMATCH", "VM.snapshot", "3", "4");
        String snap = String.valueOf(snapshotOf(vm).key("InstanceID")).substring(4);
        for (String d : disksOf(snap)) {
            assertEquals("fake", ((Map<?, ?>) fx.sim.record("VDI", d).get("other_config")).get(OffloadedDisks.OFFLOAD_KEY));
        }
        assertEquals(vdis + disksOf(snap).size(), fx.sim.count("VDI"));
    }

    private org.xenwbem.cim.CimObjectPath snapshotOf(String vm) throws Exception {
        MethodResult r = fx.call(snapshots, ROOT, "CreateSnapshot", Map.of("AffectedSystem",
                new org.xenwbem.cim.CimObjectPath("root/cimv2", "Xen_ComputerSystem",
                        Map.of("CreationClassName", "Xen_ComputerSystem", "Name", vm))));
        assertEquals(0L, ((Number) r.returnValue()).longValue(), r.toString());
        fx.synced();
        return (org.xenwbem.cim.CimObjectPath) r.out().get("ResultingSnapshot");
    }

    private List<String> disksOf(String vm) {
        return fx.sim.uuids("VBD").stream().map(b -> fx.sim.record("VBD", b))
                .filter(b -> vm.equals(fx.sim.uuidOfRef("VM", String.valueOf(b.get("VM")))) && "Disk".equals(b.get("type")))
                .map(b -> fx.sim.uuidOfRef("VDI", String.valueOf(b.get("VDI")))).sorted().toList();
    }
}
