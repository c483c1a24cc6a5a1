package org.xenwbem.provider.classes.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.xenwbem.provider.classes.storage.StorageFixture.ROOT;
import static org.xenwbem.provider.classes.storage.StorageFixture.createArgs;
import static org.xenwbem.provider.classes.storage.StorageFixture.poolRef;
import static org.xenwbem.provider.classes.storage.StorageFixture.rc;
import static org.xenwbem.provider.classes.storage.StorageFixture.srSettings;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xenwbem.bridge.PowerState;
import org.xenwbem.provider.cimom.CimException;
import org.xenwbem.provider.cimom.CimStatus;
import org.xenwbem.provider.cimom.MethodResult;
import org.xenwbem.provider.cimom.RequestContext;
import org.xenwbem.provider.jobs.JobState;
import org.xenwbem.provider.methods.MethodFixture;

/** CreateStoragePool, DetachStoragePool, DeleteResourcePool and SetDefaultStoragePool on a simulated pool. */
class StoragePoolManagementTest {
    private StorageFixture st;

    @BeforeEach
    void up() throws Exception {
        st = new StorageFixture();
    }

    @AfterEach
    void down() {
        st.close();
    }

    private String createNfs(String name) throws Exception {
        MethodResult r = st.call(ROOT, "CreateStoragePool", createArgs(name,
                srSettings("nfs", 19, "server=127.0.0.1", "serverpath=/exports/" + name)));
        return st.completed(r);
    }

    @Test
    void anNfsSrIsSharedWithAPluggedPbdOnEveryHost() throws Exception {
        MethodResult r = st.call(ROOT, "CreateStoragePool", createArgs("nfs-1",
                srSettings("nfs", 19, "server=127.0.0.1", "serverpath=/exports/nfs-1")));
        Map<?, ?> oc = st.fx.awaitJob(r);
        assertEquals("7", oc.get(JobState.STATE), oc.toString());
        assertEquals("100", oc.get(JobState.PERCENT));
        String sr = String.valueOf(oc.get(JobState.RESULT));
        assertEquals(List.of(sr), st.srsNamed("nfs-1"));
        Map<String, Object> rec = st.fx.sim.record("SR", sr);
        assertEquals("nfs", rec.get("type"));
        assertEquals(true, rec.get("shared"));
        assertEquals("user", rec.get("content_type"));
        assertEquals("made by a test", rec.get("name_description"));
        List<String> pbds = st.pbdsOf(sr);
        assertEquals(new HashSet<>(st.fx.sim.hostUuids()), new HashSet<>(pbds.stream().map(st::hostOf).toList()));
        assertTrue(pbds.stream().allMatch(st::plugged));
        assertEquals(Map.of("server", "127.0.0.1", "serverpath", "/exports/nfs-1"),
                st.fx.sim.record("PBD", pbds.get(0)).get("device_config"));
        assertEquals("xapi:SR.create", oc.get(StorageJobs.PATH));
        assertEquals(poolRef(StorageIds.SHARED, sr).toString(), oc.get(StorageJobs.RESULT));
    }

    @Test
    void aLocalSrIsTheMastersOnlyAndAnIsoLibraryHoldsIsos() throws Exception {
        String ext = st.completed(st.call(ROOT, "CreateStoragePool", createArgs("local",
                srSettings("ext", 19, "device=/dev/sdb"))));
        List<String> pbds = st.pbdsOf(ext);
        assertEquals(1, pbds.size());
        assertEquals(st.fx.sim.masterUuid(), st.hostOf(pbds.get(0)));
        assertEquals(false, st.fx.sim.record("SR", ext).get("shared"));
        String iso = st.completed(st.call(ROOT, "CreateStoragePool", Map.of("ElementName", "isos", "ResourceType", 15L,
                "Settings", srSettings("iso", 15, "location=//filer/isos", "type=cifs", "username=u"))));
        assertEquals("iso", st.fx.sim.record("SR", iso).get("content_type"));
        assertEquals(2, st.pbdsOf(iso).size());
    }

