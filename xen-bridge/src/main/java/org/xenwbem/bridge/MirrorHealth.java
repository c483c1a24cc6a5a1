package org.xenwbem.bridge;

import java.time.Instant;
import java.util.Optional;

/**
 * How current the mirror is, for the status page and for clients that must know whether a read is stale.
 *
 * @param synced    the initial {@code get_all_records} sync has completed at least once
 * @param stale     the mirror cannot reach the pool master now: reads come from the last snapshot
 * @param lastHeard when xapi last answered the mirror (an event batch, possibly empty), or null before
 * @param master    the address of the master the mirror talks to (or last talked to); empty when unknown
 * @param problem   why it is stale or not yet synced, in words for an admin; empty when healthy
 */
public record MirrorHealth(boolean synced, boolean stale, Instant lastHeard, String master, String problem) {
    public MirrorHealth {
        master = master == null ? "" : master;
        problem = problem == null ? "" : problem;
    }

    /** Healthy: synced and not stale. */
    public boolean healthy() {
        return synced && !stale;
    }

    public Optional<Instant> lastHeardAt() {
        return Optional.ofNullable(lastHeard);
    }

    /** What a mirror that does not track its health reports. */
    public static MirrorHealth unknown() {
        return new MirrorHealth(true, false, null, "", "");
    }
}
