package org.xenwbem.bridge.storage;

/**
 * A storage back-end's own operations on the disks of one SR. A disk is named by its VDI's uuid; the
 * adapter maps it to its object on the array (an RBD image {@code VHD-<uuid>}, a file
 * {@code <mount>/<uuid>.<ext>}, an ONTAP file or LUN). Every operation either completes or throws a
 * {@link StorageFailure} that says whether it changed anything; an operation that fails half-way
 * removes what it made before it throws, as far as it can, and says so.
 */
public interface StorageAdapter {
    /** Short name of the adapter, e.g. {@code rbd}, {@code reflink}, {@code ontap}; kept in the VDI's other-config. */
    String id();

    /** What this SR's back-end offloads, as probed (a reflink adapter on ext4 offloads no clone). */
    Capabilities capabilities();

    /** Makes an empty disk of {@code size} bytes (thin where the back-end is). */
    void create(String vdiUuid, long size) throws StorageFailure;

    /** Makes {@code newVdiUuid} a copy-on-write (or otherwise array-side) clone of {@code srcVdiUuid}. */
    void clone(String srcVdiUuid, String newVdiUuid) throws StorageFailure;

    /** Makes {@code snapVdiUuid} a point-in-time snapshot of {@code vdiUuid}, readable as a disk of its own. */
    void snapshot(String vdiUuid, String snapVdiUuid) throws StorageFailure;

    /** Grows the disk to {@code size} bytes (never shrinks). */
    void resize(String vdiUuid, long size) throws StorageFailure;

    /** Deletes the disk with its snapshots; disks cloned from it are made independent first. */
    void delete(String vdiUuid) throws StorageFailure;

    /** True when the back-end holds a disk for this VDI uuid. */
    boolean holds(String vdiUuid) throws StorageFailure;

    /**
     * {@link #holds}, for a failure report: when the back-end cannot say, the disk may be there (a
     * failure that may have left something behind says so).
     */
    default boolean mayHold(String vdiUuid) {
        try {
            return holds(vdiUuid);
        } catch (StorageFailure f) {
            return true;
        }
    }

    /** The SR's space as the back-end reports it. */
    SpaceReport space() throws StorageFailure;
}
