package org.xenwbem.bridge.rrd;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.xenwbem.bridge.jsonrpc.JsonFormatException;
import org.xenwbem.bridge.jsonrpc.JsonReader;
import org.xenwbem.bridge.xml.HardenedStax;

/**
 * Parses xcp-rrdd's exports (xenapi.md §4.2): the XPort of {@code /rrd_updates} as XML or JSON (values
 * are strings in JSON), and the rrdtool dump of {@code /host_rrd}. Rows come newest first in an XPort
 * and oldest first in a dump; both become series in time order. Values {@code NaN}, {@code Infinity}
 * and C's {@code nan}/{@code inf} are accepted. DTDs are refused.
 */
public final class RrdParser {
    private static final XMLInputFactory XML = HardenedStax.factory();

    private RrdParser() {
    }

    /** An XPort document ({@code /rrd_updates} without {@code json}). */
    public static RrdUpdates xport(byte[] xml) throws RrdFormatException {
        try {
            XMLStreamReader r = XML.createXMLStreamReader(new ByteArrayInputStream(xml));
            long[] meta = new long[3];
            List<String> legend = new ArrayList<>();
            List<Long> times = new ArrayList<>();
            List<List<Double>> rows = new ArrayList<>();
            while (r.hasNext()) {
                int ev = r.next();
                if (ev == XMLStreamConstants.DTD) {
                    throw new RrdFormatException("document type declarations are not accepted");
                }
                if (ev == XMLStreamConstants.START_ELEMENT) {
                    switch (r.getLocalName()) {
                        case "start" -> meta[0] = Long.parseLong(r.getElementText().trim());
                        case "step" -> meta[1] = Long.parseLong(r.getElementText().trim());
                        case "end" -> meta[2] = Long.parseLong(r.getElementText().trim());
                        case "entry" -> legend.add(r.getElementText().trim());
                        case "row" -> rows.add(new ArrayList<>());
                        case "t" -> times.add(Long.parseLong(r.getElementText().trim()));
                        case "v" -> rows.get(rows.size() - 1).add(value(r.getElementText()));
                        default -> { }
                    }
                }
            }
            return build(meta, legend, times, rows, true);
        } catch (XMLStreamException | RuntimeException e) {
            throw new RrdFormatException("unreadable rrd_updates XML: " + e.getMessage(), e);
        }
    }

    /** The JSON form of an XPort ({@code /rrd_updates?json=true}). */
    public static RrdUpdates xportJson(byte[] json) throws RrdFormatException {
        try {
            Map<?, ?> doc = (Map<?, ?>) JsonReader.parse(new String(json, StandardCharsets.UTF_8));
            Map<?, ?> meta = (Map<?, ?>) doc.get("meta");
            long[] m = {number(meta.get("start")), number(meta.get("step")), number(meta.get("end"))};
            List<String> legend = new ArrayList<>();
            ((List<?>) meta.get("legend")).forEach(e -> legend.add(String.valueOf(e)));
            List<Long> times = new ArrayList<>();
            List<List<Double>> rows = new ArrayList<>();
            for (Object o : (List<?>) doc.get("data")) {
                Map<?, ?> row = (Map<?, ?>) o;
                times.add(number(row.get("t")));
                List<Double> vs = new ArrayList<>();
                ((List<?>) row.get("values")).forEach(v -> vs.add(value(String.valueOf(v))));
                rows.add(vs);
            }
            return build(m, legend, times, rows, true);
        } catch (JsonFormatException | RuntimeException e) {
            throw new RrdFormatException("unreadable rrd_updates JSON: " + e.getMessage(), e);
        }
    }

