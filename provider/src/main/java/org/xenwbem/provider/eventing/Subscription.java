package org.xenwbem.provider.eventing;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;

/**
 * One WS-Eventing subscription: its owner, request, filter and life, and where its events go — a
 * {@link DeliveryChannel} (Push, PushWithAck) or a bounded queue that wsen:Pull drains (Pull). The
 * pull queue drops its oldest event when full and reports the count with the next Pull.
 */
final class Subscription {
    /** What one Pull takes: the events, and how many were dropped before them. */
    record PullBatch(List<Indication> events, long dropped) {
    }

    final String id;
    final String owner;
    final SubscribeRequest request;
    final IndicationFilter filter;
    final String contextId;
    final String managerAddress;
    private final DeliveryChannel channel;
    private final int capacity;
    private final ArrayDeque<Indication> pulled = new ArrayDeque<>();
    private long pullDropped;
    private boolean ended;
    private volatile Instant expiresAt;
    private volatile Future<?> heartbeat;

    Subscription(String id, String owner, SubscribeRequest request, IndicationFilter filter, String contextId,
                 String managerAddress, DeliveryChannel channel, int capacity, Instant expiresAt) {
        this.id = id;
        this.owner = owner;
        this.request = request;
        this.filter = filter;
        this.contextId = contextId;
        this.managerAddress = managerAddress;
        this.channel = channel;
        this.capacity = capacity;
        this.expiresAt = expiresAt;
    }

    Instant expiresAt() {
        return expiresAt;
    }

    void renew(Instant until) {
        expiresAt = until;
    }

    DeliveryChannel channel() {
        return channel;
    }

    void heartbeatTask(Future<?> f) {
        heartbeat = f;
    }

    /** Queues the indication for delivery when the filter selects it. */
    void deliver(Indication ind) {
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
    synchronized PullBatch take(int max, long waitNanos) throws InterruptedException {
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
    synchronized void putBack(List<Indication> events) {
        for (int i = events.size() - 1; i >= 0; i--) {
            pulled.addFirst(events.get(i));
        }
    }

    /** Stops delivery and wakes a waiting Pull; true the first time only. */
    boolean end() {
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

    synchronized boolean ended() {
        return ended;
    }
}
