package org.xenwbem.provider.classes.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xenwbem.cim.CimInstance;

/** The RASDs against the simulator's wire records: InstanceID formats and every property set. */
class VmResourceSettingsGoldenTest {
    private static VmCatalogFixture f;

    @BeforeAll
    static void start() throws Exception {
        f = new VmCatalogFixture();
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    private static CimInstance rasd(String cls, String id) throws Exception {
        return f.get(VmRefs.instance(cls, id));
    }

    static long mib(long bytes) {
        return Math.max(1, (bytes + (1L << 20) - 1) >> 20);
    }

    @Test
    void processorSettingsPerVmTemplateAndSnapshot() throws Exception {
        assertEquals(f.sim.vmUuids().size(), f.enumerate("Xen_ProcessorSettingData").size());
        for (String uuid : f.sim.vmUuids()) {
            VmWire vm = new VmWire(f.sim, "VM", uuid);
            CimInstance i = rasd("Xen_ProcessorSettingData", "Xen:" + uuid + "/Processor");
            assertEquals(3L, i.get("ResourceType"));
            assertEquals("count", i.get("AllocationUnits"));
            assertEquals(vm.num("VCPUs_max"), i.get("VirtualQuantity"));
            assertEquals(vm.num("VCPUs_at_startup"), i.get("Reservation"));
            Map<String, Object> params = vm.map("VCPUs_params");
            assertEquals(params.containsKey("weight") ? Long.valueOf((String) params.get("weight")) : null, i.get("Weight"));
            assertEquals(params.containsKey("cap") ? Long.valueOf((String) params.get("cap")) : null, i.get("Limit"));
            String host = vm.ref("resident_on", "host");
            assertEquals(host.isEmpty() ? null : host, i.get("PoolID"));
            assertEquals(vm.str("name_label"), i.get("ElementName"));
            assertEquals(VmSettingsGoldenTest.kindOf(vm).rasdCaption("Processor"), i.get("Caption"));
        }
    }

    @Test
    void memorySettingsInMebibytes() throws Exception {
        assertEquals(f.sim.vmUuids().size(), f.enumerate("Xen_MemorySettingData").size());
        for (String uuid : f.sim.vmUuids()) {
            VmWire vm = new VmWire(f.sim, "VM", uuid);
            CimInstance i = rasd("Xen_MemorySettingData", "Xen:" + uuid + "/Memory");
            assertEquals(4L, i.get("ResourceType"));
            assertEquals("byte*2^20", i.get("AllocationUnits"));
            assertEquals(mib(vm.num("memory_dynamic_min")), i.get("Reservation"));
            assertEquals(mib(vm.num("memory_dynamic_max")), i.get("Limit"));
            String metrics = vm.ref("metrics", "VM_metrics");
            long actual = metrics.isEmpty() ? 0 : new VmWire(f.sim, "VM_metrics", metrics).num("memory_actual");
            assertEquals(mib(actual == 0 ? vm.num("memory_static_max") : actual), i.get("VirtualQuantity"), uuid);
        }
    }

    @Test
    void diskSettingsPerVbd() throws Exception {
        assertEquals(f.sim.uuids("VBD").size(), f.enumerate("Xen_DiskSettingData").size());
        for (String vbdUuid : f.sim.uuids("VBD")) {
            VmWire vbd = new VmWire(f.sim, "VBD", vbdUuid);
            CimInstance i = rasd("Xen_DiskSettingData", "Xen:" + vbd.ref("VM", "VM") + "/" + vbdUuid);
            boolean cd = "CD".equals(vbd.str("type"));
            assertEquals(cd ? 16L : 19L, i.get("ResourceType"));
            assertEquals(vbd.str("userdevice"), i.get("AddressOnParent"));
            assertEquals("RW".equals(vbd.str("mode")) ? 3L : 1L, i.get("Access"));
            assertEquals(vbd.bool("bootable"), i.get("Bootable"));
            assertEquals(cd ? "count" : "byte", i.get("AllocationUnits"));
            String vdi = vbd.ref("VDI", "VDI");
            if (vdi.isEmpty()) {
                assertNull(i.get("HostResource"));
                assertNull(i.get("PoolID"));
                continue;
            }
            VmWire image = new VmWire(f.sim, "VDI", vdi);
            String sr = image.ref("SR", "SR");
            assertEquals(cd ? 1L : image.num("virtual_size"), i.get("VirtualQuantity"));
            assertEquals(image.num("virtual_size"), i.get("Limit"));
            assertEquals(sr, i.get("PoolID"));
            assertEquals(vdi, i.get("HostExtentName"));
            assertEquals(image.str("name_label"), i.get("ElementName"));
            assertEquals(List.of("root/cimv2:Xen_DiskImage.CreationClassName=\"Xen_DiskImage\",DeviceID=\"Xen:" + sr + "/"
                    + vdi + "\",SystemCreationClassName=\"Xen_StoragePool\",SystemName=\"" + sr + "\""), i.get("HostResource"));
        }
    }

    @Test
    void networkPortSettingsPerVif() throws Exception {
        assertEquals(f.sim.uuids("VIF").size(), f.enumerate("Xen_NetworkPortSettingData").size());
        for (String vifUuid : f.sim.uuids("VIF")) {
            VmWire vif = new VmWire(f.sim, "VIF", vifUuid);
            CimInstance i = rasd("Xen_NetworkPortSettingData", "Xen:" + vif.ref("VM", "VM") + "/" + vifUuid);
            VmWire net = vif.follow("network", "network");
            assertEquals(33L, i.get("ResourceType"));
            assertEquals(vif.str("MAC"), i.get("Address"));
            assertEquals(vif.str("device"), i.get("AddressOnParent"));
            assertEquals(vif.bool("MAC_autogenerated"), i.get("AutoGeneratedMAC"));
            assertEquals(vif.ref("network", "network"), i.get("PoolID"));
            assertEquals(net.str("bridge"), i.get("ElementName"));
            assertEquals(net.str("name_label"), i.get("Description"));
        }
    }

    @Test
    void consoleSettingsPerConsole() throws Exception {
        assertEquals(f.sim.uuids("console").size(), f.enumerate("Xen_ConsoleSettingData").size());
        for (String conUuid : f.sim.uuids("console")) {
            VmWire con = new VmWire(f.sim, "console", conUuid);
            CimInstance i = rasd("Xen_ConsoleSettingData", "Xen:" + con.ref("VM", "VM") + "/" + conUuid);
            assertEquals(24L, i.get("ResourceType"));
            assertEquals(switch (con.str("protocol")) {
                case "rfb" -> 1L;
                case "rdp" -> 2L;
                default -> 0L;
            }, i.get("Protocol"));
            assertEquals(con.str("location"), i.get("URI"));
        }
    }

    @Test
    void aRasdIdNamingAnotherVmIsNotFound() throws Exception {
        String vbd = f.sim.uuids("VBD").get(0);
        String otherVm = f.sim.vmUuids().stream()
                .filter(u -> !u.equals(new VmWire(f.sim, "VBD", vbd).ref("VM", "VM"))).findFirst().orElseThrow();
        f.assertNotFound(VmRefs.instance("Xen_DiskSettingData", "Xen:" + otherVm + "/" + vbd));
        f.assertNotFound(VmRefs.instance("Xen_ProcessorSettingData", "Xen:" + otherVm + "/Memory"));
    }
}