    @Test
    void badSettingsAreRefusedWithTheReasonAndCreateNothing() {
        int srs = st.fx.sim.count("SR");
        Map<String, String> cases = Map.of(
                srSettings("zfs", 19, "a=b"), "ResourceSubType",
                srSettings("nfs", 19, "server=127.0.0.1"), "serverpath",
                srSettings("nfs", 19, "server", "serverpath=/x"), "key=value",
                srSettings("file", 19, "location=/a", "location=/b"), "twice",
                srSettings("lvmoiscsi", 19, "target=127.0.0.1", "targetIQN=iqn.2026-01.test:sr1"), "SCSIid");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            CimException e = assertThrows(CimException.class,
                    () -> st.call(ROOT, "CreateStoragePool", createArgs("bad", c.getKey())), c.getKey());
            assertEquals(CimStatus.INVALID_PARAMETER, e.status(), c.getKey());
            assertTrue(e.getMessage().contains(c.getValue()), e.getMessage());
        }
        CimException e = assertThrows(CimException.class, () -> st.call(ROOT, "CreateStoragePool", Map.of(
                "ElementName", "bad", "ResourceType", 17L, "Settings", srSettings("nfs", 19, "server=a", "serverpath=/b"))));
        assertEquals(CimStatus.INVALID_PARAMETER, e.status());
        assertEquals(srs, st.fx.sim.count("SR"));
    }

    @Test
    void aFailedSrCreateLeavesNoSrOrPbd() throws Exception {
        int srs = st.fx.sim.count("SR");
        int pbds = st.fx.sim.count("PBD");
        st.fx.pool.faults().on("SR.create").once().fail("SR_BACKEND_FAILURE_73", "", "NFS mount error", "");
        Map<?, ?> oc = st.fx.awaitJob(st.call(ROOT, "CreateStoragePool", createArgs("doomed",
                srSettings("nfs", 19, "server=127.0.0.1", "serverpath=/exports/doomed"))));
        assertEquals("10", oc.get(JobState.STATE), oc.toString());
        assertEquals("SR_BACKEND_FAILURE_73", oc.get(JobState.ERROR_CODE));
        assertEquals(List.of(srs, pbds), List.of(st.fx.sim.count("SR"), st.fx.sim.count("PBD")));
    }

    @Test
    void rolesBelowPoolOperatorMayNotTouchSrs() throws Exception {
        String sr = createNfs("kept");
        for (RequestContext who : List.of(MethodFixture.as("reader", "read-only"), MethodFixture.as("operator", "vm-operator"),
                MethodFixture.as("admin", "vm-admin"))) {
            for (String m : List.of("CreateStoragePool", "DetachStoragePool", "DeleteResourcePool", "DiscoveriSCSITargetInfo")) {
                CimException e = assertThrows(CimException.class, () -> st.call(who, m, Map.of("Pool",
                        poolRef(StorageIds.SHARED, sr))), m);
                assertEquals(CimStatus.ACCESS_DENIED, e.status(), m + " as " + who.role());
                assertTrue(e.getMessage().contains("pool-operator"), e.getMessage());
            }
            CimException e = assertThrows(CimException.class, () -> st.call(st.hostPool, who, "SetDefaultStoragePool",
                    Map.of("StoragePool", poolRef(StorageIds.SHARED, sr))));
            assertEquals(CimStatus.ACCESS_DENIED, e.status());
        }
        assertTrue(st.fx.sim.uuids("SR").contains(sr));
        assertEquals(2, st.pbdsOf(sr).size());
    }

    @Test
    void detachForgetsTheSrAndItsPbdsButNotTheDefaultOfOthers() throws Exception {
        String sr = createNfs("to-detach");
        st.fx.synced();
        assertEquals(0L, rc(st.call(ROOT, "DetachStoragePool", Map.of("Pool", poolRef(StorageIds.SHARED, sr)))));
        assertFalse(st.fx.sim.uuids("SR").contains(sr));
        assertTrue(st.pbdsOf(sr).isEmpty());
        assertTrue(st.fx.env.pool().get().sr(sr).isEmpty(), "the mirror has it gone when the method answers");
        assertTrue(st.fx.pool.callCount("SR.forget") >= 1);
        assertEquals(0, st.fx.pool.callCount("SR.destroy"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"PBD.unplug", "PBD.destroy", "SR.forget"})
    void aFailedDetachPutsThePbdsBack(String step) throws Exception {
        String sr = createNfs("sticky");
        st.fx.synced();
        st.fx.pool.faults().on(step).once().fail("SR_BACKEND_FAILURE_47", "", "injected at " + step, "");
        CimException e = assertThrows(CimException.class,
                () -> st.call(ROOT, "DetachStoragePool", Map.of("Pool", poolRef(StorageIds.SHARED, sr))));
        assertTrue(e.getMessage().contains("SR_BACKEND_FAILURE_47"), e.getMessage());
        assertTrue(st.fx.sim.uuids("SR").contains(sr));
        List<String> pbds = st.pbdsOf(sr);
        assertEquals(new HashSet<>(st.fx.sim.hostUuids()), new HashSet<>(pbds.stream().map(st::hostOf).toList()));
        assertTrue(pbds.stream().allMatch(st::plugged), step);
    }

    @Test
    void deleteDestroysAnUnusedSrAndForgetsAnIsoLibrary() throws Exception {
        String sr = createNfs("to-delete");
        String iso = st.completed(st.call(ROOT, "CreateStoragePool", Map.of("ElementName", "isos", "ResourceType", 15L,
                "Settings", srSettings("iso", 15, "location=filer:/isos"))));
        st.fx.synced();
        assertEquals(0L, rc(st.call(ROOT, "DeleteResourcePool", Map.of("Pool", poolRef(StorageIds.SHARED, sr)))));
        assertEquals(1, st.fx.pool.callCount("SR.destroy"));
        assertEquals(0L, rc(st.call(ROOT, "DeleteResourcePool", Map.of("Pool", poolRef(StorageIds.SHARED, iso)))));
        assertEquals(1, st.fx.pool.callCount("SR.destroy"), "an ISO library is forgotten, not destroyed");
        assertEquals(1, st.fx.pool.callCount("SR.forget"));
        assertFalse(st.fx.sim.uuids("SR").contains(sr));
        assertFalse(st.fx.sim.uuids("SR").contains(iso));
        assertTrue(st.pbdsOf(sr).isEmpty() && st.pbdsOf(iso).isEmpty());
    }

    @Test
    void anSrXapiWillNotDestroyIsForgottenAndOtherFailuresPutThePbdsBack() throws Exception {
        String sr = createNfs("odd");
        st.fx.synced();
        st.fx.pool.faults().on("SR.destroy").once().fail("SR_BACKEND_FAILURE_1", "", "backend says no", "");
        assertThrows(CimException.class,
                () -> st.call(ROOT, "DeleteResourcePool", Map.of("Pool", poolRef(StorageIds.SHARED, sr))));
        assertTrue(st.pbdsOf(sr).stream().allMatch(st::plugged));
        assertEquals(2, st.pbdsOf(sr).size());
        st.fx.pool.faults().on("SR.destroy").once().fail("OPERATION_NOT_ALLOWED", "destroy not allowed");
        assertEquals(0L, rc(st.call(ROOT, "DeleteResourcePool", Map.of("Pool", poolRef(StorageIds.SHARED, sr)))));
        assertFalse(st.fx.sim.uuids("SR").contains(sr));
    }

    @Test
    void anSrARunningVmUsesIsNeitherDeletedNorDetached() throws Exception {
        String[] vmDisk = st.vmWithDisk(PowerState.Running);
        String sr = st.srOf(vmDisk[1]);
        int pbds = st.pbdsOf(sr).size();
        for (String m : List.of("DeleteResourcePool", "DetachStoragePool")) {
            CimException e = assertThrows(CimException.class,
                    () -> st.call(ROOT, m, Map.of("Pool", poolRef(StorageIds.SHARED, sr))));
            assertEquals(CimStatus.FAILED, e.status());
            assertTrue(e.getMessage().contains(vmDisk[0]) && e.getMessage().contains("in use"), e.getMessage());
        }
        assertTrue(st.fx.sim.uuids("SR").contains(sr));
        assertTrue(st.fx.sim.uuids("VDI").contains(vmDisk[1]));
        assertEquals(pbds, st.pbdsOf(sr).size());
        assertEquals(0, st.fx.pool.callCount("PBD.unplug"));
    }

    @Test
    void setDefaultStoragePoolMakesTheSrTheDefault() throws Exception {
        String sr = createNfs("new-default");
        st.fx.synced();
        assertEquals(0L, rc(st.call(st.hostPool, ROOT, "SetDefaultStoragePool",
                Map.of("StoragePool", poolRef(StorageIds.SHARED, sr)))));
        assertEquals(sr, st.fx.sim.defaultSrUuid());
        assertEquals(sr, st.fx.env.pool().get().pool().defaultSrUuid());
        CimException e = assertThrows(CimException.class, () -> st.call(st.hostPool, ROOT, "SetDefaultStoragePool",
                Map.of("StoragePool", poolRef(StorageIds.SHARED, "00000000-0000-0000-0000-000000000000"))));
        assertEquals(CimStatus.NOT_FOUND, e.status());
        CimException other = assertThrows(CimException.class, () -> st.call(st.hostPool, ROOT, "AddHost", Map.of()));
        assertEquals(CimStatus.INVALID_PARAMETER, other.status(), "the one Xen_HostPool table has AddHost too");
    }
}
