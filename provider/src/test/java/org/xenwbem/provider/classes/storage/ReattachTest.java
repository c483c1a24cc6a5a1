package org.xenwbem.provider.classes.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xenwbem.provider.classes.storage.StorageFixture.ROOT;
import static org.xenwbem.provider.classes.storage.StorageFixture.createArgs;
import static org.xenwbem.provider.classes.storage.StorageFixture.poolRef;
import static org.xenwbem.provider.classes.storage.StorageFixture.rc;
import static org.xenwbem.provider.classes.storage.StorageFixture.srSettings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xenwbem.bridge.PowerState;
import org.xenwbem.cim.CimObjectPath;
import org.xenwbem.provider.cimom.MethodResult;
import org.xenwbem.provider.classes.vm.VirtualSystemManagement;
import org.xenwbem.provider.jobs.JobState;

/**
 * Detach keeps the data; CreateStoragePool with the same device-config brings the SR back with its disks
 * (SR.probe → SR.introduce → PBD.create/plug → SR.scan), and a failure at any of those steps leaves no SR
 * or PBD behind and the data where it was. The simulated SR keeps its disks as real files in a directory.
 */
class ReattachTest {
    @TempDir
    Path location;
    private StorageFixture st;

    @BeforeEach
    void up() throws Exception {
        st = new StorageFixture();
    }

    @AfterEach
    void down() {
        st.close();
    }

    private String settings() {
        return srSettings("file", 19, "location=" + location);
    }

    /** A file SR with one 1 GiB disk, then detached: [sr, vdi]. */
    private String[] detachedSrWithADisk() throws Exception {
        String sr = st.completed(st.call(ROOT, "CreateStoragePool", createArgs("files", settings())));
        st.fx.synced();
        MethodResult d = st.call(ROOT, "CreateDiskImage", Map.of("ResourceSetting", "instance of Xen_DiskSettingData {"
                + " ResourceType = 19; PoolID = \"" + sr + "\"; VirtualQuantity = 1073741824; ElementName = \"keep\"; };"));
        String id = String.valueOf(((CimObjectPath) d.out().get("ResultingDiskImage")).key("DeviceID"));
        String vdi = id.substring(id.lastIndexOf('/') + 1);
        assertTrue(Files.exists(location.resolve(vdi + ".raw")), "the disk is a file in the SR's location");
        assertEquals(0L, rc(st.call(ROOT, "DetachStoragePool", Map.of("Pool", poolRef(st.fx.sim.masterUuid(), sr)))));
        assertFalse(st.fx.sim.uuids("SR").contains(sr));
        assertFalse(st.fx.sim.uuids("VDI").contains(vdi));
        assertTrue(Files.exists(location.resolve(vdi + ".raw")), "detach keeps the data");
        return new String[] {sr, vdi};
    }

    @Test
    void creatingItAgainBringsTheSrBackWithItsDisks() throws Exception {
        String[] srVdi = detachedSrWithADisk();
        Map<?, ?> oc = st.fx.awaitJob(st.call(ROOT, "CreateStoragePool", createArgs("files again", settings())));
        assertEquals("7", oc.get(JobState.STATE), oc.toString());
        assertEquals(srVdi[0], oc.get(JobState.RESULT), "the same SR");
        assertEquals("xapi:SR.introduce", oc.get(StorageJobs.PATH));
        assertEquals("files again", st.fx.sim.record("SR", srVdi[0]).get("name_label"));
        List<String> pbds = st.pbdsOf(srVdi[0]);
        assertEquals(List.of(st.fx.sim.masterUuid()), pbds.stream().map(st::hostOf).toList());
        assertTrue(st.plugged(pbds.get(0)));
        assertTrue(st.fx.sim.uuids("VDI").contains(srVdi[1]), "its disk is back");
        assertEquals(String.valueOf(1L << 30), String.valueOf(st.fx.sim.record("VDI", srVdi[1]).get("virtual_size")));
        st.fx.synced();
        CimObjectPath pool = poolRef(st.fx.sim.masterUuid(), srVdi[0]);
        org.xenwbem.provider.cimom.CimException notEmpty = org.junit.jupiter.api.Assertions.assertThrows(
                org.xenwbem.provider.cimom.CimException.class, () -> st.call(ROOT, "DeleteResourcePool", Map.of("Pool", pool)));
        assertTrue(notEmpty.getMessage().contains("SR_NOT_EMPTY"), notEmpty.getMessage());
        assertTrue(st.pbdsOf(srVdi[0]).stream().allMatch(st::plugged), "the PBDs are put back");
        assertEquals(0L, rc(st.call(ROOT, "DeleteDiskImage", Map.of("DiskImage", StorageIds.diskImage(srVdi[0], srVdi[1])))));
        assertEquals(0L, rc(st.call(ROOT, "DeleteResourcePool", Map.of("Pool", pool))));
        assertFalse(st.fx.sim.uuids("SR").contains(srVdi[0]));
        assertFalse(Files.exists(location.resolve(srVdi[1] + ".raw")), "DeleteDiskImage does delete the data");
    }

