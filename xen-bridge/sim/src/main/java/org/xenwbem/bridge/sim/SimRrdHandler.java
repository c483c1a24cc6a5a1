package org.xenwbem.bridge.sim;

import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * {@code GET /rrd_updates} and {@code GET /host_rrd} as xcp-rrdd serves them (xenapi.md §4.1–4.2),
 * for the host whose endpoint was asked. rrd_updates: {@code start} (required, HTTP 400 without;
 * negative = relative to now), {@code host=true}, {@code cf=AVERAGE|MIN|MAX}, {@code interval},
 * {@code vm_uuid} (repeatable); XPort XML, rows newest first, legend {@code CF:host|vm:<uuid>:<ds>};
 * with {@code json} (or {@code Accept: application/json}) the JSON form whose values are strings.
 * host_rrd: an rrdtool XML dump of the host's own data sources (5 s and 60 s AVERAGE archives, rows
 * oldest first). Authenticated by {@code session_id} or Basic (HTTP 401 otherwise).
 */
final class SimRrdHandler {
    private final SimRrd rrd;
    private final SimHttpAuth auth;
    private final SimDispatcher dispatcher;
    private final SimDatabase db;
    private final SimCounters requests = new SimCounters();

    SimRrdHandler(SimRrd rrd, SimHttpAuth auth, SimDispatcher dispatcher, SimDatabase db) {
        this.rrd = rrd;
        this.auth = auth;
        this.dispatcher = dispatcher;
        this.db = db;
    }

    boolean handle(Request request, Response response, Callback callback, SimEndpoint endpoint)
            throws InterruptedException {
        if (!HttpMethod.GET.is(request.getMethod())) {
            Response.writeError(request, response, callback, HttpStatus.METHOD_NOT_ALLOWED_405);
            return true;
        }
        requests.record(Request.getPathInContext(request));
        Fields query = Request.extractQueryParameters(request);
        try (SimHttpAuth.Grant grant = auth.admit(request, response, callback, query, endpoint, false)) {
            if (grant == null) {
                return true;
            }
            String host = dispatcher.hostOf(endpoint);
            if ("/host_rrd".equals(Request.getPathInContext(request))) {
                send(response, callback, "text/xml", hostRrd(host));
                return true;
            }
            String start = query.getValue("start");
            if (start == null) {
                Response.writeError(request, response, callback, HttpStatus.BAD_REQUEST_400);
                return true;
            }
            boolean json = query.get("json") != null || String.valueOf(request.getHeaders().get(HttpHeader.ACCEPT))
                    .contains("application/json");
            String body = updates(host, query, parseLong(start, 0), json);
            send(response, callback, json ? "application/json" : "text/xml", body);
        }
        return true;
    }

    /** GET requests received for {@code path} ({@code /rrd_updates} or {@code /host_rrd}), answered or not. */
    long requests(String path) {
        return requests.get(path);
    }

    private String updates(String host, Fields query, long start, boolean json) {
        long now = rrd.now();
        long from = start < 0 ? now + start : start;
        int archive = SimRrd.archive(parseLong(query.getValue("interval"), 5));
        long step = SimRrd.STEPS[archive];
        long end = Math.floorDiv(now, step) * step;
        List<Long> times = new ArrayList<>();
        for (long t = end; t > from && times.size() < SimRrd.ROWS[archive]; t -= step) {
            times.add(t);
        }
        String cf = query.getValue("cf") == null ? "AVERAGE" : query.getValue("cf");
        List<String> vms = query.getValues("vm_uuid") == null ? List.of() : query.getValues("vm_uuid");
        List<SimRrd.Column> cols = rrd.columns(host, "true".equals(query.getValue("host")), vms);
        long first = times.isEmpty() ? end : times.get(times.size() - 1);
        return json ? xportJson(cf, cols, times, first, step, end) : xportXml(cf, cols, times, first, step, end);
    }

    private String xportXml(String cf, List<SimRrd.Column> cols, List<Long> times, long start, long step, long end) {
        StringBuilder sb = new StringBuilder(1024 + times.size() * cols.size() * 12);
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?><xport><meta><start>").append(start)
                .append("</start><step>").append(step).append("</step><end>").append(end).append("</end><rows>")
                .append(times.size()).append("</rows><columns>").append(cols.size()).append("</columns><legend>");
        cols.forEach(c -> sb.append("<entry>").append(legend(cf, c)).append("</entry>"));
        sb.append("</legend></meta><data>");
        for (long t : times) {
            sb.append("<row><t>").append(t).append("</t>");
            cols.forEach(c -> sb.append("<v>").append(format(rrd.value(c, t, cf))).append("</v>"));
            sb.append("</row>");
        }
        return sb.append("</data></xport>").toString();
    }

