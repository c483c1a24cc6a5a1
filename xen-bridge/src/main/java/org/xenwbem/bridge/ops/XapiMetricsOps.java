package org.xenwbem.bridge.ops;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.xenwbem.bridge.client.XenApiException;
import org.xenwbem.bridge.client.XenApiTransportException;
import org.xenwbem.bridge.rrd.RrdFormatException;
import org.xenwbem.bridge.rrd.RrdReader;
import org.xenwbem.bridge.rrd.RrdUpdates;

/** {@link MetricsOps} through an {@link RrdReader} over a user's session. */
final class XapiMetricsOps implements MetricsOps {
    private final Calls c;

    XapiMetricsOps(Calls c) {
        this.c = c;
    }

    @Override
    public RrdUpdates updates(String hostUuid, Instant start, Duration interval, List<String> vmUuids)
            throws XenFailure {
        try {
            return new RrdReader(c.session()).fetch(start, interval, hostUuid, RrdReader.Cf.AVERAGE, false, vmUuids);
        } catch (XenApiException e) {
            throw XenFailure.of(e);
        } catch (XenApiTransportException e) {
            throw XenFailure.of(e);
        } catch (RrdFormatException e) {
            throw new XenFailure(XenFailure.Kind.FAILED, "RRD_FORMAT", List.of(hostUuid), e.getMessage(), e);
        }
    }

    @Override
    public RrdUpdates latestAt(String hostAddress, Duration window) throws XenFailure {
        try {
            return new RrdReader(c.session()).latestAt(hostAddress, window);
        } catch (XenApiTransportException e) {
            throw XenFailure.of(e);
        } catch (RrdFormatException e) {
            throw new XenFailure(XenFailure.Kind.FAILED, "RRD_FORMAT", List.of(hostAddress), e.getMessage(), e);
        }
    }
}
