package org.xenwbem.provider.classes.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xenwbem.provider.classes.storage.StorageFixture.ROOT;
import static org.xenwbem.provider.classes.storage.StorageFixture.createArgs;
import static org.xenwbem.provider.classes.storage.StorageFixture.diskRef;
import static org.xenwbem.provider.classes.storage.StorageFixture.rc;
import static org.xenwbem.provider.classes.storage.StorageFixture.srSettings;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xenwbem.bridge.PowerState;
import org.xenwbem.cim.CimObjectPath;
import org.xenwbem.provider.cimom.CimException;
import org.xenwbem.provider.cimom.CimStatus;
import org.xenwbem.provider.cimom.MethodResult;
import org.xenwbem.provider.cimom.RequestContext;
import org.xenwbem.provider.classes.vm.VirtualSystemManagement;
import org.xenwbem.provider.jobs.JobState;
import org.xenwbem.provider.methods.MethodFixture;

/** CreateDiskImage and DeleteDiskImage on a simulated pool, with the disk lifecycle around a VM. */
class DiskImageMethodsTest {
    private StorageFixture st;

    @BeforeEach
    void up() throws Exception {
        st = new StorageFixture();
    }

    @AfterEach
    void down() {
        st.close();
    }

    private static String disk(String sr, long gib, String name) {
        return "instance of Xen_DiskSettingData { ResourceType = 19; PoolID = \"" + sr + "\"; VirtualQuantity = " + gib
                + "; AllocationUnits = \"byte*2^30\"; ElementName = \"" + name + "\"; };";
    }

    private String vdiNamed(String name) {
        return st.fx.sim.uuids("VDI").stream().filter(u -> name.equals(st.fx.sim.record("VDI", u).get("name_label")))
                .findFirst().orElse(null);
    }

    @Test
    void aDiskOnAThinSrIsMadeAtOnce() throws Exception {
        String sr = st.fx.sim.defaultSrUuid();
        MethodResult r = st.call(ROOT, "CreateDiskImage", Map.of("ResourceSetting", disk("Xen:Shared/" + sr, 5, "data-1")));
        assertEquals(0L, rc(r));
        String vdi = vdiNamed("data-1");
        assertEquals(StorageIds.diskImage(sr, vdi), r.out().get("ResultingDiskImage"));
        assertEquals(String.valueOf(5L << 30), String.valueOf(st.fx.sim.record("VDI", vdi).get("virtual_size")));
        assertEquals(sr, st.srOf(vdi));
        assertTrue(st.fx.env.pool().get().vdi(vdi).isPresent(), "read-your-writes: the mirror has it");
    }

    @Test
    void aThickDiskIsAJobAfterTheSpaceIsChecked() throws Exception {
        String lvm = st.completed(st.call(ROOT, "CreateStoragePool", createArgs("thick",
                srSettings("lvm", 19, "device=/dev/sdc"))));
        st.fx.synced();
        MethodResult r = st.call(ROOT, "CreateDiskImage", Map.of("ResourceSetting", disk(lvm, 4, "thick-1")));
        Map<?, ?> oc = st.fx.awaitJob(r);
        assertEquals("7", oc.get(JobState.STATE), oc.toString());
        String vdi = vdiNamed("thick-1");
        assertEquals(vdi, oc.get(JobState.RESULT));
        assertEquals(StorageIds.diskImage(lvm, vdi).toString(), oc.get(StorageJobs.RESULT));
        assertEquals("xapi:VDI.create", oc.get(StorageJobs.PATH));
        long size = ((Number) st.fx.sim.record("SR", lvm).get("physical_size")).longValue();
        CimException e = assertThrows(CimException.class, () -> st.call(ROOT, "CreateDiskImage",
                Map.of("ResourceSetting", disk(lvm, (size >> 30) + 1, "too-big"))));
        assertTrue(e.getMessage().contains("does not fit"), e.getMessage());
        assertNull(vdiNamed("too-big"));
    }

    @Test
    void aFailedCreateLeavesNoDisk() throws Exception {
        int vdis = st.fx.sim.count("VDI");
        st.fx.pool.faults().on("VDI.create").once().fail("SR_FULL", "injected");
        CimException e = assertThrows(CimException.class, () -> st.call(ROOT, "CreateDiskImage",
                Map.of("ResourceSetting", disk(st.fx.sim.defaultSrUuid(), 1, "doomed"))));
        assertTrue(e.getMessage().contains("SR_FULL"), e.getMessage());
        assertEquals(vdis, st.fx.sim.count("VDI"));
    }

