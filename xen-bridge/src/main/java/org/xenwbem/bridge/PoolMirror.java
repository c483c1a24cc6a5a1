package org.xenwbem.bridge;

import java.time.Duration;

/** A local copy of the XenAPI objects, kept current with {@code event.from}. */
public interface PoolMirror extends AutoCloseable {
    /** The latest consistent snapshot; never blocks, never calls xapi. */
    PoolSnapshot current();

    /** Blocks until the initial {@code get_all_records} sync is done; false on timeout. */
    boolean awaitInitialSync(Duration timeout) throws InterruptedException;

    @Override
    void close();
}
