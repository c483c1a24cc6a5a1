package org.xenwbem.bridge.storage;

import java.util.Optional;

/** Finds the adapter that serves an SR's disks, or none (xapi's own path then). */
@FunctionalInterface
public interface AdapterSource {
    Optional<StorageAdapter> forSr(SrDisk.Sr sr);

    /** No array: everything goes to xapi. */
    static AdapterSource none() {
        return sr -> Optional.empty();
    }
}