    private String xportJson(String cf, List<SimRrd.Column> cols, List<Long> times, long start, long step, long end) {
        StringBuilder sb = new StringBuilder(1024 + times.size() * cols.size() * 14);
        sb.append("{\"meta\":{\"start\":").append(start).append(",\"step\":").append(step).append(",\"end\":")
                .append(end).append(",\"rows\":").append(times.size()).append(",\"columns\":").append(cols.size())
                .append(",\"legend\":[");
        for (int i = 0; i < cols.size(); i++) {
            sb.append(i == 0 ? "" : ",").append('"').append(legend(cf, cols.get(i))).append('"');
        }
        sb.append("]},\"data\":[");
        for (int r = 0; r < times.size(); r++) {
            long t = times.get(r);
            sb.append(r == 0 ? "" : ",").append("{\"t\":").append(t).append(",\"values\":[");
            for (int i = 0; i < cols.size(); i++) {
                sb.append(i == 0 ? "" : ",").append('"').append(format(rrd.value(cols.get(i), t, cf))).append('"');
            }
            sb.append("]}");
        }
        return sb.append("]}").toString();
    }

    private String hostRrd(String host) {
        String uuid = db.atomically(() -> (String) db.get("host", host, "uuid"));
        List<SimRrd.Column> cols = new ArrayList<>();
        db.atomically(() -> rrd.hostSources(host)).forEach(ds -> cols.add(new SimRrd.Column("host", uuid, ds)));
        long now = Math.floorDiv(rrd.now(), 5) * 5;
        StringBuilder sb = new StringBuilder(64 << 10);
        sb.append("<?xml version=\"1.0\"?><rrd><version>0003</version><step>5</step><lastupdate>").append(now)
                .append("</lastupdate>");
        for (SimRrd.Column c : cols) {
            double v = rrd.value(c, now, "AVERAGE");
            sb.append("<ds><name>").append(c.dataSource()).append("</name><type>")
                    .append(c.dataSource().startsWith("cpu") ? "DERIVE" : "GAUGE")
                    .append("</type><minimal_heartbeat>300.0000</minimal_heartbeat><min>0.0</min><max>")
                    .append(c.dataSource().startsWith("cpu") ? "1.0" : "Infinity").append("</max><last_ds>")
                    .append(format(v)).append("</last_ds><value>").append(format(v))
                    .append("</value><unknown_sec>0</unknown_sec></ds>");
        }
        for (int archive = 0; archive < 2; archive++) {
            appendArchive(sb, cols, archive, now);
        }
        return sb.append("</rrd>").toString();
    }

    private void appendArchive(StringBuilder sb, List<SimRrd.Column> cols, int archive, long now) {
        long step = SimRrd.STEPS[archive];
        long last = Math.floorDiv(now, step) * step;
        sb.append("<rra><cf>AVERAGE</cf><pdp_per_row>").append(step / 5)
                .append("</pdp_per_row><params><xff>0.5000</xff></params><cdp_prep>");
        cols.forEach(c -> sb.append("<ds><primary_value>0.0</primary_value><secondary_value>0.0</secondary_value>"
                + "<value>0.0</value><unknown_datapoints>0</unknown_datapoints></ds>"));
        sb.append("</cdp_prep><database>");
        for (int r = SimRrd.ROWS[archive] - 1; r >= 0; r--) {
            long t = last - r * step;
            sb.append("<row>");
            cols.forEach(c -> sb.append("<v>").append(format(rrd.value(c, t, "AVERAGE"))).append("</v>"));
            sb.append("</row>");
        }
        sb.append("</database></rra>");
    }

    private static String legend(String cf, SimRrd.Column c) {
        return cf + ":" + c.kind() + ":" + c.uuid() + ":" + c.dataSource();
    }

    /** C's {@code %0.15g}, as xcp-rrdd prints values. */
    static String format(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "Infinity" : "-Infinity";
        }
        if (v == 0) {
            return "0.0";
        }
        BigDecimal bd = new BigDecimal(v).round(new MathContext(15)).stripTrailingZeros();
        int exponent = bd.precision() - bd.scale() - 1;
        if (exponent < -4 || exponent >= 15) {
            return bd.toString().replace("E", "e");
        }
        return bd.toPlainString();
    }

    private static long parseLong(String s, long fallback) {
        try {
            return s == null ? fallback : Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static void send(Response response, Callback callback, String type, String body) {
        response.setStatus(HttpStatus.OK_200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
        response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
    }
}
