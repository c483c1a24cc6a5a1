package org.xenwbem.provider.cimom.indications;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;

/**
 * One subscription, whatever protocol made it: its owner, filter and life, and where its events go
 * — a {@link DeliveryChannel} (pushed to the subscriber) or a bounded queue the subscriber drains
 * (pulled). The pull queue drops its oldest event when full and reports the count with the next
 * take. What a protocol adds (WS-Eventing's request, enumeration context and manager address) it
 * keeps beside this object.
 */
public final class Subscription {
    /** What one take returns: the events, and how many were dropped before them. */
    public record PullBatch(List<Indication> events, long dropped) {
    }

    private final String id;
    private final String owner;
    private final IndicationFilter filter;
    private final DeliveryChannel channel;
    private final int capacity;
    private final ArrayDeque<Indication> pulled = new ArrayDeque<>();
    private long pullDropped;
    private boolean ended;
    private volatile Instant expiresAt;
    private volatile Future<?> heartbeat;

    /** @param channel where events are pushed, or null when the subscriber pulls them */
    public Subscription(String id, String owner, IndicationFilter filter, DeliveryChannel channel, int capacity,
                        Instant expiresAt) {
        this.id = id;
        this.owner = owner;
        this.filter = filter;
        this.channel = channel;
        this.capacity = capacity;
        this.expiresAt = expiresAt;
    }

    public String id() {
        return id;
    }

    public String owner() {
        return owner;
    }

    public IndicationFilter filter() {
        return filter;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public void renew(Instant until) {
        expiresAt = until;
    }

    public DeliveryChannel channel() {
        return channel;
    }

    public void heartbeatTask(Future<?> f) {
        heartbeat = f;
    }

    /** Queues the indication for delivery when the filter selects it. */
    public void deliver(Indication ind) {
        if (!filter.accepts(ind)) {
            return;
        }
        if (channel != null) {
            channel.offer(ind);
            return;
        }
        synchronized (this) {
            if (ended) {
                return;
            }
            if (pulled.size() >= capacity) {
                pulled.pollFirst();
                pullDropped++;
            }
            pulled.addLast(ind);
            notifyAll();
        }
    }

    /**
     * Waits up to {@code waitNanos} for the first event, then takes up to {@code max} without
     * waiting more. Null when the subscription ended; an empty batch when the wait ran out.
     */
    public synchronized PullBatch take(int max, long waitNanos) throws InterruptedException {
        long deadline = System.nanoTime() + waitNanos;
        while (!ended && pulled.isEmpty() && pullDropped == 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return new PullBatch(List.of(), 0);
            }
            wait(Math.max(1, left / 1_000_000), 0);
        }
        if (ended) {
            return null;
        }
        List<Indication> out = new ArrayList<>();
        while (out.size() < max && !pulled.isEmpty()) {
            out.add(pulled.pollFirst());
        }
        long d = pullDropped;
        pullDropped = 0;
        return new PullBatch(out, d);
    }

    /** Puts back the events a Pull could not fit into its response, in order. */
    public synchronized void putBack(List<Indication> events) {
        for (int i = events.size() - 1; i >= 0; i--) {
            pulled.addFirst(events.get(i));
        }
    }

    /** Stops delivery and wakes a waiting Pull; true the first time only. */
    public boolean end() {
        synchronized (this) {
            if (ended) {
                return false;
            }
            ended = true;
            pulled.clear();
            notifyAll();
        }
        Future<?> h = heartbeat;
        if (h != null) {
            h.cancel(false);
        }
        if (channel != null) {
            channel.close();
        }
        return true;
    }

    public synchronized boolean ended() {
        return ended;
    }
}
