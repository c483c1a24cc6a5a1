package org.xenwbem.provider.cimom.indications;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one subscriber's events in order on the shared delivery executor, never on the thread
 * that produced them. The queue is bounded: when full, the oldest event is dropped and counted, and
 * the count is announced (as {@code wsman:DroppedEvents} for WS-Man) before the next event. A failed
 * attempt is retried after a doubling backoff; when the retries are spent the channel closes and
 * {@link Sender#failed} ends the subscription. Heartbeats go out only when nothing else was sent for
 * a whole interval.
 */
public final class DeliveryChannel {
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryChannel.class);

    /** A failed delivery attempt (connection, HTTP status, missing Ack), with its cause. */
    public static final class DeliveryException extends Exception {
        public DeliveryException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Sends one message; called on a delivery thread, one call at a time per channel. */
    public interface Sender {
        void event(Indication ind) throws DeliveryException;

        default void dropped(long count) throws DeliveryException {
        }

        default void heartbeat() throws DeliveryException {
        }

        /** The retries are spent; the channel is closed. */
        void failed(DeliveryException last);
    }

    private final String name;
    private final Sender sender;
    private final int capacity;
    private final Executor pool;
    private final ScheduledExecutorService timer;
    private final EventingOptions options;
    private final LongSupplier nanos;
    private final boolean endOnFailure;
    private final AtomicBoolean running = new AtomicBoolean();
    private final ArrayDeque<Indication> queue = new ArrayDeque<>();
    private Indication inFlight;
    private long dropped;
    private long droppedTotal;
    private boolean heartbeatDue;
    private boolean closed;
    private int failures;
    private long retryAt;
    private volatile long lastSent;

    /**
     * @param endOnFailure close the channel when the retries are spent (WS-Man push); false drops
     *                     the failed message and goes on (CIM-XML export)
     */
    public DeliveryChannel(String name, Sender sender, EventingOptions options, Executor pool, ScheduledExecutorService timer,
                    LongSupplier nanos, boolean endOnFailure) {
        this.endOnFailure = endOnFailure;
        this.name = name;
        this.sender = sender;
        this.capacity = options.queueCapacity();
        this.pool = pool;
        this.timer = timer;
        this.options = options;
        this.nanos = nanos;
        this.lastSent = nanos.getAsLong();
    }

    public void offer(Indication ind) {
        synchronized (this) {
            if (closed) {
                return;
            }
            if (queue.size() >= capacity) {
                queue.pollFirst();
                dropped++;
                droppedTotal++;
            }
            queue.addLast(ind);
        }
        kick();
    }

    /** Asks for a heartbeat if nothing was sent for {@code intervalNanos}. */
    public void heartbeatIfIdle(long intervalNanos) {
        synchronized (this) {
            if (closed || nanos.getAsLong() - lastSent < intervalNanos) {
                return;
            }
            heartbeatDue = true;
        }
        kick();
    }

    public synchronized void close() {
        closed = true;
        queue.clear();
    }

    public synchronized long droppedTotal() {
        return droppedTotal;
    }

    public synchronized int queued() {
        return queue.size() + (inFlight == null ? 0 : 1);
    }

    private void kick() {
        if (running.compareAndSet(false, true)) {
            try {
                pool.execute(this::pump);
            } catch (RejectedExecutionException e) {
                running.set(false);
            }
        }
    }

    private void pump() {
        try {
            Runnable step;
            while ((step = nextStep()) != null) {
                step.run();
            }
        } finally {
            running.set(false);
            if (ready()) {
                kick();
            }
        }
    }

    private synchronized boolean ready() {
        return !closed && nanos.getAsLong() - retryAt >= 0 && (dropped > 0 || !queue.isEmpty() || heartbeatDue);
    }

    /** The next send to make, or null when there is none (or a retry is pending). */
    private synchronized Runnable nextStep() {
        if (!ready()) {
            return null;
        }
        if (dropped > 0) {
            long n = dropped;
            return () -> attempt(() -> sender.dropped(n), () -> dropped -= n);
        }
        if (!queue.isEmpty()) {
            Indication ind = queue.pollFirst();
            inFlight = ind;
            return () -> attempt(() -> sender.event(ind), () -> inFlight = null);
        }
        heartbeatDue = false;
        return () -> attempt(sender::heartbeat, () -> { });
    }

    private interface Send {
        void run() throws DeliveryException;
    }

    private void attempt(Send send, Runnable onSuccess) {
        try {
            send.run();
            synchronized (this) {
                onSuccess.run();
                failures = 0;
                lastSent = nanos.getAsLong();
            }
        } catch (DeliveryException e) {
            failed(e);
        }
    }

    private void failed(DeliveryException e) {
        boolean giveUp;
        long waitNanos;
        synchronized (this) {
            if (inFlight != null) {
                queue.addFirst(inFlight);
                inFlight = null;
            }
            failures++;
            giveUp = failures > options.retries();
            waitNanos = giveUp ? 0 : options.backoff(failures).toNanos();
            retryAt = nanos.getAsLong() + waitNanos;
            if (giveUp) {
                giveUp();
            }
        }
        if (giveUp) {
            LOG.warn("delivery to {} failed {} times; {}: {}", name, options.retries() + 1,
                    endOnFailure ? "ending it" : "dropping the message", e.getMessage());
            sender.failed(e);
            return;
        }
        LOG.debug("delivery to {} failed, retrying in {} ms: {}", name, waitNanos / 1_000_000, e.getMessage());
        try {
            timer.schedule(this::kick, waitNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException stopped) {
            LOG.debug("timer stopped; no retry for {}", name);
        }
    }

    /** Retries spent: close the channel, or drop the message that failed and go on. */
    private void giveUp() {
        failures = 0;
        if (endOnFailure) {
            closed = true;
            queue.clear();
        } else if (dropped > 0) {
            dropped = 0;
        } else if (!queue.isEmpty()) {
            queue.pollFirst();
            droppedTotal++;
        }
    }
}
