package org.xenwbem.bridge.mirror;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xenwbem.bridge.client.Probe;
import org.xenwbem.bridge.client.XenApiConnection;

/**
 * While the mirror has waited on its long {@code event.from} poll for {@link #PERIOD} or more, asks the
 * master every {@link #PERIOD} whether it still answers as master (one cheap probe, no session). A master that died without closing
 * the connection (power loss, a hung xapi) would otherwise be noticed only when the poll times out
 * (call timeout + 30 s); when the probe fails the waiting mirror thread is interrupted, so that it
 * looks for the master among the members at once. The interrupt reaches the thread only while it waits
 * on the poll, and {@link #end} clears it.
 * <p>
 * Slow is not dead: a master under load may answer after 5 or 20 s and still serve every call. So a
 * probe waits as long as a user's call would (the connection's call timeout, 30 s by default), and
 * only these trip the watch: refused, reset or never connected (nothing serves xapi there, noticed at
 * once), HOST_IS_SLAVE (the master moved), or no answer within the call timeout (hung: every user's
 * call fails by then anyway, and XenServer HA, whose default failure timeout is 60 s, cannot have
 * promoted anyone sooner). A probe that answers after {@link HealthTracker#SLOW} or more is reported
 * as slow, with its latency, on the mirror's health.
 */
final class MasterWatch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MasterWatch.class);
    static final Duration PERIOD = Duration.ofSeconds(5);
    private static final long CLOSE_WAIT_MS = 2_000;

    private final XenApiConnection connection;
    private final HealthTracker health;
    private final ScheduledExecutorService timer;
    private Thread waiting;
    private long since;
    private long poll;
    private boolean tripped;

    MasterWatch(XenApiConnection connection, HealthTracker health, String threadName) {
        this.connection = connection;
        this.health = health;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        long ms = PERIOD.toMillis();
        timer.scheduleWithFixedDelay(this::check, ms, ms, TimeUnit.MILLISECONDS);
    }

    /** The calling (mirror) thread starts waiting on the poll. */
    synchronized void begin() {
        waiting = Thread.currentThread();
        since = System.nanoTime();
        poll++;
        tripped = false;
    }

    /** The poll ended (answered or failed); an interrupt this watch sent is cleared. Returns whether it tripped. */
    synchronized boolean end() {
        waiting = null;
        if (tripped) {
            tripped = false;
            Thread.interrupted();
            return true;
        }
        return false;
    }

    private void check() {
        long which;
        synchronized (this) {
            if (waiting == null || !health.isSlow() && System.nanoTime() - since < PERIOD.toNanos()) {
                return; // only a poll that has waited a while is worth a probe (or any, to see slowness end)
            }
            which = poll;
        }
        Probe p = connection.probeMaster(connection.callTimeout());
        if (p.kind() == Probe.Kind.MASTER) {
            health.probed(p.took());
            return;
        }
        trip(which, p);
    }

    /** Interrupts the poll {@code which}, if the mirror still waits on it (not on a later one). */
    private void trip(long which, Probe p) {
        synchronized (this) {
            if (waiting != null && poll == which) {
                LOG.warn("pool master {} {}; abandoning the pending event poll", connection.url().getHost(),
                        switch (p.kind()) {
                            case SUPPORTER -> "is no longer master";
                            case UNREACHABLE -> "cannot be reached (refused or cut)";
                            default -> "gave no answer to a probe within the call timeout (" + p.took().toSeconds()
                                    + " s): taken as hung";
                        });
                tripped = true;
                waiting.interrupt();
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(CLOSE_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
