package org.xenwbem.provider.classes.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.xenwbem.bridge.HostRecord;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.bridge.VmRecord;
import org.xenwbem.bridge.ops.PoolSession;
import org.xenwbem.bridge.ops.XenFailure;
import org.xenwbem.bridge.rrd.RrdSeries;
import org.xenwbem.bridge.rrd.RrdUpdates;
import org.xenwbem.cim.CimDateTime;
import org.xenwbem.cim.CimMethod;
import org.xenwbem.cim.CimObjectPath;
import org.xenwbem.provider.cimom.CimException;
import org.xenwbem.provider.cimom.MethodResult;
import org.xenwbem.provider.cimom.RequestContext;
import org.xenwbem.provider.methods.TabledMethodProvider;
import org.xenwbem.provider.methods.FabricRefs;
import org.xenwbem.provider.methods.MethodEnvironment;
import org.xenwbem.provider.methods.Rbac;

/**
 * {@code Xen_MetricService.GetPerformanceMetricsForSystem} (anchor §5.8, §11.2: SCVMM calls it every
 * 9 minutes per VM with StartTime = now − 9 min): the RRD history of a host or VM as the anchor
 * returned it, an {@code xport} XML document in Metrics, read from {@code /rrd_updates} of the host
 * the VM runs on (else the pool master) as the caller. The window is StartTime..EndTime; without
 * StartTime it is TimeDuration minutes (default 10) before EndTime (default now); an interval
 * datetime as StartTime means that long ago. ResolutionInterval is the step in seconds (default 5).
 * Only the system's own columns and the rows inside the window are kept. Needs vm-operator.
 */
public final class MetricService extends TabledMethodProvider {
    static final String CLASS = "Xen_MetricService";
    private static final Duration DEFAULT_WINDOW = Duration.ofMinutes(10);
    private static final long DEFAULT_STEP = 5;


    public MetricService(MethodEnvironment env) {
        super(env, CLASS);
        methods().method("GetPerformanceMetricsForSystem", Rbac.VM_OPERATOR, "read performance metrics", this::metricsForSystem);
    }

    private MethodResult metricsForSystem(RequestContext ctx, CimObjectPath target, CimMethod method, Map<String, Object> in)
            throws CimException {
        PoolSnapshot s = env.pool().get();
        Object system = FabricRefs.system(s, in.get("System"), "System");
        Instant now = Instant.now();
        Instant end = instant(in.get("EndTime"), now, now);
        Duration window = in.get("TimeDuration") instanceof Number d && d.longValue() > 0
                ? Duration.ofMinutes(d.longValue()) : DEFAULT_WINDOW;
        Instant start = instant(in.get("StartTime"), end.minus(window), now);
        if (!start.isBefore(end)) {
            return MethodResult.of(MethodEnvironment.INVALID_PARAMETER);
        }
        long step = in.get("ResolutionInterval") instanceof Number r && r.longValue() > 0 ? r.longValue() : DEFAULT_STEP;
        String kind = system instanceof HostRecord ? "host" : "vm";
        String uuid = system instanceof HostRecord h ? h.uuid() : ((VmRecord) system).uuid();
        String host = system instanceof HostRecord h ? h.uuid() : residence(s, (VmRecord) system);
        try (PoolSession session = env.sessionFor(ctx)) {
            RrdUpdates u = session.metrics().updates(host, start, Duration.ofSeconds(step),
                    kind.equals("vm") ? List.of(uuid) : List.of());
            return new MethodResult(MethodEnvironment.COMPLETED,
                    Map.of("Metrics", xport(u, kind, uuid, start.getEpochSecond(), end.getEpochSecond())));
        } catch (XenFailure f) {
            throw MethodEnvironment.toCim(f);
        }
    }

    private static String residence(PoolSnapshot s, VmRecord vm) {
        String h = vm.residentOnHostUuid();
        return h != null && !h.isEmpty() && s.host(h).isPresent() ? h : s.pool().masterUuid();
    }

    private static Instant instant(Object v, Instant fallback, Instant now) {
        if (v instanceof CimDateTime dt) {
            return dt.isInterval() ? now.minus(dt.interval()) : dt.instant();
        }
        return fallback;
    }

    /** The system's columns of the export, rows newest first within [from, to], as rrd_updates' XML. */
    static String xport(RrdUpdates u, String kind, String uuid, long from, long to) {
        List<RrdSeries> cols = u.series().stream()
                .filter(c -> c.objectType().equals(kind) && c.uuid().equals(uuid)).toList();
        StringBuilder rows = new StringBuilder();
        int count = 0;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        if (!cols.isEmpty()) {
            RrdSeries lead = cols.get(0);
            Integer[] order = new Integer[lead.size()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            java.util.Arrays.sort(order, (a, b) -> Long.compare(lead.timestamp(b), lead.timestamp(a)));
            for (int i : order) {
                long t = lead.timestamp(i);
                if (t < from || t > to) {
                    continue;
                }
                first = Math.min(first, t);
                last = Math.max(last, t);
                count++;
                rows.append("<row><t>").append(t).append("</t>");
                for (RrdSeries c : cols) {
                    rows.append("<v>").append(number(i < c.size() ? c.value(i) : Double.NaN)).append("</v>");
                }
                rows.append("</row>");
            }
        }
        StringBuilder x = new StringBuilder(256 + rows.length());
        x.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?><xport><meta><start>")
                .append(count == 0 ? from : first).append("</start><step>").append(u.step()).append("</step><end>")
                .append(count == 0 ? to : last).append("</end><rows>").append(count).append("</rows><columns>")
                .append(cols.size()).append("</columns><legend>");
        for (RrdSeries c : cols) {
            x.append("<entry>").append(c.cf()).append(':').append(c.objectType()).append(':').append(c.uuid())
                    .append(':').append(c.dataSource()).append("</entry>");
        }
        return x.append("</legend></meta><data>").append(rows).append("</data></xport>").toString();
    }

    private static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "Infinity" : "-Infinity";
        }
        return String.format(Locale.ROOT, "%.15g", v).replaceAll("\\.?0+(e|$)", "$1");
    }
}