    /** An rrdtool XML dump ({@code /host_rrd}) of host {@code hostUuid}. */
    public static HostRrd hostRrd(String hostUuid, byte[] xml) throws RrdFormatException {
        try {
            XMLStreamReader r = XML.createXMLStreamReader(new ByteArrayInputStream(xml));
            DumpState d = new DumpState();
            while (r.hasNext()) {
                int ev = r.next();
                if (ev == XMLStreamConstants.DTD) {
                    throw new RrdFormatException("document type declarations are not accepted");
                }
                if (ev == XMLStreamConstants.START_ELEMENT) {
                    d.element(r);
                } else if (ev == XMLStreamConstants.END_ELEMENT && "rra".equals(r.getLocalName())) {
                    d.endArchive(hostUuid);
                }
            }
            return new HostRrd(hostUuid, d.lastUpdate, d.sources, d.archives);
        } catch (XMLStreamException | RuntimeException e) {
            throw new RrdFormatException("unreadable host_rrd dump: " + e.getMessage(), e);
        }
    }

    /** Parser state for an rrdtool dump. */
    private static final class DumpState {
        long step = 5;
        long lastUpdate;
        final List<HostRrd.Source> sources = new ArrayList<>();
        final List<RrdUpdates> archives = new ArrayList<>();
        String[] ds = new String[5];
        boolean inArchive;
        String cf = "AVERAGE";
        long pdpPerRow = 1;
        final List<List<Double>> rows = new ArrayList<>();

        void element(XMLStreamReader r) throws XMLStreamException {
            switch (r.getLocalName()) {
                case "step" -> step = Long.parseLong(r.getElementText().trim());
                case "lastupdate" -> lastUpdate = Long.parseLong(r.getElementText().trim());
                case "rra" -> inArchive = true;
                case "cf" -> cf = r.getElementText().trim();
                case "pdp_per_row" -> pdpPerRow = Long.parseLong(r.getElementText().trim());
                case "row" -> rows.add(new ArrayList<>());
                case "v" -> rows.get(rows.size() - 1).add(value(r.getElementText()));
                case "name", "type", "min", "max", "last_ds" -> {
                    if (!inArchive) {
                        dsField(r.getLocalName(), r.getElementText().trim());
                    }
                }
                default -> { }
            }
        }

        private void dsField(String field, String text) {
            int i = List.of("name", "type", "min", "max", "last_ds").indexOf(field);
            ds[i] = text;
            if (i == 4) {
                sources.add(new HostRrd.Source(ds[0], ds[1], value(ds[2]), value(ds[3]), value(ds[4])));
                ds = new String[5];
            }
        }

        void endArchive(String hostUuid) {
            long archiveStep = step * pdpPerRow;
            long last = Math.floorDiv(lastUpdate, archiveStep) * archiveStep;
            List<Long> times = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                times.add(last - (rows.size() - 1 - i) * archiveStep);
            }
            List<String> legend = new ArrayList<>();
            sources.forEach(s -> legend.add(cf + ":host:" + hostUuid + ":" + s.name()));
            long first = times.isEmpty() ? last : times.get(0);
            archives.add(build(new long[] {first, archiveStep, last}, legend, times, new ArrayList<>(rows), false));
            rows.clear();
            inArchive = false;
        }
    }

    private static RrdUpdates build(long[] meta, List<String> legend, List<Long> times, List<List<Double>> rows,
                                    boolean newestFirst) {
        int n = rows.size();
        List<RrdSeries> series = new ArrayList<>(legend.size());
        for (int c = 0; c < legend.size(); c++) {
            long[] ts = new long[n];
            double[] vs = new double[n];
            for (int i = 0; i < n; i++) {
                int src = newestFirst ? n - 1 - i : i;
                ts[i] = times.get(src);
                List<Double> row = rows.get(src);
                vs[i] = c < row.size() ? row.get(c) : Double.NaN;
            }
            String[] parts = legend.get(c).split(":", 4);
            if (parts.length != 4) {
                throw new IllegalArgumentException("bad legend entry " + legend.get(c));
            }
            series.add(new RrdSeries(parts[0], parts[1], parts[2], parts[3], ts, vs));
        }
        return new RrdUpdates(meta[0], meta[1], meta[2], series);
    }

    private static long number(Object o) {
        return o instanceof Number n ? n.longValue() : Long.parseLong(String.valueOf(o).trim());
    }

    static double value(String text) {
        String s = text.trim();
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "nan", "-nan" -> Double.NaN;
            case "inf", "+inf", "infinity" -> Double.POSITIVE_INFINITY;
            case "-inf", "-infinity" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(s);
        };
    }
}
