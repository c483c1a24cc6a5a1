package org.xenwbem.provider.transfer;

import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xenwbem.bridge.ops.FieldOps;
import org.xenwbem.bridge.ops.PoolSession;
import org.xenwbem.bridge.ops.XenFailure;

/**
 * The mark of a disk being written by an upload: {@code other_config:xenwbem_transfer} =
 * {@code incomplete since <time>}, set before the first byte goes to xapi and removed once xapi has
 * the whole disk. An upload that fails, is cancelled or expires leaves the mark, so a half-written
 * disk is never taken for a good one.
 */
final class Incomplete {
    static final String KEY = "xenwbem_transfer";
    private static final Logger LOG = LoggerFactory.getLogger(Incomplete.class);

    private Incomplete() {
    }

    static void mark(PoolSession session, String vdiUuid) {
        try {
            session.fields().removeFromMap(FieldOps.Target.VDI, vdiUuid, "other_config", KEY);
            session.fields().addToMap(FieldOps.Target.VDI, vdiUuid, "other_config", KEY,
                    "incomplete since " + Instant.now());
        } catch (XenFailure f) {
            LOG.warn("could not mark VDI {} as being written: {}", vdiUuid, f.code());
        }
    }

    static void clear(PoolSession session, String vdiUuid) {
        try {
            session.fields().removeFromMap(FieldOps.Target.VDI, vdiUuid, "other_config", KEY);
        } catch (XenFailure f) {
            LOG.warn("could not clear the incomplete mark of VDI {}: {}", vdiUuid, f.code());
        }
    }
}
