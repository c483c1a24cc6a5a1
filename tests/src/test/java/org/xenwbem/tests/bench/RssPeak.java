package org.xenwbem.tests.bench;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A process's resident size read twice a second ({@link Nmt#rssKb}) from its start to {@link #close}:
 * the most in the current window ({@link #takeMb}, which starts the next) and in all of them. A window
 * with no reading (the process gone, /proc unreadable) reads -1, never 0, so that it cannot pass for a
 * small figure.
 */
final class RssPeak implements AutoCloseable {
    private final long pid;
    private final AtomicLong windowKb = new AtomicLong(-1);
    private final AtomicLong overallKb = new AtomicLong(-1);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "rss-peak");
        t.setDaemon(true);
        return t;
    });

    RssPeak(long pid) {
        this.pid = pid;
        timer.scheduleAtFixedRate(this::sample, 0, 500, TimeUnit.MILLISECONDS);
    }

    private void sample() {
        try {
            long kb = Nmt.rssKb(pid);
            if (kb > 0) {
                windowKb.accumulateAndGet(kb, Math::max);
                overallKb.accumulateAndGet(kb, Math::max);
            }
        } catch (RuntimeException e) {
            // a failed reading leaves the window as it was: -1 if nothing was read in it
        }
    }

    /** The most in MB since the last call (or the start), -1 if nothing was read; starts the next window. */
    double takeMb() {
        long kb = windowKb.getAndSet(-1);
        return kb < 0 ? -1 : kb / 1024.0;
    }

    /** The most in MB since the start, -1 if nothing was read. */
    double overallMb() {
        long kb = overallKb.get();
        return kb < 0 ? -1 : kb / 1024.0;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
