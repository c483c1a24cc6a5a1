package org.xenwbem.bridge;

import java.time.Duration;
import java.util.function.Consumer;

/** A local copy of the XenAPI objects, kept current with {@code event.from}. */
public interface PoolMirror extends AutoCloseable {
    /** The latest consistent snapshot; never blocks, never calls xapi. */
    PoolSnapshot current();

    /** Blocks until the initial {@code get_all_records} sync is done; false on timeout. */
    boolean awaitInitialSync(Duration timeout) throws InterruptedException;

    /**
     * Calls {@code listener} with every newly published snapshot, on the mirror's thread: it must be
     * quick and must not block. A listener that throws is logged and kept.
     */
    void addListener(Consumer<PoolSnapshot> listener);

    void removeListener(Consumer<PoolSnapshot> listener);

    /**
     * Read-your-writes: waits until the mirror shows what a write just did ({@code condition} holds
     * for the current snapshot), or the timeout passes. Returns false on timeout.
     */
    default boolean await(java.util.function.Predicate<PoolSnapshot> condition, Duration timeout)
            throws InterruptedException {
        java.util.concurrent.CountDownLatch seen = new java.util.concurrent.CountDownLatch(1);
        Consumer<PoolSnapshot> listener = s -> {
            if (condition.test(s)) {
                seen.countDown();
            }
        };
        addListener(listener);
        try {
            return condition.test(current()) || seen.await(timeout.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
        } finally {
            removeListener(listener);
        }
    }

    /** How current the mirror is (for the status page and stale marking); never calls xapi. */
    default MirrorHealth health() {
        return MirrorHealth.unknown();
    }

    @Override
    void close();
}
