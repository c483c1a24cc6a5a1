package org.xenwbem.bridge.perf;

import java.time.Duration;
import org.xenwbem.bridge.HostRecord;
import org.xenwbem.bridge.XenBridge;
import org.xenwbem.bridge.ops.PoolSession;
import org.xenwbem.bridge.ops.XenFailure;
import org.xenwbem.bridge.rrd.RrdUpdates;

/**
 * {@link RrdSource} as the daemon's service session, at the host's {@code address} from the mirror.
 * The session is taken from the bridge once and kept while requests succeed (the bridge checks a
 * session with a XenAPI call each time it hands one out); after a failure the next request asks the
 * bridge again, which logs in anew when xapi has forgotten the old session.
 */
public final class ServiceRrdSource implements RrdSource {
    private final XenBridge bridge;
    private volatile PoolSession session;

    public ServiceRrdSource(XenBridge bridge) {
        this.bridge = bridge;
    }

    @Override
    public RrdUpdates latest(HostRecord host, Duration window) throws XenFailure {
        PoolSession s = session;
        if (s == null) {
            s = bridge.serviceSession();
            session = s;
        }
        try {
            return s.metrics().latestAt(host.address(), window);
        } catch (XenFailure e) {
            session = null;
            throw e;
        }
    }
}
