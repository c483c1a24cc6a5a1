package org.xenwbem.bridge.sim;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Per-method call counters (method names as received, e.g. {@code Async.VM.start}). */
final class SimCounters {
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    private final LongAdder total = new LongAdder();

    void record(String method) {
        counts.computeIfAbsent(method, m -> new LongAdder()).increment();
        total.increment();
    }

    long get(String method) {
        LongAdder a = counts.get(method);
        return a == null ? 0 : a.sum();
    }

    long total() {
        return total.sum();
    }
}
