package org.xenwbem.bridge.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed logins per client address in a sliding window: with {@code maxFailures} failures in
 * the last {@code window}, the client is limited until the oldest of them leaves the window.
 */
final class FailureLimiter {
    private static final int MAX_CLIENTS = 10_000;

    private final int maxFailures;
    private final Duration window;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    FailureLimiter(int maxFailures, Duration window) {
        this.maxFailures = maxFailures;
        this.window = window;
    }

    boolean isLimited(String client, Instant now) {
        Deque<Instant> q = failures.get(client);
        if (q == null) {
            return false;
        }
        synchronized (q) {
            prune(q, now);
            return q.size() >= maxFailures;
        }
    }

    void recordFailure(String client, Instant now) {
        if (failures.size() >= MAX_CLIENTS) {
            sweep(now);
        }
        Deque<Instant> q = failures.computeIfAbsent(client, c -> new ArrayDeque<>());
        synchronized (q) {
            prune(q, now);
            q.addLast(now);
        }
    }

    private void sweep(Instant now) {
        failures.values().removeIf(q -> {
            synchronized (q) {
                prune(q, now);
                return q.isEmpty();
            }
        });
    }

    private void prune(Deque<Instant> q, Instant now) {
        Instant cutoff = now.minus(window);
        while (!q.isEmpty() && !q.peekFirst().isAfter(cutoff)) {
            q.removeFirst();
        }
    }
}
