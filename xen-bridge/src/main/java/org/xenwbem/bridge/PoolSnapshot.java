package org.xenwbem.bridge;

import java.util.Collection;
import java.util.Optional;

/**
 * A consistent, immutable view of the pool at one moment: readers never see half of an update.
 * Collections are ordered by UUID so that enumerations are stable.
 */
public interface PoolSnapshot {
    /** Increases every time the mirror applies a batch of changes. */
    long generation();

    PoolRecord pool();

    Collection<HostRecord> hosts();

    Optional<HostRecord> host(String uuid);

    Collection<VmRecord> vms();

    Optional<VmRecord> vm(String uuid);
}
