package org.xenwbem.bridge;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How current the mirror is, for the status page and for clients that must know whether a read is stale.
 *
 * @param synced    the initial {@code get_all_records} sync has completed at least once
 * @param stale     the mirror cannot reach the pool master now: reads come from the last snapshot
 * @param lastHeard when xapi last answered the mirror (an event batch, possibly empty), or null before
 * @param master    the address of the master the mirror talks to (or last talked to); empty when unknown
 * @param problem   why it is stale or not yet synced, or that xapi is slow, in words for an admin; empty
 *                  when healthy and answering at its usual speed
 * @param slow      how long the master took to answer its last probe when that was slow (seconds, not
 *                  dead: reads stay current but late, writes complete late); null while it answers promptly
 */
public record MirrorHealth(boolean synced, boolean stale, Instant lastHeard, String master, String problem,
                           Duration slow) {
    public MirrorHealth {
        master = master == null ? "" : master;
        problem = problem == null ? "" : problem;
    }

    /** Health without a latency measure (a master answering promptly, or not probed). */
    public MirrorHealth(boolean synced, boolean stale, Instant lastHeard, String master, String problem) {
        this(synced, stale, lastHeard, master, problem, null);
    }

    /** How slowly the master answers, when it is slow. */
    public Optional<Duration> slowAnswer() {
        return Optional.ofNullable(slow);
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
