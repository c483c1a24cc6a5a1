package org.xenwbem.bridge;

import java.time.Instant;
import java.util.Map;

/**
 * A XenAPI {@code VM_metrics}. {@code vcpusUtilisation} maps the VCPU number to its load (0..1).
 * {@code startTime} and {@code installTime} are null when unset (xapi's epoch).
 */
public record VmMetricsRecord(String uuid, long memoryActual, long vcpusNumber, Map<Long, Double> vcpusUtilisation,
                              Instant startTime, Instant installTime) {
    /** Metrics not (yet) known. */
    public static final VmMetricsRecord UNKNOWN = new VmMetricsRecord("", 0, 0, Map.of(), null, null);

    public VmMetricsRecord {
        vcpusUtilisation = Map.copyOf(vcpusUtilisation);
    }
}
