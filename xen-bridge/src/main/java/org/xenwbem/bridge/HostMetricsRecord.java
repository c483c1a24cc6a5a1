package org.xenwbem.bridge;

import java.time.Instant;

/** A XenAPI {@code host_metrics}: memory in bytes and liveness. {@code lastUpdated} may be null. */
public record HostMetricsRecord(String uuid, long memoryTotal, long memoryFree, boolean live, Instant lastUpdated) {
    /** Metrics not (yet) known: no memory, not live. */
    public static final HostMetricsRecord UNKNOWN = new HostMetricsRecord("", 0, 0, false, null);
}
