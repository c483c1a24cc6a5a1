package org.xenwbem.bridge.perf;

import java.time.Duration;
import org.xenwbem.bridge.HostRecord;
import org.xenwbem.bridge.ops.XenFailure;
import org.xenwbem.bridge.rrd.RrdUpdates;

/** Where the sampler reads a host's newest RRD rows: one {@code /rrd_updates} request to that host. */
@FunctionalInterface
public interface RrdSource {
    /** The host's own columns and those of every VM resident on it, for the last {@code window}. */
    RrdUpdates latest(HostRecord host, Duration window) throws XenFailure;
}