    @ParameterizedTest
    @ValueSource(strings = {"SR.probe", "SR.introduce", "PBD.create", "PBD.plug", "SR.scan"})
    void aFailedReattachLeavesNoSrNorPbdAndTheDataWhereItWas(String step) throws Exception {
        String[] srVdi = detachedSrWithADisk();
        int srs = st.fx.sim.count("SR");
        int pbds = st.fx.sim.count("PBD");
        st.fx.pool.faults().on(step).once().fail("SR_BACKEND_FAILURE_47", "", "injected at " + step, "");
        Map<?, ?> oc = st.fx.awaitJob(st.call(ROOT, "CreateStoragePool", createArgs("files again", settings())));
        assertEquals("10", oc.get(JobState.STATE), oc.toString());
        assertEquals(List.of(srs, pbds), List.of(st.fx.sim.count("SR"), st.fx.sim.count("PBD")), step);
        assertFalse(st.fx.sim.uuids("SR").contains(srVdi[0]), step);
        assertTrue(Files.exists(location.resolve(srVdi[1] + ".raw")), step);
        assertEquals(srVdi[0], st.completed(st.call(ROOT, "CreateStoragePool", createArgs("files again", settings()))));
        assertTrue(st.fx.sim.uuids("VDI").contains(srVdi[1]), step);
    }

    @Test
    void aDiskOfARunningVmGrowsOnline() throws Exception {
        String sr = st.completed(st.call(ROOT, "CreateStoragePool", createArgs("files", settings())));
        String[] vmDisk = st.vmWithDisk(PowerState.Running);
        st.fx.synced();
        VirtualSystemManagement vsms = new VirtualSystemManagement(st.fx.env);
        MethodResult add = st.call(vsms, ROOT, "AddResourceSettings", Map.of("AffectedConfiguration",
                new CimObjectPath(StorageFixture.NS, "Xen_ComputerSystemSettingData", Map.of("InstanceID", "Xen:" + vmDisk[0])),
                "ResourceSettings", List.of("instance of Xen_DiskSettingData { ResourceType = 19; PoolID = \"" + sr
                        + "\"; VirtualQuantity = 1073741824; ElementName = \"grow-me\"; };")));
        Map<?, ?> oc = st.fx.awaitJob(add);
        assertEquals("7", oc.get(JobState.STATE), oc.toString());
        String rasd = String.valueOf(oc.get("AffectedResources"));
        String vbd = rasd.substring(rasd.lastIndexOf('/') + 1).replace("\"", "");
        String vdi = st.fx.sim.uuidOfRef("VDI", String.valueOf(st.fx.sim.record("VBD", vbd).get("VDI")));
        st.fx.sim.setField("VBD", vbd, "currently_attached", true);
        st.fx.synced();
        assertEquals(0L, rc(st.call(vsms, ROOT, "ModifyResourceSettings", Map.of("ResourceSettings", List.of(
                "instance of Xen_DiskSettingData { InstanceID = \"Xen:" + vmDisk[0] + "/" + vbd + "\"; ResourceType = 19;"
                        + " VirtualQuantity = 2147483648; };")))));
        assertEquals(1, st.fx.pool.callCount("VDI.resize_online"));
        assertEquals(0, st.fx.pool.callCount("VDI.resize"));
        assertEquals(String.valueOf(2L << 30), String.valueOf(st.fx.sim.record("VDI", vdi).get("virtual_size")));
    }
}
