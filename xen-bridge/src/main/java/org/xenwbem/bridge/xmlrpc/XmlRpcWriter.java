package org.xenwbem.bridge.xmlrpc;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Encodes Java values the way xapi's ocaml-rpc does (reference xenapi.md §2.3).
 *
 * <table>
 *   <caption>Java type to XML-RPC form</caption>
 *   <tr><td>String, char[], enum, Long/Short/Byte/BigInteger</td><td>untyped {@code <value>TEXT</value>}</td></tr>
 *   <tr><td>Integer (XenAPI Int32, only valid_ref_counts)</td><td>{@code <i4>}</td></tr>
 *   <tr><td>Boolean</td><td>{@code <boolean>1|0</boolean>}</td></tr>
 *   <tr><td>Double/Float</td><td>{@code <double>} formatted like C {@code %.16g}</td></tr>
 *   <tr><td>Instant</td><td>{@code <dateTime.iso8601>20240420T12:00:00Z</dateTime.iso8601>}</td></tr>
 *   <tr><td>Collection, Object[]</td><td>{@code <array><data>}</td></tr>
 *   <tr><td>Map</td><td>{@code <struct>} with stringified keys</td></tr>
 *   <tr><td>null</td><td>{@code <nil/>}</td></tr>
 * </table>
 */
public final class XmlRpcWriter {
    private static final String PROLOG = "<?xml version=\"1.0\"?>";
    static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private XmlRpcWriter() {
    }

    /** A complete {@code <methodCall>} document. */
    public static String methodCall(String method, List<?> params) {
        StringBuilder sb = new StringBuilder(256).append(PROLOG).append("<methodCall><methodName>");
        escape(sb, method);
        sb.append("</methodName><params>");
        for (Object p : params) {
            sb.append("<param>");
            appendValue(sb, p);
            sb.append("</param>");
        }
        return sb.append("</params></methodCall>").toString();
    }

    /** A complete {@code <methodResponse>} document holding one value. */
    public static String methodResponse(Object value) {
        StringBuilder sb = new StringBuilder(1024).append(PROLOG).append("<methodResponse><params><param>");
        appendValue(sb, value);
        return sb.append("</param></params></methodResponse>").toString();
    }

    /** One {@code <value>…</value>} fragment, as xapi stores in {@code task.result}. */
    public static String value(Object value) {
        StringBuilder sb = new StringBuilder();
        appendValue(sb, value);
        return sb.toString();
    }

    /** A date as xapi writes it: {@code 20240420T12:00:00Z} (also the JSON-RPC string form). */
    public static String formatDateTime(Instant t) {
        return DATE_TIME.format(t);
    }

    static void appendValue(StringBuilder sb, Object v) {
        sb.append("<value>");
        if (v == null) {
            sb.append("<nil/>");
        } else if (v instanceof String s) {
            escape(sb, s);
        } else if (v instanceof char[] chars) {
            escape(sb, chars);
        } else if (v instanceof Integer i) {
            sb.append("<i4>").append(i).append("</i4>");
        } else if (v instanceof Long || v instanceof Short || v instanceof Byte || v instanceof BigInteger) {
            sb.append(v);
        } else if (v instanceof Boolean b) {
            sb.append("<boolean>").append(b ? '1' : '0').append("</boolean>");
        } else if (v instanceof Double || v instanceof Float) {
            sb.append("<double>").append(formatDouble(((Number) v).doubleValue())).append("</double>");
        } else if (v instanceof Instant t) {
            sb.append("<dateTime.iso8601>").append(DATE_TIME.format(t)).append("</dateTime.iso8601>");
        } else if (v instanceof Enum<?> e) {
            escape(sb, e.name());
        } else {
            appendComposite(sb, v);
        }
        sb.append("</value>");
    }

    private static void appendComposite(StringBuilder sb, Object v) {
        if (v instanceof Map<?, ?> map) {
            sb.append("<struct>");
            for (Map.Entry<?, ?> e : map.entrySet()) {
                sb.append("<member><name>");
                escape(sb, String.valueOf(e.getKey()));
                sb.append("</name>");
                appendValue(sb, e.getValue());
                sb.append("</member>");
            }
            sb.append("</struct>");
        } else if (v instanceof Collection<?> c) {
            appendArray(sb, c);
        } else if (v instanceof Object[] a) {
            appendArray(sb, java.util.Arrays.asList(a));
        } else {
            throw new IllegalArgumentException("no XML-RPC form for " + v.getClass().getName());
        }
    }

    private static void appendArray(StringBuilder sb, Collection<?> c) {
        sb.append("<array><data>");
        for (Object o : c) {
            appendValue(sb, o);
        }
        sb.append("</data></array>");
    }

    /** C's {@code %.16g}: 16 significant digits, trailing zeros dropped, exponent form outside 1e-4..1e16. */
    static String formatDouble(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return (1 / d < 0) ? "-0" : "0";
        }
        BigDecimal bd = new BigDecimal(d).round(new MathContext(16)).stripTrailingZeros();
        int exponent = bd.precision() - bd.scale() - 1;
        if (exponent < -4 || exponent >= 16) {
            BigDecimal mantissa = bd.movePointLeft(exponent).stripTrailingZeros();
            String exp = String.format("%02d", Math.abs(exponent));
            return mantissa.toPlainString() + "e" + (exponent < 0 ? "-" : "+") + exp;
        }
        return bd.toPlainString();
    }

    private static void escape(StringBuilder sb, CharSequence s) {
        for (int i = 0; i < s.length(); i++) {
            escapeChar(sb, s.charAt(i));
        }
    }

    private static void escape(StringBuilder sb, char[] s) {
        for (char c : s) {
            escapeChar(sb, c);
        }
    }

    private static void escapeChar(StringBuilder sb, char c) {
        switch (c) {
            case '<' -> sb.append("&lt;");
            case '>' -> sb.append("&gt;");
            case '&' -> sb.append("&amp;");
            case '\r' -> sb.append("&#13;");
            default -> sb.append(c);
        }
    }
}
