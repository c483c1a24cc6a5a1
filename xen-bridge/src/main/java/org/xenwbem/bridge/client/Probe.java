package org.xenwbem.bridge.client;

import java.time.Duration;
import java.util.Objects;

/**
 * One answer to the master probe ({@link XenApiConnection#probeMaster}) and how long it took.
 *
 * @param kind what the host answered
 * @param took from sending the probe to its answer (or to giving up)
 */
public record Probe(Kind kind, Duration took) {
    /** What a probed host did. */
    public enum Kind {
        /** It answered as the pool master (possibly late). */
        MASTER,
        /** It answered HOST_IS_SLAVE: the master is elsewhere now. */
        SUPPORTER,
        /** Connection refused, reset or not even set up in time: nothing serves xapi there. */
        UNREACHABLE,
        /** Connected, but no answer within the probe's limit: hung, or slower than that limit. */
        SILENT
    }

    public Probe {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(took, "took");
    }
}
