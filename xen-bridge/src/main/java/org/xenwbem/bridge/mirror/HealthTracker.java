package org.xenwbem.bridge.mirror;

import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xenwbem.bridge.MirrorHealth;

/**
 * The mirror's health as its thread sees it (written by that thread, read by anyone): whether the first
 * sync is done, when xapi last answered, and while the master cannot be reached, since when and why.
 */
final class HealthTracker {
    private static final Logger LOG = LoggerFactory.getLogger(HealthTracker.class);

    private volatile boolean synced;
    private volatile Instant lastHeard;
    private volatile String problem = "";
    private volatile long staleSince;
    private volatile boolean stale;

    /** xapi answered the mirror (a load or an event batch): no longer stale. */
    void heard() {
        lastHeard = Instant.now();
        if (stale) {
            LOG.info("pool mirror current again after {} ms ({})", (System.nanoTime() - staleSince) / 1_000_000,
                    problem);
            stale = false;
            problem = "";
        }
    }

    void synced() {
        synced = true;
    }

    /** Reads come from the last snapshot because of {@code why}. */
    void stale(String why) {
        if (!stale) {
            staleSince = System.nanoTime();
            stale = true;
        }
        problem = why;
    }

    boolean isStale() {
        return stale;
    }

    MirrorHealth snapshot(String master) {
        boolean s = stale;
        return new MirrorHealth(synced, s, lastHeard, master, s ? problem : (synced ? "" : "initial sync running"));
    }
}
