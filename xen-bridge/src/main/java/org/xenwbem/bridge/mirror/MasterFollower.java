package org.xenwbem.bridge.mirror;

import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xenwbem.bridge.client.PoolMaster;
import org.xenwbem.bridge.client.Probe;
import org.xenwbem.bridge.client.XenApiConnection;
import org.xenwbem.bridge.client.XenApiTransportException;

/**
 * What the mirror does after a transport failure (xenapi.md §2.9): asks the members it knows who is
 * master ({@link XenApiConnection#locateMaster}). Still the same host → a dropped connection, retry;
 * another → the master moved (stale until the resync there is done); none → the pool master is
 * unreachable: the mirror is stale and the bridge's calls fail at once with the reason until a master
 * answers (unless the current master, probed as long as a call may take, answers late: slow, not
 * gone). Without a {@link PoolMaster} (the dom0 Unix socket) the mirror is only marked stale.
 */
final class MasterFollower {
    private static final Logger LOG = LoggerFactory.getLogger(MasterFollower.class);
    private static final Duration MAX_PROBE = Duration.ofSeconds(3);
    /** While stale, how often the master is given a probe as long as a call (it may be slow, not gone). */
    static final Duration SLOW_RECHECK = Duration.ofSeconds(10);

    /** Where the master is after the failure. */
    enum Outcome { SAME, MOVED, NONE }

    private final XenApiConnection connection;
    private final HealthTracker health;
    private long lastLongProbe = System.nanoTime() - SLOW_RECHECK.toNanos();

    MasterFollower(XenApiConnection connection, HealthTracker health) {
        this.connection = connection;
        this.health = health;
    }

    Outcome after(XenApiTransportException e) {
        PoolMaster pm = connection.poolMaster().orElse(null);
        String was = connection.url().getHost();
        if (pm == null) {
            health.stale("xapi unreachable (" + cause(e) + ")");
            return Outcome.NONE;
        }
        Duration probe = connection.callTimeout().compareTo(MAX_PROBE) < 0 ? connection.callTimeout() : MAX_PROBE;
        Optional<String> found = connection.locateMaster(probe);
        if (found.isEmpty() && stillMasterButSlow(e)) {
            LOG.info("pool master {} answers, only slowly: a dropped connection, not a failover", was);
            return Outcome.SAME;
        }
        if (found.isEmpty()) {
            String why = pm.outage().orElse("pool master " + was + " unreachable (" + cause(e)
                    + "); failover in progress");
            pm.markUnreachable(why);
            health.stale(why);
            return Outcome.NONE;
        }
        if (found.get().equals(was)) {
            return Outcome.SAME;
        }
        LOG.warn("pool master moved from {} to {}; logging in there and resyncing the mirror", was, found.get());
        health.stale("pool master moved from " + was + " to " + found.get() + "; resyncing");
        return Outcome.MOVED;
    }

    /**
     * Nobody answered the locator's short probes; the master may only be slow (a restart under load: it
     * refuses a moment, then answers after seconds). At the start of an outage a merely dropped
     * connection (not silent for a whole call timeout already) gets one probe as long as a call's before
     * the master is declared unreachable; while stale it gets one every {@link #SLOW_RECHECK} at most, so
     * that the search for a promoted member is held up by a hung master for a call timeout at worst.
     */
    private boolean stillMasterButSlow(XenApiTransportException e) {
        Throwable c = e.getCause();
        long now = System.nanoTime();
        if (health.isStale() ? now - lastLongProbe < SLOW_RECHECK.toNanos()
                : c == null || c instanceof java.net.SocketTimeoutException) {
            return false;
        }
        Probe p = connection.probeMaster(connection.callTimeout());
        lastLongProbe = System.nanoTime();
        if (p.kind() == Probe.Kind.MASTER) {
            connection.poolMaster().ifPresent(PoolMaster::markReachable);
            return true;
        }
        return false;
    }

    /** The transport failure in words for an admin (no class names). */
    static String cause(XenApiTransportException e) {
        Throwable c = e.getCause();
        if (c instanceof java.net.ConnectException) {
            return "connection refused";
        }
        if (c instanceof java.net.SocketTimeoutException) {
            return "no answer within the call timeout";
        }
        return e.httpStatus() != 0 ? "HTTP " + e.httpStatus() : "connection lost";
    }
}
