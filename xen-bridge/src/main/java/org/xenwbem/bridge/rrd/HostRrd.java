package org.xenwbem.bridge.rrd;

import java.util.List;

/**
 * A host's full RRD ({@code GET /host_rrd}): its data sources with their last values, and one
 * {@link RrdUpdates} per archive (for example 5 s × 120 rows and 60 s × 120 rows of AVERAGE).
 */
public record HostRrd(String hostUuid, long lastUpdate, List<Source> dataSources, List<RrdUpdates> archives) {
    public HostRrd {
        dataSources = List.copyOf(dataSources);
        archives = List.copyOf(archives);
    }

    /** A {@code <ds>} of the dump: name, type (GAUGE, DERIVE, ABSOLUTE), bounds and the last value. */
    public record Source(String name, String type, double min, double max, double value) {
    }
}