    @Test
    void aCopyOfADiskIsAJobThatUndoesItselfWhenNamingFails() throws Exception {
        String sr = st.fx.sim.defaultSrUuid();
        assertEquals(0L, rc(st.call(ROOT, "CreateDiskImage", Map.of("ResourceSetting", disk(sr, 2, "golden")))));
        String golden = vdiNamed("golden");
        st.fx.synced();
        String copy = "instance of Xen_DiskSettingData { ResourceType = 19; ElementName = \"copy-1\"; HostResource = {"
                + "\"root/cimv2:Xen_DiskImage.DeviceID=\\\"Xen:" + sr + "/" + golden + "\\\"\"}; };";
        Map<?, ?> oc = st.fx.awaitJob(st.call(ROOT, "CreateDiskImage", Map.of("ResourceSetting", copy)));
        assertEquals("7", oc.get(JobState.STATE), oc.toString());
        assertEquals("xapi:VDI.clone", oc.get(StorageJobs.PATH));
        assertEquals(vdiNamed("copy-1"), oc.get(JobState.RESULT));
        int vdis = st.fx.sim.count("VDI");
        st.fx.pool.faults().on("VDI.set_name_label").once().fail("SR_BACKEND_FAILURE_1", "", "injected", "");
        Map<?, ?> failed = st.fx.awaitJob(st.call(ROOT, "CreateDiskImage", Map.of("ResourceSetting",
                copy.replace("copy-1", "copy-2"))));
        assertEquals("10", failed.get(JobState.STATE), failed.toString());
        assertEquals(vdis, st.fx.sim.count("VDI"), "the clone is destroyed again");
    }

    @Test
    void aDiskOfARunningVmIsNotDeletedButOnceRemovedFromItItIs() throws Exception {
        String[] vmDisk = st.vmWithDisk(PowerState.Running);
        String sr = st.srOf(vmDisk[1]);
        CimException e = assertThrows(CimException.class,
                () -> st.call(ROOT, "DeleteDiskImage", Map.of("DiskImage", diskRef(sr, vmDisk[1]))));
        assertEquals(CimStatus.FAILED, e.status());
        assertTrue(e.getMessage().contains(vmDisk[0]) && e.getMessage().contains("Running"), e.getMessage());
        assertTrue(st.fx.sim.uuids("VDI").contains(vmDisk[1]));

        String vbd = st.fx.sim.uuids("VBD").stream().filter(b -> vmDisk[1].equals(st.fx.sim.uuidOfRef("VDI",
                String.valueOf(st.fx.sim.record("VBD", b).get("VDI"))))).findFirst().orElseThrow();
        VirtualSystemManagement vsms = new VirtualSystemManagement(st.fx.env);
        CimObjectPath rasd = new CimObjectPath(StorageFixture.NS, "Xen_DiskSettingData",
                Map.of("InstanceID", "Xen:" + vmDisk[0] + "/" + vbd));
        assertEquals(0L, rc(st.call(vsms, ROOT, "RemoveResourceSettings", Map.of("ResourceSettings", List.of(rasd)))));
        st.fx.synced();
        assertTrue(st.fx.env.pool().get().vdi(vmDisk[1]).isPresent(), "a removed disk stays a Xen_DiskImage");
        assertEquals(0L, rc(st.call(ROOT, "DeleteDiskImage", Map.of("DiskImage", diskRef(sr, vmDisk[1])))));
        assertFalse(st.fx.sim.uuids("VDI").contains(vmDisk[1]));
        assertTrue(st.fx.env.pool().get().vdi(vmDisk[1]).isEmpty());
    }

    @Test
    void vmOperatorsAndReadersMayNotCreateOrDeleteDisks() throws Exception {
        String sr = st.fx.sim.defaultSrUuid();
        int vdis = st.fx.sim.count("VDI");
        for (RequestContext who : List.of(MethodFixture.as("reader", "read-only"), MethodFixture.as("operator", "vm-operator"))) {
            CimException e = assertThrows(CimException.class, () -> st.call(who, "CreateDiskImage",
                    Map.of("ResourceSetting", disk(sr, 1, "nope"))));
            assertEquals(CimStatus.ACCESS_DENIED, e.status());
            assertTrue(e.getMessage().contains("vm-admin"), e.getMessage());
        }
        assertEquals(0L, rc(st.call(MethodFixture.as("root", "vm-admin"), "CreateDiskImage",
                Map.of("ResourceSetting", disk(sr, 1, "allowed")))));
        assertEquals(vdis + 1, st.fx.sim.count("VDI"));
    }

    @Test
    void badDiskSettingsAreRefusedWithTheReason() {
        for (String bad : List.of("instance of Xen_DiskSettingData { ResourceType = 19; ElementName = \"x\"; };",
                disk("00000000-0000-0000-0000-000000000000", 1, "x"),
                "instance of Xen_DiskSettingData { ResourceType = 19; VirtualQuantity = 1; AllocationUnits = \"furlongs\"; };")) {
            CimException e = assertThrows(CimException.class, () -> st.call(ROOT, "CreateDiskImage",
                    Map.of("ResourceSetting", bad)), bad);
            assertEquals(CimStatus.INVALID_PARAMETER, e.status(), bad);
        }
    }
}
