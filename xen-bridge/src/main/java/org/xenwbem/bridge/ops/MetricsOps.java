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

    /**
     * The newest rows ({@code start=-window}, 5 s, AVERAGE) of {@code /rrd_updates} from the host at
     * {@code hostAddress} (its {@code address} in the pool mirror), with its columns and every resident
     * VM's: one HTTP request, no XenAPI call.
     */
    RrdUpdates latestAt(String hostAddress, Duration window) throws XenFailure;
}
