package org.xenwbem.provider.classes.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.cim.CimObjectPath;

/** The VM devices against the simulator's wire records: the four keys, DeviceID formats, properties. */
class VmDevicesGoldenTest {
    private static VmCatalogFixture f;

    @BeforeAll
    static void start() throws Exception {
        f = new VmCatalogFixture();
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    /** Ordinary VMs and dom0s: the Xen_ComputerSystem instances, which own devices. */
    private static List<String> systems() {
        return f.sim.vmUuids().stream().filter(u -> {
            VmWire vm = new VmWire(f.sim, "VM", u);
            return !vm.bool("is_a_template") && !vm.bool("is_a_snapshot");
        }).toList();
    }

    private static CimInstance device(String cls, String vm, String dev) throws Exception {
        CimInstance i = f.get(VmRefs.device(cls, vm, "Xen:" + vm + "/" + dev));
        assertEquals("Xen_ComputerSystem", i.get("SystemCreationClassName"));
        assertEquals(vm, i.get("SystemName"));
        assertEquals(cls, i.get("CreationClassName"));
        assertEquals("Xen:" + vm + "/" + dev, i.get("DeviceID"));
        return i;
    }

    @Test
    void oneProcessorPerVcpuWithItsLoad() throws Exception {
        long total = 0;
        for (String uuid : systems()) {
            VmWire vm = new VmWire(f.sim, "VM", uuid);
            VmWire metrics = vm.follow("metrics", "VM_metrics");
            Map<String, Object> load = metrics.map("VCPUs_utilisation");
            for (int n = 0; n < vm.num("VCPUs_max"); n++, total++) {
                CimInstance i = device("Xen_Processor", uuid, "VCPU" + n);
                Object u = load.get(Integer.toString(n));
                assertEquals(u == null ? 0L : (long) (((Number) u).doubleValue() * 100), i.get("LoadPercentage"));
                assertEquals(uuid, i.get("Name"));
                assertEquals(vm.str("name_label"), i.get("ElementName"));
                boolean resident = !vm.ref("resident_on", "host").isEmpty();
                assertEquals(resident, i.get("CurrentClockSpeed") != null, uuid);
            }
        }
        assertEquals(total, f.enumerate("Xen_Processor").size());
        f.assertNotFound(VmRefs.device("Xen_Processor", systems().get(0), "Xen:" + systems().get(0) + "/VCPU99"));
    }

    @Test
    void oneMemoryPerSystem() throws Exception {
        assertEquals(systems().size(), f.enumerate("Xen_Memory").size());
        for (String uuid : systems()) {
            VmWire vm = new VmWire(f.sim, "VM", uuid);
            CimInstance i = device("Xen_Memory", uuid, "Memory");
            assertEquals(1L, i.get("BlockSize"));
            assertEquals(vm.num("memory_dynamic_max"), i.get("NumberOfBlocks"));
            assertEquals(vm.follow("metrics", "VM_metrics").num("memory_actual"), i.get("ConsumableBlocks"));
        }
    }

    @Test
    void disksAndDrivesPerVbdOfASystem() throws Exception {
        int disks = 0;
        int drives = 0;
        for (String uuid : systems()) {
            for (String vbdUuid : new VmWire(f.sim, "VM", uuid).refs("VBDs", "VBD")) {
                VmWire vbd = new VmWire(f.sim, "VBD", vbdUuid);
                boolean disk = "Disk".equals(vbd.str("type"));
                CimInstance i = device(disk ? "Xen_Disk" : "Xen_DiskDrive", uuid, vbdUuid);
                assertEquals(vbd.bool("currently_attached") ? 2L : 6L, i.get("EnabledState"));
                String vdi = vbd.ref("VDI", "VDI");
                if (disk) {
                    disks++;
                    VmWire image = new VmWire(f.sim, "VDI", vdi);
                    assertEquals(image.num("virtual_size"), i.get("NumberOfBlocks"));
                    assertEquals(image.num("virtual_size") - image.num("physical_utilisation"), i.get("ConsumableBlocks"));
                    assertEquals(image.str("name_label"), i.get("ElementName"));
                    f.assertNotFound(VmRefs.device("Xen_DiskDrive", uuid, "Xen:" + uuid + "/" + vbdUuid));
                } else {
                    drives++;
                    assertEquals("Xen Virtual CD/DVD", i.get("Caption"));
                }
            }
        }
        assertEquals(disks, f.enumerate("Xen_Disk").size());
        assertEquals(drives, f.enumerate("Xen_DiskDrive").size());
        assertTrue(disks > 0 && drives > 0);
    }

    @Test
    void networkPortsPerVifOfASystem() throws Exception {
        int ports = 0;
        for (String uuid : systems()) {
            VmWire vm = new VmWire(f.sim, "VM", uuid);
            String gm = vm.ref("guest_metrics", "VM_guest_metrics");
            for (String vifUuid : vm.refs("VIFs", "VIF")) {
                ports++;
                VmWire vif = new VmWire(f.sim, "VIF", vifUuid);
                CimInstance i = device("Xen_NetworkPort", uuid, vifUuid);
                assertEquals(vif.str("MAC"), i.get("PermanentAddress"));
                assertEquals(vifUuid, i.get("Name"));
                assertEquals(vif.follow("network", "network").str("name_label"), i.get("Caption"));
                Object ip = gm.isEmpty() ? null : new VmWire(f.sim, "VM_guest_metrics", gm).map("networks")
                        .get(vif.str("device") + "/ip");
                assertEquals(ip == null ? null : List.of(ip), i.get("NetworkAddresses"));
            }
        }
        assertEquals(ports, f.enumerate("Xen_NetworkPort").size());
    }

    @Test
    void consolesOfSystems() throws Exception {
        int consoles = 0;
        for (String uuid : systems()) {
            VmWire vm = new VmWire(f.sim, "VM", uuid);
            for (String con : vm.refs("consoles", "console")) {
                consoles++;
                CimInstance i = device("Xen_Console", uuid, con);
                assertEquals(vm.str("name_label"), i.get("Name"));
            }
        }
        assertEquals(consoles, f.enumerate("Xen_Console").size());
    }

    @Test
    void templatesAndSnapshotsHaveNoDevices() throws Exception {
        for (String uuid : f.sim.vmUuids()) {
            if (systems().contains(uuid)) {
                continue;
            }
            f.assertNotFound(VmRefs.device("Xen_Memory", uuid, "Xen:" + uuid + "/Memory"));
            for (String vbd : new VmWire(f.sim, "VM", uuid).refs("VBDs", "VBD")) {
                CimObjectPath p = VmRefs.device("Xen_Disk", uuid, "Xen:" + uuid + "/" + vbd);
                f.assertNotFound(p);
                assertNull(f.enumerate("Xen_Disk").stream().filter(i -> i.path().equals(p)).findAny().orElse(null));
            }
        }
    }
}
