package org.xenwbem.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xenwbem.bridge.sim.SimFaults;
import org.xenwbem.bridge.sim.SimulatedPool;

/**
 * The snapshot-forest import broken at each step (issue 12: a failed operation leaves nothing
 * half-made): metadata that is not one, a disk that cannot be made halfway through the sequence, xapi
 * refusing the metadata import, a failure after xapi made the VMs. Each time the method answers a fault,
 * no VM was left, and CleanupSnapshotForestImport removes every disk the import made, so the pool holds
 * exactly the VMs and disks it held before. Cleanup refuses once an import succeeded.
 */
class ForestFaultsTest {
    private static Map<String, byte[]> exported;
    private static String vm;
    private static String sr;
    private int vms;
    private int vdis;

    @BeforeAll
    static void start() throws Exception {
        ForestScenarioTest.start();
        vm = ForestScenarioTest.vmWithTwoSnapshots("faulty-vm", 11);
        exported = ForestScenarioTest.export(vm);
        sr = ForestScenarioTest.otherSr();
    }

    @AfterAll
    static void stop() {
        ForestScenarioTest.stop();
    }

    @BeforeEach
    void count() {
        vms = ForestScenarioTest.fx.sim().count("VM");
        vdis = ForestScenarioTest.fx.sim().count("VDI");
    }

    private static SimFaults faults() {
        return ForestScenarioTest.fx.daemon.simulatedPool(SimulatedPool.class).faults();
    }

    private static String call(String method, String params) throws Exception {
        return ForestScenarioTest.snapshotService(method, params);
    }

    private static String mapParam(String map) {
        return "<q:DiskImageMap>" + map + "</q:DiskImageMap>";
    }

    /** Prepare, then CreateNext (uploading each VHD) until 32768 or a fault; the map so far and the last answer. */
    private static String[] sequence(String meta) throws Exception {
        String prepared = call("PrepareSnapshotForestImport", ForestScenarioTest.diskEpr("MetadataDiskImage", meta));
        String context = WsmanCalls.value(prepared, "ImportContext");
        String map = "";
        while (true) {
            String next = call("CreateNextDiskInImportSequence", "<q:ImportContext>" + context + "</q:ImportContext>"
                    + ForestScenarioTest.poolEpr(sr) + mapParam(map));
            String rv = WsmanCalls.value(next, "ReturnValue");
            if (!"0".equals(rv)) {
                return new String[] {map, next};
            }
            context = WsmanCalls.value(next, "ImportContext");
            context = context == null ? "" : context;
            map = WsmanCalls.value(next, "DiskImageMap");
            ForestScenarioTest.upload(ForestScenarioTest.selector(next, "NewDiskImage", "DeviceID"),
                    exported.get(WsmanCalls.value(next, "OldDiskID")), true);
        }
    }

    private static String metadata() throws Exception {
        return ForestScenarioTest.metadataDisk(ForestScenarioTest.fx.sim().defaultSrUuid(), exported.get("metadata"));
    }

    private static String finalize(String meta, String map) throws Exception {
        return call("FinalizeSnapshotForestImport", ForestScenarioTest.diskEpr("MetadataDiskImage", meta)
                + ForestScenarioTest.poolEpr(sr) + mapParam(map));
    }

    private void cleanupLeavesNothing(String meta, String map) throws Exception {
        assertEquals(vms, ForestScenarioTest.fx.sim().count("VM"), "no VM left by the failed step");
        String r = call("CleanupSnapshotForestImport", ForestScenarioTest.diskEpr("MetadataDiskImage", meta)
                + mapParam(map));
        assertEquals("0", WsmanCalls.value(r, "ReturnValue"), r);
        assertEquals(vms, ForestScenarioTest.fx.sim().count("VM"), "no VM left");
        assertEquals(vdis, ForestScenarioTest.fx.sim().count("VDI"), "no disk left after Cleanup");
    }

    private static void isFault(String answer, String words) {
        assertNull(WsmanCalls.value(answer, "ReturnValue"), answer);
        assertTrue(answer.contains("Fault") && answer.contains(words), answer);
    }

    @Test
    void metadataThatIsNotOneIsRefused() throws Exception {
        String meta = ForestScenarioTest.metadataDisk(ForestScenarioTest.fx.sim().defaultSrUuid(), new byte[4096]);
        String r = call("PrepareSnapshotForestImport", ForestScenarioTest.diskEpr("MetadataDiskImage", meta));
        isFault(r, "does not hold an exported VM");
        cleanupLeavesNothing(meta, "");
    }

