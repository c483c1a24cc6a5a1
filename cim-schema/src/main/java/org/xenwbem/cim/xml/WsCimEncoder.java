package org.xenwbem.cim.xml;

import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.xenwbem.cim.CimDateTime;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.cim.CimObjectPath;
import org.xenwbem.cim.CimValues;

/**
 * Writes CIM instances in the WS-CIM XML form of DSP0230: one element per property in the class's
 * namespace (its resource URI), arrays as repeated elements, null as {@code xsi:nil}, datetimes as
 * {@code cim:Datetime} / {@code cim:Interval}, references as endpoint references (written by the
 * caller's {@link ReferenceWriter}, since addressing is the protocol's business).
 */
public final class WsCimEncoder {
    public static final String NS_XSI = "http://www.w3.org/2001/XMLSchema-instance";
    public static final String NS_CIM_COMMON = "http://schemas.dmtf.org/wbem/wscim/1/common";

    /** Writes the content of an EPR (Address + ReferenceParameters) for a reference value. */
    @FunctionalInterface
    public interface ReferenceWriter {
        void writeEprContent(XmlWriter w, CimObjectPath path);
    }

    private static final int MAX_NAMES = 4096;
    private static final Map<String, String> QUALIFIED = new java.util.concurrent.ConcurrentHashMap<>();

    private WsCimEncoder() {
    }

    /**
     * Writes {@code <p:Class xmlns:p="classUri">…</p:Class>}.
     *
     * @param excludeNil leave out properties whose value is null (WS-Man ExcludeNilProperties)
     */
    public static void writeInstance(XmlWriter w, CimInstance inst, String classUri, boolean excludeNil,
                                     ReferenceWriter refs) {
        String root = "p:" + inst.className();
        w.start(root).attr("xmlns:p", classUri).attr("xmlns:xsi", NS_XSI).attr("xmlns:cim", NS_CIM_COMMON);
        inst.values().forEach((name, value) -> writeProperty(w, qualified(name), value, excludeNil, refs));
        w.end(root);
    }

    /**
     * {@code p:name}, kept for the schema's few hundred property names (at most {@value #MAX_NAMES}):
     * the soak's allocation profile had a new String per property per item of every page.
     */
    static String qualified(String name) {
        String q = QUALIFIED.get(name);
        if (q == null) {
            q = "p:" + name;
            if (QUALIFIED.size() < MAX_NAMES) {
                QUALIFIED.putIfAbsent(name, q);
            }
        }
        return q;
    }

    /** Writes one property (or method parameter) element; arrays repeat the element. */
    public static void writeProperty(XmlWriter w, String qname, Object value, boolean excludeNil,
                                     ReferenceWriter refs) {
        if (value == null) {
            if (!excludeNil) {
                w.start(qname).attr("xsi:nil", "true").end(qname);
            }
            return;
        }
        if (value instanceof List<?> list) {
            for (Object item : list) {
                writeProperty(w, qname, item, true, refs);
            }
            return;
        }
        w.start(qname);
        writeScalar(w, value, refs);
        w.end(qname);
    }

    private static void writeScalar(XmlWriter w, Object value, ReferenceWriter refs) {
        if (value instanceof CimDateTime dt) {
            if (dt.isInterval()) {
                w.element("cim:Interval", xsDuration(dt.interval()));
            } else {
                w.element("cim:Datetime", DateTimeFormatter.ISO_INSTANT.format(dt.instant()));
            }
        } else if (value instanceof CimObjectPath p) {
            refs.writeEprContent(w, p);
        } else if (value instanceof CimInstance embedded) {
            throw new IllegalArgumentException("embedded instance " + embedded.className()
                    + " must be written with writeInstance");
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            w.number(((Number) value).longValue()); // the digits String.valueOf gives, without the String
        } else {
            w.text(CimValues.toText(value));
        }
    }

    /** xs:duration form of an interval, e.g. {@code P1DT2H3M4.000005S}. */
    static String xsDuration(Duration d) {
        StringBuilder sb = new StringBuilder("P");
        sb.append(d.toDays()).append("DT").append(d.toHoursPart()).append('H').append(d.toMinutesPart()).append('M');
        sb.append(d.toSecondsPart());
        if (d.toNanosPart() != 0) {
            sb.append('.').append(String.format("%06d", d.toNanosPart() / 1000));
        }
        return sb.append('S').toString();
    }
}
