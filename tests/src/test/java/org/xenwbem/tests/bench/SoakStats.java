package org.xenwbem.tests.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Latencies and errors per kind of request, gathered by many client threads. Latencies are kept
 * whole (a few hundred thousand longs over ten minutes) so that percentiles are exact; the first few
 * error messages of each kind are kept to say why.
 */
final class SoakStats {
    /** One kind's samples. */
    static final class Kind {
        private long[] nanos = new long[4096];
        private int n;
        final AtomicLong errors = new AtomicLong();
        final Map<String, Long> reasons = new ConcurrentHashMap<>();

        synchronized void add(long v) {
            if (n == nanos.length) {
                nanos = java.util.Arrays.copyOf(nanos, n * 2);
            }
            nanos[n++] = v;
        }

        synchronized double[] millis() {
            double[] out = new double[n];
            for (int i = 0; i < n; i++) {
                out[i] = nanos[i] / 1e6;
            }
            return out;
        }
    }

    private final Map<String, Kind> kinds = new ConcurrentHashMap<>();
    private final AtomicLong requests = new AtomicLong();

    void record(String kind, long nanos) {
        kinds.computeIfAbsent(kind, k -> new Kind()).add(nanos);
        if (!kind.endsWith("(total)")) {
            requests.incrementAndGet();
        }
    }

    void recordError(String kind, long nanos, String why) {
        record(kind, nanos);
        error(kind, why);
    }

    /** An error that took no request of its own (an answer that lacked what it should hold). */
    void error(String kind, String why) {
        Kind k = kinds.computeIfAbsent(kind, x -> new Kind());
        k.errors.incrementAndGet();
        String key = why.length() > 160 ? why.substring(0, 160) : why;
        if (k.reasons.size() < 5 || k.reasons.containsKey(key)) {
            k.reasons.merge(key, 1L, Long::sum);
        }
    }

    long requests() {
        return requests.get();
    }

    long errors() {
        return kinds.values().stream().mapToLong(k -> k.errors.get()).sum();
    }

    Map<String, Kind> kinds() {
        return new TreeMap<>(kinds);
    }
}