    @Test
    void aDiskThatCannotBeMadeHalfwayThrough() throws Exception {
        String meta = metadata();
        faults().on("VDI.create").after(2).once().fail("SR_FULL", "1", "0");
        String[] done = sequence(meta);
        isFault(done[1], "SR_FULL");
        assertEquals(2, done[0].split(",").length, "two disks were made before: " + done[0]);
        cleanupLeavesNothing(meta, done[0]);
    }

    @Test
    void xapiRefusingTheMetadataImport() throws Exception {
        String meta = metadata();
        String[] done = sequence(meta);
        assertEquals("32768", WsmanCalls.value(done[1], "ReturnValue"), done[1]);
        faults().on("import_metadata").once().fail("INTERNAL_ERROR", "injected");
        isFault(finalize(meta, done[0]), "INTERNAL_ERROR");
        cleanupLeavesNothing(meta, done[0]);
    }

    @Test
    void aFailureAfterXapiMadeTheVmsRemovesThem() throws Exception {
        String meta = metadata();
        String[] done = sequence(meta);
        faults().on("VDI.set_name_label").after(3).once().fail("INTERNAL_ERROR", "injected late");
        isFault(finalize(meta, done[0]), "INTERNAL_ERROR");
        cleanupLeavesNothing(meta, done[0]);
    }

    @Test
    void aFinishedImportIsNotCleanedUp() throws Exception {
        String meta = metadata();
        String[] done = sequence(meta);
        String ok = finalize(meta, done[0]);
        assertEquals("0", WsmanCalls.value(ok, "ReturnValue"), ok);
        assertNotNull(ForestScenarioTest.selector(ok, "VirtualSystem", "Name"));
        int after = ForestScenarioTest.fx.sim().count("VDI");
        String r = call("CleanupSnapshotForestImport", ForestScenarioTest.diskEpr("MetadataDiskImage", meta)
                + mapParam(done[0]));
        isFault(r, "used by a VM");
        assertEquals(after, ForestScenarioTest.fx.sim().count("VDI"), "nothing removed");
    }

    @Test
    void contextsAndMapsFromTheClientAreChecked() throws Exception {
        String meta = metadata();
        String pool = ForestScenarioTest.poolEpr(sr);
        for (String context : List.of("create ../../etc/passwd 4096", "create 00000000-0000-0000-0000-000000000000 -1",
                "create 00000000-0000-0000-0000-000000000000 99999999999999999999", "destroy everything")) {
            isFault(call("CreateNextDiskInImportSequence", "<q:ImportContext>" + context + "</q:ImportContext>" + pool
                    + mapParam("")), "ImportContext");
        }
        isFault(call("CreateNextDiskInImportSequence", "<q:ImportContext></q:ImportContext>" + pool
                + mapParam("a=b")), "DiskImageMap");
        String none = call("CreateNextDiskInImportSequence", "<q:ImportContext></q:ImportContext>" + pool + mapParam(""));
        assertEquals("32768", WsmanCalls.value(none, "ReturnValue"), none);
        assertEquals(vdis + 1, ForestScenarioTest.fx.sim().count("VDI"), "no disk made, only the metadata's");
        isFault(finalize(meta, ""), "DiskImageMap has no imported disk");
        cleanupLeavesNothing(meta, "");
    }

    @Test
    void aFailedExportLeavesNoDisk() throws Exception {
        for (String step : List.of("export_metadata", "VDI.create")) {
            faults().on(step).once().fail("INTERNAL_ERROR", "injected in " + step);
            String job = ForestScenarioTest.ws.awaitJob("root", call("StartSnapshotForestExport",
                    ForestScenarioTest.epr("System", "Xen_ComputerSystem", "Name", vm)));
            assertEquals("10", WsmanCalls.value(job, "JobState"), job);
            assertTrue(job.contains("INTERNAL_ERROR") || job.contains("VM_METADATA_EXPORT_FAILED"), job);
            assertNull(WsmanCalls.value(job, "ExportConnectionHandle"), job);
            assertEquals(vdis, ForestScenarioTest.fx.sim().count("VDI"), "no metadata disk left after " + step);
        }
    }
}
