package org.xenwbem.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xenwbem.bridge.storagetest.Ceph;
import org.xenwbem.bridge.storagetest.StorageDaemons;
import org.xenwbem.bridge.storagetest.Tgt;

/**
 * The storage service against real storage daemons on loopback (StorageDaemons: single-node Ceph, tgt),
 * through python3-winrm and the real daemon: an rbd SR created on Ceph, a disk made on it (an RBD image
 * {@code VHD-<vdi>}), a copy of that disk made by Ceph itself (a COW clone whose parent is the first
 * image; the job says {@code offload:rbd}); and iSCSI discovery of tgt's target, then of its LUN.
 * Skips without the tools unless XENWBEM_REQUIRE_STORAGE=1; without python3-winrm unless
 * XENWBEM_REQUIRE_CLIENTS=1.
 */
class StorageArraysScenarioTest {
    private static final String P = DaemonFixture.P;
    private static final String SVC = P + "Xen_StoragePoolManagementService";
    private static DaemonFixture fx;
    private static PywinrmClient winrm;

    @BeforeAll
    static void start() throws Exception {
        fx = new DaemonFixture(1);
        winrm = PywinrmClient.install(fx, "arrays");
    }

    @AfterAll
    static void stop() {
        if (fx != null) {
            fx.close();
        }
    }

    private static String element(String param, String cls, String props) {
        return "<q:" + param + "><c:" + cls + " xmlns:c=\"" + P + cls + "\">" + props + "</c:" + cls + "></q:" + param + ">";
    }

    private static String p(String name, String value) {
        return "<c:" + name + ">" + value + "</c:" + name + ">";
    }

    private static Map<String, Object> invoke(String method, String params) throws Exception {
        return MiniJson.object(winrm.lines("invoke", SVC, method, params, "Name=Xen0x20Storage0x20Repository",
                "SystemCreationClassName=CIM_ResourcePoolConfigurationService", "SystemName=" + fx.sim().masterUuid()).get(0));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> awaitJob(Map<String, Object> out) throws Exception {
        assertEquals("4096", out.get("ReturnValue"), out.toString());
        String id = String.valueOf(((Map<String, Object>) out.get("Job")).get("InstanceID"));
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        Map<String, Object> job = winrm.first("get", P + "Xen_Job", "InstanceID=" + id);
        while (!List.of("7", "8", "9", "10").contains(String.valueOf(job.get("JobState"))) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            job = winrm.first("get", P + "Xen_Job", "InstanceID=" + id);
        }
        assertEquals("7", job.get("JobState"), job.toString());
        return job;
    }

    private static String uuidAtEnd(String path) {
        String s = path.replaceAll("[^0-9a-f-]+$", "");
        return s.substring(s.length() - 36);
    }

    @Test
    @SuppressWarnings("unchecked")
    void anRbdSrOnCephWithADiskAndACloneCephMade() throws Exception {
        Ceph ceph = StorageDaemons.ceph();
        StringBuilder connection = new StringBuilder();
        ceph.deviceConfig().forEach((k, v) -> connection.append(p("Connection", k + "=" + v)));
        Map<String, Object> created = awaitJob(invoke("CreateStoragePool", "<q:ElementName>ceph</q:ElementName>"
                + element("Settings", "Xen_DiskSettingData", p("ResourceType", "19") + p("ResourceSubType", "rbd")
                + connection)));
        String sr = uuidAtEnd(String.valueOf(created.get("Result")));
        assertEquals("rbd", fx.sim().record("SR", sr).get("type"));

        Map<String, Object> disk = invoke("CreateDiskImage", element("ResourceSetting", "Xen_DiskSettingData",
                p("ResourceType", "19") + p("PoolID", sr) + p("VirtualQuantity", "64") + p("AllocationUnits", "byte*2^20")
                        + p("ElementName", "golden")));
        assertEquals("0", disk.get("ReturnValue"), disk.toString());
        String deviceId = String.valueOf(((Map<String, Object>) disk.get("ResultingDiskImage")).get("DeviceID"));
        String golden = deviceId.substring(deviceId.lastIndexOf('/') + 1);
        assertTrue(ceph.run("ls", ceph.pool()).contains("VHD-" + golden), "the disk is an RBD image");

        Map<String, Object> copy = awaitJob(invoke("CreateDiskImage", element("ResourceSetting", "Xen_DiskSettingData",
                p("ResourceType", "19") + p("ElementName", "from-golden")
                        + p("HostResource", "root/cimv2:Xen_DiskImage.DeviceID=\"" + deviceId + "\""))));
        assertEquals("offload:rbd", copy.get("StoragePath"), copy.toString());
        String clone = uuidAtEnd(String.valueOf(copy.get("Result")));
        String info = ceph.run("info", ceph.pool() + "/VHD-" + clone);
        assertTrue(info.contains("parent: " + ceph.pool() + "/VHD-" + golden), "a COW clone of the golden image: " + info);
        assertEquals("from-golden", fx.sim().record("VDI", clone).get("name_label"), "xapi knows the clone by its name");
        Map<String, Object> pool = winrm.first("get", P + "Xen_StoragePool", "InstanceID=Xen:Shared/" + sr);
        assertEquals("rbd", pool.get("OffloadAdapter"), pool.toString());

        String ref = "<q:DiskImage><a:Address>http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</a:Address>"
                + "<a:ReferenceParameters><w:ResourceURI>" + P + "Xen_DiskImage</w:ResourceURI><w:SelectorSet>"
                + "<w:Selector Name=\"DeviceID\">" + deviceId + "</w:Selector></w:SelectorSet></a:ReferenceParameters>"
                + "</q:DiskImage>";
        assertEquals("0", invoke("DeleteDiskImage", ref).get("ReturnValue"), "the golden disk goes, though cloned");
        assertTrue(!ceph.run("ls", ceph.pool()).contains("VHD-" + golden), "its image is gone from Ceph");
        assertTrue(!ceph.run("info", ceph.pool() + "/VHD-" + clone).contains("parent:"), "the clone stands alone now");
        assertTrue(!fx.sim().uuids("VDI").contains(golden) && fx.sim().uuids("VDI").contains(clone));
    }

    @Test
    void iscsiDiscoveryListsTgtsTargetThenItsLun() throws Exception {
        Tgt tgt = StorageDaemons.tgt();
        Path lun = fx.scratch("iscsi").resolve("lun1.img");
        try (RandomAccessFile f = new RandomAccessFile(lun.toFile(), "rw")) {
            f.setLength(64L << 20);
        }
        String iqn = "iqn.2026-01.test:xenwbem-discovery";
        tgt.addTarget(iqn, List.of(lun));
        Map<String, Object> iqns = invoke("DiscoveriSCSITargetInfo", "<q:TargetHost>127.0.0.1</q:TargetHost><q:Port>"
                + tgt.port() + "</q:Port>");
        assertEquals("0", iqns.get("ReturnValue"), iqns.toString());
        String targets = String.valueOf(iqns.get("TargetInfo"));
        assertTrue(targets.contains("<TargetIQN>" + iqn + "</TargetIQN>"), targets);
        Map<String, Object> luns = invoke("DiscoveriSCSITargetInfo", "<q:TargetHost>127.0.0.1</q:TargetHost><q:Port>"
                + tgt.port() + "</q:Port><q:TargetIQN>" + iqn + "</q:TargetIQN>");
        String info = String.valueOf(luns.get("TargetInfo"));
        assertTrue(info.contains("<LUN>") && info.contains("<SCSIid>"), info);
    }
}
