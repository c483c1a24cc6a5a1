package org.xenwbem.bridge.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xenwbem.bridge.ops.PoolSession;
import org.xenwbem.bridge.storage.SrDisk.Disk;
import org.xenwbem.bridge.storage.SrDisk.Outcome;

/**
 * The orchestration on a real back-end: an offloaded clone, snapshot, create, resize or delete ends
 * with xapi knowing the disk as xapi's own operation would have left it; a fault at any step (the
 * array, the scan, the scan not finding the disk, each field set) leaves no disk on the array and no
 * VDI in xapi; an array that fails before changing anything hands over to xapi.
 */
abstract class OffloadedDisksContract {
    static final String SR = "3f6f2b9e-0000-4000-8000-00000000005e";

    FaultyAdapter adapter;
    ScanningXapi xapi;
    PoolSession session;
    OffloadedDisks disks;
    String source;

    abstract StorageAdapter realAdapter();

    /** The disks the back-end holds (VDI uuids). */
    abstract Set<String> held() throws Exception;

    /** Makes a disk with data behind xapi's back. */
    abstract void seed(String vdi) throws Exception;

    abstract String srType();

    @BeforeEach
    void pool() throws Exception {
        for (String v : held()) {
            realAdapter().delete(v);
        }
        adapter = new FaultyAdapter(realAdapter());
        xapi = new ScanningXapi(SR, () -> {
            try {
                return held();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        session = xapi.session();
        disks = new OffloadedDisks(sr -> Optional.of(adapter), Duration.ofSeconds(10));
        source = StorageAdapterContract.uuid();
        seed(source);
        xapi.add(source, "gold image", Map.of("folder", "/templates"));
    }

    Disk sourceDisk() {
        return new Disk(source, new SrDisk.Sr(SR, srType(), Map.of()), "gold image", "the base", Map.of("folder",
                "/templates"));
    }

    @Test
    void anOffloadedCloneIsKnownToXapiAsItsOwnCloneWouldBe() throws Exception {
        Outcome o = disks.clone(session, sourceDisk());
        assertEquals(adapter.id(), o.path());
        assertTrue(o.offloaded());
        assertTrue(held().contains(o.vdiUuid()));
        Map<String, Object> rec = xapi.vdis.get(o.vdiUuid());
        assertEquals("gold image", rec.get("name_label"));
        assertEquals("the base", rec.get("name_description"));
        assertEquals(Map.of("folder", "/templates", OffloadedDisks.OFFLOAD_KEY, adapter.id()), rec.get("other_config"));
        assertEquals(List.of("scanSr", "vdiExists", "set:name_label", "set:name_description", "addToMap:other_config",
                "addToMap:other_config"), xapi.calls);
    }

    @Test
    void anOffloadedSnapshotIsKnownToXapi() throws Exception {
        Outcome o = disks.snapshot(session, sourceDisk());
        assertEquals(adapter.id(), o.path());
        assertEquals(Set.of(source, o.vdiUuid()), held());
        assertEquals(Set.of(source, o.vdiUuid()), xapi.vdis.keySet());
        assertEquals(Map.of("folder", "/templates", OffloadedDisks.OFFLOAD_KEY, adapter.id(),
                OffloadedDisks.SNAPSHOT_OF_KEY, source), xapi.vdis.get(o.vdiUuid()).get("other_config"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"array", "scanSr", "scan finds nothing", "set:name_label", "set:name_description",
            "addToMap:other_config"})
    void aFaultAtAnyStepOfACloneLeavesNothing(String step) throws Exception {
        inject(step, "clone");
        assertThrows(Exception.class, () -> disks.clone(session, sourceDisk()));
        assertEquals(Set.of(source), held(), "no disk is left on the array after a fault at " + step);
        assertEquals(Set.of(source), xapi.vdis.keySet(), "no VDI is left in xapi after a fault at " + step);
        assertNoTraceBeyondTheSource();
    }

    @ParameterizedTest
    @ValueSource(strings = {"array", "scanSr", "scan finds nothing", "addToMap:other_config"})
    void aFaultAtAnyStepOfASnapshotLeavesNothing(String step) throws Exception {
        inject(step, "snapshot");
        assertThrows(Exception.class, () -> disks.snapshot(session, sourceDisk()));
        assertEquals(Set.of(source), held());
        assertEquals(Set.of(source), xapi.vdis.keySet());
        assertNoTraceBeyondTheSource();
    }

    /** Snapshots, parents, probe files: whatever else the back-end may hold besides the source disk. */
    abstract void assertNoTraceBeyondTheSource() throws Exception;

    private void inject(String step, String op) {
        switch (step) {
            case "array" -> {
                adapter.failOp = op;
                adapter.afterChange = true;
            }
            case "scan finds nothing" -> xapi.scanFindsNothing = true;
            default -> xapi.failing.add(step);
        }
    }

    @Test
    void anArrayFailingBeforeAnyChangeHandsOverToXapi() throws Exception {
        adapter.failOp = "clone";
        adapter.afterChange = false;
        Outcome o = disks.clone(session, sourceDisk());
        assertEquals(Outcome.XAPI, o.path());
        assertFalse(o.offloaded());
        assertTrue(xapi.calls.contains("cloneVdi"));
        assertEquals(Set.of(source), held(), "the array made nothing");
    }

    @Test
    void withoutAnAdapterXapiClones() throws Exception {
        OffloadedDisks none = new OffloadedDisks(AdapterSource.none(), Duration.ofSeconds(10));
        assertEquals(Outcome.XAPI, none.clone(session, sourceDisk()).path());
        assertEquals(Outcome.XAPI, none.snapshot(session, sourceDisk()).path());
        assertEquals(List.of("cloneVdi", "snapshotVdi"), xapi.calls);
    }

    @Test
    void anOffloadedDeleteRemovesTheDiskAndXapiForgetsIt() throws Exception {
        Outcome clone = disks.clone(session, sourceDisk());
        Disk d = new Disk(clone.vdiUuid(), sourceDisk().sr(), "gold image", "", Map.of());
        assertEquals(adapter.id(), disks.delete(session, d).path());
        assertEquals(Set.of(source), held());
        assertEquals(Set.of(source), xapi.vdis.keySet());
        assertNoTraceBeyondTheSource();
    }

    @Test
    void createAndResizeGoWhereTheCapabilitiesSay() throws Exception {
        boolean offloads = adapter.capabilities().offloads(Capabilities.Operation.CREATE);
        Outcome o = disks.create(session, sourceDisk().sr(), 4L << 20, "scratch", "a new disk");
        assertEquals(offloads ? adapter.id() : Outcome.XAPI, o.path());
        assertEquals("scratch", xapi.vdis.get(o.vdiUuid()).get("name_label"));
        assertEquals("a new disk", xapi.vdis.get(o.vdiUuid()).get("name_description"));
        Disk d = new Disk(o.vdiUuid(), sourceDisk().sr(), "scratch", "", Map.of());
        boolean resizes = adapter.capabilities().offloads(Capabilities.Operation.RESIZE);
        assertEquals(resizes ? adapter.id() : Outcome.XAPI, disks.resize(session, d, 8L << 20).path());
    }

    @Test
    void aFaultWhileNamingACreatedDiskLeavesNothing() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(adapter.capabilities().offloads(Capabilities.Operation.CREATE));
        xapi.failing.add("set:name_description");
        assertThrows(Exception.class, () -> disks.create(session, sourceDisk().sr(), 4L << 20, "scratch", "x"));
        assertEquals(Set.of(source), held());
        assertEquals(Set.of(source), xapi.vdis.keySet());
    }
}
