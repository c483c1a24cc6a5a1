package org.xenwbem.provider.classes.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.cim.CimObjectPath;

/** The VSSD family against the simulator's wire records: keys, ID formats and every property set. */
class VmSettingsGoldenTest {
    static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    private static VmCatalogFixture f;

    @BeforeAll
    static void start() throws Exception {
        f = new VmCatalogFixture();
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    static VmKind kindOf(VmWire vm) {
        return vm.bool("is_a_snapshot") ? VmKind.SNAPSHOT : vm.bool("is_a_template") ? VmKind.TEMPLATE : VmKind.SETTINGS;
    }

    static CimObjectPath vssd(VmKind kind, String uuid) {
        return VmRefs.instance(kind.cimClass(), "Xen:" + uuid);
    }

    @Test
    void everyVmHasExactlyOneSettingsInstanceOfItsKind() throws Exception {
        for (VmKind kind : VmKind.values()) {
            Set<String> expected = f.sim.vmUuids().stream()
                    .filter(u -> kindOf(new VmWire(f.sim, "VM", u)) == kind).map(u -> "Xen:" + u)
                    .collect(Collectors.toSet());
            List<CimInstance> got = f.enumerate(kind.cimClass());
            assertEquals(expected, got.stream().map(i -> (String) i.get("InstanceID")).collect(Collectors.toSet()));
            assertEquals(expected.size(), got.size());
            got.forEach(i -> assertTrue(((String) i.get("InstanceID")).matches("Xen:" + UUID)));
        }
        assertEquals(8, f.enumerate("Xen_ComputerSystemSettingData").size(), "6 VMs and 2 dom0s");
        assertEquals(1, f.enumerate("Xen_ComputerSystemSnapshot").size());
    }

    @Test
    void commonPropertiesComeFromTheVmRecord() throws Exception {
        for (String uuid : f.sim.vmUuids()) {
            VmWire vm = new VmWire(f.sim, "VM", uuid);
            VmKind kind = kindOf(vm);
            CimInstance i = f.get(vssd(kind, uuid));
            assertEquals(kind.cimClass(), i.className());
            assertEquals(kind.caption(), i.get("Caption"));
            assertEquals(vm.str("name_label"), i.get("ElementName"));
            assertEquals(vm.str("name_description"), i.get("Description"));
            assertEquals(uuid, i.get("VirtualSystemIdentifier"));
            boolean pv = "pv".equals(vm.str("domain_type"));
            assertEquals(pv ? "DMTF:xen:PV" : "DMTF:xen:HVM", i.get("VirtualSystemType"), vm.toString());
            assertEquals(vm.keyValues("other_config"), i.get("Other_Config"));
            assertEquals(vm.keyValues("platform"), i.get("Platform"));
            assertEquals(pv ? null : vm.keyValues("HVM_boot_params"), i.get("HVM_Boot_Params"));
            assertEquals("restart".equals(vm.str("actions_after_reboot")) ? 3L : 2L, i.get("AutomaticStartupAction"));
            assertEquals(2L, i.get("AutomaticShutdownAction"));
            assertEquals("restart".equals(vm.str("actions_after_crash")) ? 3L : 2L, i.get("AutomaticRecoveryAction"));
        }
    }

    @Test
    void currentSettingsCarryHostStartTimeAndGuestMetrics() throws Exception {
        for (CimInstance i : f.enumerate("Xen_ComputerSystemSettingData")) {
            String uuid = (String) i.get("VirtualSystemIdentifier");
            VmWire vm = new VmWire(f.sim, "VM", uuid);
            String host = vm.ref("resident_on", "host");
            assertEquals(host.isEmpty() ? null : host, i.get("Host"));
            VmWire metrics = vm.follow("metrics", "VM_metrics");
            assertEquals(metrics.timeOrNull("start_time"), i.get("StartTime"), vm.toString());
            assertEquals(metrics.timeOrNull("install_time"), i.get("CreationTime"));
            assertEquals(vm.list("allowed_operations").contains("clean_shutdown"), i.get("Xen_Tools_AreRunning"));
            String gm = vm.ref("guest_metrics", "VM_guest_metrics");
            if (gm.isEmpty()) {
                assertNull(i.get("OS_Version"));
                assertNull(i.get("PV_Drivers_UpToDate"));
            } else {
                VmWire g = new VmWire(f.sim, "VM_guest_metrics", gm);
                assertEquals(g.keyValues("os_version"), i.get("OS_Version"));
                assertEquals(g.keyValues("PV_drivers_version"), i.get("PV_Drivers_Version"));
                assertEquals(g.bool("PV_drivers_up_to_date"), i.get("PV_Drivers_UpToDate"));
            }
        }
    }

    @Test
    void snapshotNamesItsVmAndTimeAndTheVmNamesItsParent() throws Exception {
        CimInstance snap = f.enumerate("Xen_ComputerSystemSnapshot").get(0);
        VmWire wire = new VmWire(f.sim, "VM", (String) snap.get("VirtualSystemIdentifier"));
        String of = wire.ref("snapshot_of", "VM");
        String systemUri = "root/cimv2:Xen_ComputerSystem.CreationClassName=\"Xen_ComputerSystem\",Name=\"" + of + "\"";
        assertEquals(systemUri, snap.get("SnapshotOf"));
        assertEquals(wire.time("snapshot_time"), snap.get("SnapshotTime"));
        assertEquals(List.of(systemUri), snap.get("Children"));
        CimInstance vm = f.get(vssd(VmKind.SETTINGS, of));
        assertEquals("root/cimv2:Xen_ComputerSystemSnapshot.InstanceID=\"" + snap.get("InstanceID") + "\"",
                vm.get("Parent"));
    }

    @Test
    void templatesCarryNoRuntimeProperties() throws Exception {
        for (CimInstance t : f.enumerate("Xen_ComputerSystemTemplate")) {
            VmWire wire = new VmWire(f.sim, "VM", (String) t.get("VirtualSystemIdentifier"));
            assertTrue(wire.bool("is_a_template"));
            assertEquals("Template for a Xen virtual machine", t.get("Caption"));
            assertNull(t.get("StartTime"));
        }
    }

    @Test
    void aVssdOfTheWrongKindOrAnUnknownVmIsNotFound() throws Exception {
        String template = (String) f.enumerate("Xen_ComputerSystemTemplate").get(0).get("VirtualSystemIdentifier");
        f.assertNotFound(vssd(VmKind.SETTINGS, template));
        f.assertNotFound(vssd(VmKind.SETTINGS, "00000000-0000-0000-0000-000000000000"));
        f.assertNotFound(VmRefs.instance("Xen_ComputerSystemSettingData", "nonsense"));
    }
}
