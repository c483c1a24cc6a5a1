package org.xenwbem.bridge.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.xenwbem.bridge.storage.Capabilities.Operation;

/**
 * The offload contract every adapter that runs here must keep, on its real back-end: clones and
 * snapshots hold the source's bytes and diverge on write, a failed operation leaves nothing, a disk
 * deleted with clones leaves the clones readable, and nothing at all remains once every disk is gone.
 * Operations an adapter does not offload (its capabilities) are skipped for it.
 */
abstract class StorageAdapterContract {
    static final int MIB = 1 << 20;
    static final long SIZE = 8L * MIB;

    abstract StorageAdapter adapter();

    /** Makes disk {@code vdi} of {@code size} bytes behind the adapter's back, its first MiB set to {@code pattern}. */
    abstract void seed(String vdi, long size, int pattern) throws Exception;

    /** Sets the disk's first {@code len} bytes to {@code pattern}. */
    abstract void fill(String vdi, int pattern, int len) throws Exception;

    /** True when the disk's first {@code len} bytes are all {@code pattern}. */
    abstract boolean holdsPattern(String vdi, int pattern, int len) throws Exception;

    abstract long sizeOf(String vdi) throws Exception;

    /** Everything of these disks on the back-end: images, snapshots, files (empty when none is left). */
    abstract List<String> traces(String... vdis) throws Exception;

    static String uuid() {
        return UUID.randomUUID().toString();
    }

    @Test
    void capabilitiesOffloadClonesAndSnapshots() {
        Capabilities c = adapter().capabilities();
        assertTrue(c.offloads(Operation.CLONE), c.toString());
        assertTrue(c.offloads(Operation.SNAPSHOT), c.toString());
        assertFalse(c.detail().isBlank());
    }

    @Test
    void cloneHoldsTheSourceBytesAndDivergesOnWrite() throws Exception {
        String src = uuid();
        String clone = uuid();
        seed(src, SIZE, 0x5a);
        adapter().clone(src, clone);
        assertTrue(adapter().holds(clone));
        assertTrue(holdsPattern(clone, 0x5a, MIB), "the clone reads the source's bytes");
        assertEquals(SIZE, sizeOf(clone));
        fill(clone, 0x33, MIB);
        assertTrue(holdsPattern(src, 0x5a, MIB), "writing the clone leaves the source as it was");
        assertTrue(holdsPattern(clone, 0x33, MIB));
        deleteAll(clone, src);
    }

    @Test
    void snapshotKeepsThePointInTime() throws Exception {
        String disk = uuid();
        String snap = uuid();
        seed(disk, SIZE, 0x11);
        adapter().snapshot(disk, snap);
        fill(disk, 0x22, MIB);
        assertTrue(holdsPattern(snap, 0x11, MIB), "the snapshot keeps the bytes of its time");
        assertTrue(holdsPattern(disk, 0x22, MIB));
        deleteAll(snap, disk);
    }

    @Test
    void cloneOfAMissingDiskChangesNothing() throws Exception {
        String missing = uuid();
        String clone = uuid();
        StorageFailure f = assertThrows(StorageFailure.class, () -> adapter().clone(missing, clone));
        assertFalse(f.changed(), f.getMessage());
        assertEquals(adapter().id(), f.adapter());
        assertFalse(adapter().holds(clone));
        assertEquals(List.of(), traces(missing, clone));
    }

    @Test
    void createMakesAZeroedDiskOfTheSize() throws Exception {
        assumeTrue(adapter().capabilities().offloads(Operation.CREATE), "create is not offloaded here");
        String disk = uuid();
        adapter().create(disk, SIZE);
        assertTrue(adapter().holds(disk));
        assertEquals(SIZE, sizeOf(disk));
        assertTrue(holdsPattern(disk, 0, MIB));
        deleteAll(disk);
    }

    @Test
    void resizeGrowsAndRefusesToShrink() throws Exception {
        assumeTrue(adapter().capabilities().offloads(Operation.RESIZE), "resize is not offloaded here");
        String disk = uuid();
        seed(disk, SIZE, 0x44);
        adapter().resize(disk, 2 * SIZE);
        assertEquals(2 * SIZE, sizeOf(disk));
        assertTrue(holdsPattern(disk, 0x44, MIB), "growing keeps the data");
        StorageFailure f = assertThrows(StorageFailure.class, () -> adapter().resize(disk, SIZE));
        assertFalse(f.changed());
        assertEquals(2 * SIZE, sizeOf(disk));
        deleteAll(disk);
    }

    @Test
    void deletingADiskKeepsItsClonesAndSnapshotsReadable() throws Exception {
        String src = uuid();
        String clone = uuid();
        String snap = uuid();
        seed(src, SIZE, 0x66);
        adapter().clone(src, clone);
        adapter().snapshot(src, snap);
        adapter().delete(src);
        assertFalse(adapter().holds(src));
        assertTrue(holdsPattern(clone, 0x66, MIB), "a clone outlives its source");
        assertTrue(holdsPattern(snap, 0x66, MIB), "a snapshot disk outlives its source");
        deleteAll(clone, snap);
        assertEquals(List.of(), traces(src, clone, snap));
    }

    @Test
    void deletingClonesLeavesNoTraceOnTheSource() throws Exception {
        String src = uuid();
        String clone = uuid();
        String snap = uuid();
        seed(src, SIZE, 0x77);
        adapter().clone(src, clone);
        adapter().snapshot(src, snap);
        deleteAll(clone, snap);
        assertEquals(List.of(traceOf(src)), traces(src, clone, snap), "only the source itself is left");
        deleteAll(src);
        assertEquals(List.of(), traces(src));
    }

    @Test
    void spaceCountsTheDisks() throws Exception {
        assumeTrue(adapter().capabilities().offloads(Operation.SPACE), "space is not reported here");
        String disk = uuid();
        seed(disk, SIZE, 0x10);
        SpaceReport r = adapter().space();
        assertTrue(r.virtualAllocation() >= SIZE, r.toString());
        assertTrue(r.physicalSize() >= r.physicalUtilisation(), r.toString());
        deleteAll(disk);
    }

    /** The trace one plain disk leaves, as {@link #traces} names it. */
    abstract String traceOf(String vdi);

    void deleteAll(String... vdis) throws StorageFailure {
        for (String v : vdis) {
            adapter().delete(v);
            assertFalse(adapter().holds(v));
        }
    }
}
