package org.xenwbem.bridge.ops;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.xenwbem.bridge.rrd.RrdUpdates;

/** Performance history (xenapi.md §4): RRD exports, read as the session's user. */
public interface MetricsOps {
    /**
     * {@code /rrd_updates} from host {@code hostUuid} since {@code start}, one row per {@code interval}
     * (AVERAGE), with the host's columns and those of {@code vmUuids} (empty: every VM resident there).
     */
    RrdUpdates updates(String hostUuid, Instant start, Duration interval, List<String> vmUuids) throws XenFailure;
}
