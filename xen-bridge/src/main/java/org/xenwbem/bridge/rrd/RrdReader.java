package org.xenwbem.bridge.rrd;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import org.xenwbem.bridge.client.XenApiException;
import org.xenwbem.bridge.client.XenApiSession;
import org.xenwbem.bridge.client.XenApiTransportException;

/**
 * Reads performance data for a host and its VMs (xenapi.md §4). {@code /rrd_updates} and
 * {@code /host_rrd} are served by the host that owns the data, so a request goes to that host's
 * {@code address} (same scheme and port as the session's connection). The XenAPI calls
 * {@code query_data_source} and {@code get_data_sources} are the fallback: {@link #latestHostValue}
 * uses them when the HTTP export fails. Bodies are bounded to 64 MiB.
 */
public final class RrdReader {
    /** Consolidation functions of the archives. */
    public enum Cf { AVERAGE, MIN, MAX }

    private static final int MAX_BODY = 64 << 20;
    private static final Duration LATEST_WINDOW = Duration.ofSeconds(60);

    private final XenApiSession session;
    private final Duration timeout;

    public RrdReader(XenApiSession session) {
        this(session, session.connection().callTimeout());
    }

    public RrdReader(XenApiSession session, Duration timeout) {
        this.session = Objects.requireNonNull(session, "session");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /** {@code /rrd_updates?start=…&host=true&cf=AVERAGE&interval=…} from host {@code hostUuid}, as XML. */
    public RrdUpdates fetch(Instant start, Duration interval, String hostUuid)
            throws XenApiException, XenApiTransportException, RrdFormatException {
        return fetch(start, interval, hostUuid, Cf.AVERAGE, false, List.of());
    }

    /**
     * {@code /rrd_updates} with every option: {@code json} selects the JSON form; {@code vmUuids}
     * restricts the VMs (empty: every VM resident on the host). Host columns are always included.
     */
    public RrdUpdates fetch(Instant start, Duration interval, String hostUuid, Cf cf, boolean json, List<String> vmUuids)
            throws XenApiException, XenApiTransportException, RrdFormatException {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("start", Long.toString(start.getEpochSecond()));
        q.put("host", "true");
        q.put("cf", cf.name());
        q.put("interval", Long.toString(Math.max(1, interval.toSeconds())));
        if (json) {
            q.put("json", "true");
        }
        String path = "/rrd_updates";
        byte[] body = get(hostUuid, path, q, vmUuids);
        return json ? RrdParser.xportJson(body) : RrdParser.xport(body);
    }

    /**
     * The newest rows of {@code /rrd_updates} at the host whose {@code address} the caller already
     * knows (from the pool mirror): {@code start=-window} (relative to the host's last update, so clock
     * skew does not matter), 5 s rows, AVERAGE, host columns and every resident VM. One HTTP request
     * and no XenAPI call.
     */
    public RrdUpdates latestAt(String hostAddress, Duration window)
            throws XenApiTransportException, RrdFormatException {
        Map<String, Object> q = new LinkedHashMap<>();
        q.put("start", Long.toString(-Math.max(1, window.toSeconds())));
        q.put("host", "true");
        q.put("cf", Cf.AVERAGE.name());
        q.put("interval", "5");
        return RrdParser.xport(read("/rrd_updates", () -> session.http().get(hostAddress, "/rrd_updates", q, timeout)));
    }

    /** {@code /host_rrd}: the host's full round-robin database. */
    public HostRrd hostRrd(String hostUuid) throws XenApiException, XenApiTransportException, RrdFormatException {
        return RrdParser.hostRrd(hostUuid, get(hostUuid, "/host_rrd", Map.of(), List.of()));
    }

    /**
     * The newest value of one of the host's data sources from {@code /rrd_updates}, or, when that
     * export cannot be fetched or lacks the source, from {@code host.query_data_source}.
     */
    public double latestHostValue(String hostUuid, String dataSource) throws XenApiException, XenApiTransportException {
        try {
            OptionalDouble v = fetch(Instant.now().minus(LATEST_WINDOW), Duration.ofSeconds(5), hostUuid)
                    .series("host", hostUuid, dataSource).map(RrdSeries::latest).orElse(OptionalDouble.empty());
            if (v.isPresent()) {
                return v.getAsDouble();
            }
        } catch (XenApiTransportException | RrdFormatException e) {
            // fall back to the XenAPI call below
        }
        return queryHost(hostUuid, dataSource);
    }

    /** {@code host.query_data_source}: the latest value, averaged over 5 s. */
    public double queryHost(String hostUuid, String dataSource) throws XenApiException, XenApiTransportException {
        return number(session.call("host.query_data_source", hostRef(hostUuid), dataSource));
    }

    /** {@code VM.query_data_source}. */
    public double queryVm(String vmUuid, String dataSource) throws XenApiException, XenApiTransportException {
        return number(session.call("VM.query_data_source", session.call("VM.get_by_uuid", vmUuid), dataSource));
    }

    /** {@code host.get_data_sources}. */
    public List<DataSource> hostDataSources(String hostUuid) throws XenApiException, XenApiTransportException {
        return dataSources(session.call("host.get_data_sources", hostRef(hostUuid)));
    }

    /** {@code VM.get_data_sources} (empty for a VM that is not running). */
    public List<DataSource> vmDataSources(String vmUuid) throws XenApiException, XenApiTransportException {
        return dataSources(session.call("VM.get_data_sources", session.call("VM.get_by_uuid", vmUuid)));
    }

    private byte[] get(String hostUuid, String path, Map<String, String> query, List<String> vmUuids)
            throws XenApiException, XenApiTransportException {
        String address = String.valueOf(session.call("host.get_address", hostRef(hostUuid)));
        Map<String, Object> q = new LinkedHashMap<>(query);
        if (!vmUuids.isEmpty()) {
            q.put("vm_uuid", List.copyOf(vmUuids));
        }
        return read(path, () -> session.http().get(address, path, q, timeout));
    }

    /** Opens an answer body. */
    @FunctionalInterface
    private interface Body {
        InputStream open() throws XenApiTransportException;
    }

    private static byte[] read(String path, Body body) throws XenApiTransportException {
        try (InputStream in = body.open()) {
            byte[] bytes = in.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                throw new XenApiTransportException(path + ": answer exceeds " + MAX_BODY + " bytes");
            }
            return bytes;
        } catch (IOException e) {
            throw new XenApiTransportException(path + ": " + e.getClass().getSimpleName() + " reading the answer", e);
        }
    }

    private Object hostRef(String hostUuid) throws XenApiException, XenApiTransportException {
        return session.call("host.get_by_uuid", hostUuid);
    }

    private static List<DataSource> dataSources(Object o) {
        List<DataSource> out = new ArrayList<>();
        if (o instanceof List<?> l) {
            for (Object e : l) {
                Map<?, ?> m = (Map<?, ?>) e;
                out.add(new DataSource(str(m, "name_label"), str(m, "name_description"),
                        Boolean.TRUE.equals(m.get("enabled")), Boolean.TRUE.equals(m.get("standard")),
                        str(m, "units"), number(m.get("min")), number(m.get("max")), number(m.get("value"))));
            }
        }
        return out;
    }

    private static String str(Map<?, ?> m, String k) {
        return m.get(k) == null ? "" : String.valueOf(m.get(k));
    }

    private static double number(Object o) {
        if (o instanceof Number n) {
            return n.doubleValue();
        }
        return o == null ? Double.NaN : RrdParser.value(String.valueOf(o));
    }
}
