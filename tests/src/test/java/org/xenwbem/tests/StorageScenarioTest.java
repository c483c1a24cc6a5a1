package org.xenwbem.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The storage repository scenario as the anchor's own winrm tests call it, through python3-winrm against
 * the real daemon on a simulated pool whose SRs keep real files: the service named by the anchor's
 * selectors ({@code Name=Xen0x20Storage0x20Repository}, {@code SystemCreationClassName=
 * CIM_ResourcePoolConfigurationService}), the SR's type and device-config in an embedded
 * Xen_DiskSettingData (Citrix namespace). Create a file SR, a disk on it, detach (the disk's file stays),
 * create it again (the same SR with its disk), delete the disk and the SR; a vm-operator may do none of it.
 */
class StorageScenarioTest {
    private static final String P = DaemonFixture.P;
    private static final String SVC = P + "Xen_StoragePoolManagementService";
    private static final String ANON = "http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous";
    private static DaemonFixture fx;
    private static PywinrmClient winrm;
    private static Path location;

    @BeforeAll
    static void start() throws Exception {
        fx = new DaemonFixture(2);
        winrm = PywinrmClient.install(fx, "storage");
        location = fx.scratch("file-sr");
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

    private static String epr(String param, String cls, String key, String value) {
        return "<q:" + param + "><a:Address>" + ANON + "</a:Address><a:ReferenceParameters><w:ResourceURI>" + P + cls
                + "</w:ResourceURI><w:SelectorSet><w:Selector Name=\"" + key + "\">" + value
                + "</w:Selector></w:SelectorSet></a:ReferenceParameters></q:" + param + ">";
    }

    /** Invoke as the anchor's scripts address the service. */
    private static Map<String, Object> invoke(String user, String method, String params) throws Exception {
        List<String> lines = winrm.linesFor(user, DaemonFixture.PASSWORD, "invoke", SVC, method, params,
                "Name=Xen0x20Storage0x20Repository", "SystemCreationClassName=CIM_ResourcePoolConfigurationService",
                "CreationClassName=Xen_StoragePoolManagementService", "SystemName=" + fx.sim().masterUuid());
        return MiniJson.object(lines.get(0));
    }

    private static String createSettings() {
        return "<q:ElementName>files</q:ElementName><q:ResourceType>19</q:ResourceType>"
                + element("Settings", "Xen_DiskSettingData", p("ResourceType", "19") + p("ResourceSubType", "file")
                + p("Connection", "location=" + location) + p("Description", "made over WinRM"));
    }

    /** The Xen_Job of a 4096 answer once it ended, read by Get. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> awaitJob(Map<String, Object> out) throws Exception {
        assertEquals("4096", out.get("ReturnValue"), out.toString());
        String id = String.valueOf(((Map<String, Object>) out.get("Job")).get("InstanceID"));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Map<String, Object> job = winrm.first("get", P + "Xen_Job", "InstanceID=" + id);
        while (!List.of("7", "8", "9", "10").contains(String.valueOf(job.get("JobState"))) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            job = winrm.first("get", P + "Xen_Job", "InstanceID=" + id);
        }
        return job;
    }

    private static String instanceIdOf(String path) {
        int i = path.indexOf("InstanceID=\"");
        return path.substring(i + 12, path.indexOf('"', i + 12));
    }

    @Test
    @SuppressWarnings("unchecked")
    void createDiskDetachRecreateDelete() throws Exception {
        Map<String, Object> job = awaitJob(invoke("root", "CreateStoragePool", createSettings()));
        assertEquals("7", job.get("JobState"), job.toString());
        assertEquals("100", job.get("PercentComplete"), job.toString());
        String poolId = instanceIdOf(String.valueOf(job.get("Result")));
        String sr = poolId.substring(poolId.lastIndexOf('/') + 1);
        Map<String, Object> pool = winrm.first("get", P + "Xen_StoragePool", "InstanceID=" + poolId);
        assertEquals(sr, pool.get("PoolID"), pool.toString());
        assertEquals("thin", pool.get("Provisioning"), pool.toString());
        assertEquals(pool.get("Capacity"), pool.get("PhysicalSize"));

        Map<String, Object> disk = invoke("root", "CreateDiskImage", element("ResourceSetting", "Xen_DiskSettingData",
                p("ResourceType", "19") + p("PoolID", sr) + p("VirtualQuantity", "1") + p("AllocationUnits", "byte*2^30")
                        + p("ElementName", "winrm-disk")));
        assertEquals("0", disk.get("ReturnValue"), disk.toString());
        String deviceId = String.valueOf(((Map<String, Object>) disk.get("ResultingDiskImage")).get("DeviceID"));
        String vdi = deviceId.substring(deviceId.lastIndexOf('/') + 1);
        Path file = location.resolve(vdi + ".raw");
        assertTrue(Files.exists(file), "the disk's bytes are a file in the SR");
        Map<String, Object> image = winrm.first("get", P + "Xen_DiskImage", "DeviceID=" + deviceId,
                "SystemName=" + sr, "SystemCreationClassName=Xen_StoragePool", "CreationClassName=Xen_DiskImage");
        assertEquals(String.valueOf(1L << 30), image.get("VirtualSize"), image.toString());

        assertEquals("0", invoke("root", "DetachStoragePool", epr("Pool", "Xen_StoragePool", "InstanceID", poolId))
                .get("ReturnValue"));
        assertFalse(fx.sim().uuids("SR").contains(sr));
        assertTrue(Files.exists(file), "detaching keeps the data");

        Map<String, Object> again = awaitJob(invoke("root", "CreateStoragePool", createSettings()));
        assertEquals("7", again.get("JobState"), again.toString());
        assertEquals(poolId, instanceIdOf(String.valueOf(again.get("Result"))), "the same SR is back");
        assertEquals("xapi:SR.introduce", again.get("StoragePath"), again.toString());
        assertTrue(fx.sim().uuids("VDI").contains(vdi), "with its disk");

        assertEquals("0", invoke("root", "DeleteDiskImage", epr("DiskImage", "Xen_DiskImage", "DeviceID", deviceId))
                .get("ReturnValue"));
        assertFalse(Files.exists(file));
        assertEquals("0", invoke("root", "DeleteResourcePool", epr("Pool", "Xen_StoragePool", "InstanceID", poolId))
                .get("ReturnValue"));
        assertFalse(fx.sim().uuids("SR").contains(sr));
    }

    @Test
    void aVmOperatorIsRefusedAndBadSettingsAreAFault() throws Exception {
        int srs = fx.sim().count("SR");
        for (String user : List.of("operator", "reader")) {
            Map<String, Object> denied = invoke(user, "CreateStoragePool", createSettings());
            String fault = String.valueOf(denied.get("fault"));
            assertTrue(fault.contains("sub:AccessDenied") && fault.contains("pool-operator"), denied.toString());
        }
        Map<String, Object> bad = invoke("root", "CreateStoragePool", "<q:ElementName>x</q:ElementName>"
                + element("Settings", "Xen_DiskSettingData", p("ResourceType", "19") + p("ResourceSubType", "nfs")
                + p("Connection", "server=127.0.0.1")));
        assertTrue(String.valueOf(bad.get("fault")).contains("serverpath"), bad.toString());
        assertEquals(srs, fx.sim().count("SR"));
    }
}
