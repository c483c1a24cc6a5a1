package org.xenwbem.bridge.mirror;

import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xenwbem.bridge.MirrorHealth;

/**
 * The mirror's health as its thread sees it (written by that thread, read by anyone): whether the first
 * sync is done, when xapi last answered, while the master cannot be reached, since when and why, and
 * whether it answers slowly ({@link MasterWatch}'s probes).
 */
final class HealthTracker {
    private static final Logger LOG = LoggerFactory.getLogger(HealthTracker.class);
    /** A probe answered this late or later means a slow master (still served, reported). */
    static final Duration SLOW = Duration.ofSeconds(3);
    /** A slow answer is reported this long, unless a later probe says otherwise (probes stop while events flow). */
    private static final Duration SLOW_REPORTED = Duration.ofSeconds(20);

    private volatile boolean synced;
    private volatile Instant lastHeard;
    private volatile String problem = "";
    private volatile long staleSince;
    private volatile boolean stale;
    private volatile Duration slow;
    private volatile long slowAt;

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

    /** The master answered a probe after {@code took}: slow when that is {@link #SLOW} or more. */
    void probed(Duration took) {
        if (took.compareTo(SLOW) < 0) {
            if (slow != null) {
                LOG.info("xapi answers promptly again ({} ms)", took.toMillis());
            }
            slow = null;
            return;
        }
        if (slow == null) {
            LOG.warn("xapi is slow: the master answered a probe after {} ms (served on, not failed over)", took.toMillis());
        }
        slowAt = System.nanoTime();
        slow = took;
    }

    /** An event batch came {@code took} after it was asked for: when that is quick, the master is not slow. */
    void prompt(Duration took) {
        if (slow != null && took.compareTo(SLOW) < 0) {
            probed(took);
        }
    }

    /** Whether the last probe found the master slow (probes then go on each period until it is prompt). */
    boolean isSlow() {
        return slow != null;
    }

    boolean isStale() {
        return stale;
    }

    MirrorHealth snapshot(String master) {
        boolean s = stale;
        Duration late = slow;
        if (late != null && System.nanoTime() - slowAt > SLOW_REPORTED.toNanos()) {
            late = null;
        }
        String why = s ? problem : (synced ? "" : "initial sync running");
        if (late != null && !s) {
            why = (why.isEmpty() ? "" : why + "; ") + "xapi is slow: the master answered a probe after "
                    + String.format(java.util.Locale.ROOT, "%.1f", late.toMillis() / 1000.0) + " s";
        }
        return new MirrorHealth(synced, s, lastHeard, master, why, late);
    }
}
