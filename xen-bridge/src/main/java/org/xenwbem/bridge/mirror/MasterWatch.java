package org.xenwbem.bridge.mirror;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xenwbem.bridge.client.XenApiConnection;

/**
 * While the mirror has waited on its long {@code event.from} poll for {@link #PERIOD} or more, asks the
 * master every {@link #PERIOD} whether it still answers as master (one cheap probe, no session). A master that died without closing
 * the connection (power loss, a hung xapi) would otherwise be noticed only when the poll times out
 * (call timeout + 30 s); when the probe fails the waiting mirror thread is interrupted, so that it
 * looks for the master among the members at once. The interrupt reaches the thread only while it waits
 * on the poll, and {@link #end} clears it.
 */
final class MasterWatch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MasterWatch.class);
    static final Duration PERIOD = Duration.ofSeconds(5);
    private static final Duration MAX_PROBE = Duration.ofSeconds(3);

    private final XenApiConnection connection;
    private final ScheduledExecutorService timer;
    private Thread waiting;
    private long since;
    private boolean tripped;

    MasterWatch(XenApiConnection connection, String threadName) {
        this.connection = connection;
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
        Thread t;
        synchronized (this) {
            t = waiting;
            if (t == null || System.nanoTime() - since < PERIOD.toNanos()) {
                return; // only a poll that has waited a while is worth a probe
            }
        }
        Duration timeout = connection.callTimeout().compareTo(MAX_PROBE) < 0 ? connection.callTimeout() : MAX_PROBE;
        if (connection.masterAnswers(timeout)) {
            return;
        }
        synchronized (this) {
            if (waiting == t) {
                LOG.warn("pool master {} no longer answers as master; abandoning the pending event poll",
                        connection.url().getHost());
                tripped = true;
                t.interrupt();
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(MAX_PROBE.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
