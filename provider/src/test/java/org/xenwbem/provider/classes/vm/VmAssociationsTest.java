package org.xenwbem.provider.classes.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.cim.CimObjectPath;
import org.xenwbem.provider.classes.common.LinkProvider;

/**
 * Associators and References round trips: a VM reaches its settings, RASDs and devices, and back.
 * Each walk asks per association class (the core skips subclass associations when none is named).
 */
class VmAssociationsTest {
    private static VmCatalogFixture f;
    private static String vm;
    private static VmWire wire;

    @BeforeAll
    static void start() throws Exception {
        f = new VmCatalogFixture();
        vm = f.sim.vmUuidByName("sim-vm-0").orElseThrow();
        wire = new VmWire(f.sim, "VM", vm);
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    /** The association classes this family serves. */
    private static List<String> associationClasses() {
        return VmProviders.all(f.pc).stream().filter(p -> p instanceof LinkProvider).map(p -> p.className()).toList();
    }

    /** Associators of {@code source} through every association class of the family. */
    private static Set<CimObjectPath> related(CimObjectPath source) throws Exception {
        Set<CimObjectPath> out = new HashSet<>();
        for (String ac : associationClasses()) {
            out.addAll(paths(f.associators(source, ac, null)));
        }
        return out;
    }

    private static Set<CimObjectPath> paths(List<CimInstance> instances) {
        return instances.stream().map(CimInstance::path).collect(Collectors.toSet());
    }

    private static CimObjectPath settings(String uuid) {
        return VmRefs.instance("Xen_ComputerSystemSettingData", "Xen:" + uuid);
    }

    /** Every device of sim-vm-0, as the anchor names them. */
    private static Set<CimObjectPath> devices() {
        Set<CimObjectPath> out = new HashSet<>();
        out.add(VmRefs.device("Xen_Memory", vm, "Xen:" + vm + "/Memory"));
        for (int n = 0; n < wire.num("VCPUs_max"); n++) {
            out.add(VmRefs.device("Xen_Processor", vm, "Xen:" + vm + "/VCPU" + n));
        }
        for (String vbd : wire.refs("VBDs", "VBD")) {
            String cls = "Disk".equals(new VmWire(f.sim, "VBD", vbd).str("type")) ? "Xen_Disk" : "Xen_DiskDrive";
            out.add(VmRefs.device(cls, vm, "Xen:" + vm + "/" + vbd));
        }
        wire.refs("VIFs", "VIF").forEach(v -> out.add(VmRefs.device("Xen_NetworkPort", vm, "Xen:" + vm + "/" + v)));
        wire.refs("consoles", "console").forEach(c -> out.add(VmRefs.device("Xen_Console", vm, "Xen:" + vm + "/" + c)));
        return out;
    }

    /** Every RASD of sim-vm-0. */
    private static Set<CimObjectPath> rasds() {
        Set<CimObjectPath> out = new HashSet<>();
        out.add(VmRefs.instance("Xen_ProcessorSettingData", "Xen:" + vm + "/Processor"));
        out.add(VmRefs.instance("Xen_MemorySettingData", "Xen:" + vm + "/Memory"));
        wire.refs("VBDs", "VBD").forEach(v -> out.add(VmRefs.instance("Xen_DiskSettingData", "Xen:" + vm + "/" + v)));
        wire.refs("VIFs", "VIF").forEach(v -> out.add(VmRefs.instance("Xen_NetworkPortSettingData", "Xen:" + vm + "/" + v)));
        wire.refs("consoles", "console")
                .forEach(c -> out.add(VmRefs.instance("Xen_ConsoleSettingData", "Xen:" + vm + "/" + c)));
        return out;
    }

    @Test
    void aVmReachesItsSettingsDevicesAndSnapshot() throws Exception {
        Set<CimObjectPath> got = related(VmRefs.system(vm));
        assertTrue(got.contains(settings(vm)), "VSSD");
        assertTrue(got.containsAll(devices()), "devices");
        String snapshot = wire.refs("snapshots", "VM").get(0);
        assertTrue(got.contains(VmRefs.instance("Xen_ComputerSystemSnapshot", "Xen:" + snapshot)), "snapshot");
        for (CimObjectPath p : got) {
            if (p.key("SystemName") != null) {
                assertEquals(vm, p.key("SystemName"), "a device of another VM: " + p);
            }
        }
        assertEquals(devices().size(), paths(f.associators(VmRefs.system(vm), "CIM_SystemDevice", null)).size());
    }

    @Test
    void theVssdReachesItsRasdsAndItsSystem() throws Exception {
        Set<CimObjectPath> got = related(settings(vm));
        assertTrue(got.containsAll(rasds()), "RASDs");
        assertTrue(got.contains(VmRefs.system(vm)), "system");
        assertEquals(rasds(), paths(f.associators(settings(vm), "CIM_VirtualSystemSettingDataComponent", null)));
    }

    @Test
    void everyDeviceLeadsBackToItsSystemAndItsSettings() throws Exception {
        for (CimObjectPath d : devices()) {
            if (d.className().equals("Xen_Console")) {
                continue; // the catalog has no Xen_ConsoleSettingsDefineState (nor had the anchor)
            }
            Set<CimObjectPath> got = related(d);
            assertTrue(got.contains(VmRefs.system(vm)), "system of " + d);
            Set<CimObjectPath> mine = new HashSet<>(got);
            mine.retainAll(rasds());
            assertEquals(1, mine.size(), "one RASD defines " + d + ": " + got);
        }
    }

    @Test
    void everyRasdLeadsBackToTheVssdAndItsDevices() throws Exception {
        for (CimObjectPath r : rasds()) {
            Set<CimObjectPath> got = related(r);
            assertTrue(got.contains(settings(vm)), "VSSD of " + r);
            Set<CimObjectPath> defined = new HashSet<>(got);
            defined.retainAll(devices());
            assertEquals(!r.className().equals("Xen_ConsoleSettingData"), !defined.isEmpty(), "devices of " + r);
        }
        CimObjectPath proc = VmRefs.instance("Xen_ProcessorSettingData", "Xen:" + vm + "/Processor");
        assertEquals(wire.num("VCPUs_max"), paths(f.associators(proc, "Xen_ProcessorSettingsDefineState", null)).size());
    }

    @Test
    void elementSettingDataRefersToItself() throws Exception {
        List<CimInstance> refs = f.ops.references(VmCatalogFixture.RC, settings(vm), "Xen_ComputerSystemElementSettingData", null);
        assertEquals(1, refs.size());
        assertEquals(settings(vm), refs.get(0).get("SettingData"));
        assertEquals(settings(vm), refs.get(0).get("ManagedElement"));
        CimObjectPath mem = VmRefs.instance("Xen_MemorySettingData", "Xen:" + vm + "/Memory");
        assertEquals(1, f.ops.references(VmCatalogFixture.RC, mem, "Xen_MemoryElementSettingData", null).size());
    }

    @Test
    void templatesAndSnapshotsOwnTheirRasdsButNoSystem() throws Exception {
        CimInstance template = f.enumerate("Xen_ComputerSystemTemplate").get(0);
        String t = (String) template.get("VirtualSystemIdentifier");
        Set<CimObjectPath> got = related(template.path());
        assertTrue(got.contains(VmRefs.instance("Xen_MemorySettingData", "Xen:" + t + "/Memory")));
        assertTrue(got.stream().noneMatch(p -> p.className().equals("Xen_ComputerSystem")));
        CimInstance snap = f.enumerate("Xen_ComputerSystemSnapshot").get(0);
        assertEquals(Set.of(VmRefs.system(vm)), paths(f.associators(snap.path(), "CIM_SnapshotOfVirtualSystem", null)));
        assertEquals(Set.of(snap.path()), paths(f.associators(VmRefs.system(vm), "CIM_MostCurrentSnapshotInBranch", null)));
    }

    @Test
    void referencesCarryRefsInRootCimv2WithTheTargetsKeys() throws Exception {
        List<CimInstance> refs = new java.util.ArrayList<>();
        for (String ac : associationClasses()) {
            refs.addAll(f.ops.references(VmCatalogFixture.RC, VmRefs.system(vm), ac, null));
        }
        assertFalse(refs.isEmpty());
        for (CimInstance a : refs) {
            for (Object v : a.values().values()) {
                if (v instanceof CimObjectPath p) {
                    assertEquals("root/cimv2", p.namespace(), a.toString());
                    assertEquals(f.pc.cimClass(p.className()).keyNames(), List.copyOf(p.keys().keySet()), p.toString());
                }
            }
        }
    }
}
