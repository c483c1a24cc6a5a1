package org.xenwbem.bridge.storage;

/**
 * What the array adapters share: the id they are known by (kept in a VDI's other-config and named by
 * their failures), a snapshot made like a clone (each back-end's clone is a point-in-time copy that
 * reads as a disk of its own), and the failure that names the adapter and the step that failed.
 */
abstract class AdapterBase implements StorageAdapter {
    private final String id;

    AdapterBase(String id) {
        this.id = id;
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public void snapshot(String vdiUuid, String snapVdiUuid) throws StorageFailure {
        clone(vdiUuid, snapVdiUuid);
    }

    /** {@code what} failed with {@code e}; {@code changed} when it may have left something on the array. */
    final StorageFailure failure(boolean changed, String what, Exception e) {
        return new StorageFailure(id, changed, what + ": " + e.getMessage(), e);
    }

    /** A refusal or a failure without a cause. */
    final StorageFailure failure(boolean changed, String message) {
        return new StorageFailure(id, changed, message);
    }
}
