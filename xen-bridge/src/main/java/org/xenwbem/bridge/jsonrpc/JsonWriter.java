package org.xenwbem.bridge.jsonrpc;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import org.xenwbem.bridge.xmlrpc.XmlRpcWriter;

/**
 * Encodes Java values as JSON the way xapi's JSON-RPC does (xenapi.md §2.4): integers (Long, Integer,
 * Short, Byte, BigInteger) as JSON numbers, Double/Float as numbers with a fraction or exponent (the
 * non-finite ones, which JSON cannot carry, as the strings {@code "NaN"}, {@code "Infinity"},
 * {@code "-Infinity"}), dates as {@code "20240420T12:00:00Z"}, enums by name, {@code char[]} as a string,
 * Collection and arrays as arrays, Map as an object with stringified keys, null as {@code null}.
 */
public final class JsonWriter {
    private JsonWriter() {
    }

    public static String write(Object value) {
        StringBuilder sb = new StringBuilder(256);
        append(sb, value);
        return sb.toString();
    }

    public static void append(StringBuilder sb, Object v) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof String s) {
            quote(sb, s);
        } else if (v instanceof char[] chars) {
            quote(sb, java.nio.CharBuffer.wrap(chars));
        } else if (v instanceof Boolean b) {
            sb.append(b.booleanValue());
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte
                || v instanceof BigInteger) {
            sb.append(v);
        } else if (v instanceof Double || v instanceof Float || v instanceof BigDecimal) {
            appendDouble(sb, ((Number) v).doubleValue());
        } else if (v instanceof Instant t) {
            quote(sb, XmlRpcWriter.formatDateTime(t));
        } else if (v instanceof Enum<?> e) {
            quote(sb, e.name());
        } else if (v instanceof Map<?, ?> map) {
            appendObject(sb, map);
        } else if (v instanceof Collection<?> c) {
            appendArray(sb, c);
        } else if (v instanceof Object[] a) {
            appendArray(sb, java.util.Arrays.asList(a));
        } else {
            throw new IllegalArgumentException("no JSON form for " + v.getClass().getName());
        }
    }

    private static void appendObject(StringBuilder sb, Map<?, ?> map) {
        sb.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            quote(sb, String.valueOf(e.getKey()));
            sb.append(':');
            append(sb, e.getValue());
        }
        sb.append('}');
    }

    private static void appendArray(StringBuilder sb, Collection<?> c) {
        sb.append('[');
        boolean first = true;
        for (Object o : c) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            append(sb, o);
        }
        sb.append(']');
    }

    private static void appendDouble(StringBuilder sb, double d) {
        if (Double.isNaN(d)) {
            sb.append("\"NaN\"");
        } else if (Double.isInfinite(d)) {
            sb.append(d > 0 ? "\"Infinity\"" : "\"-Infinity\"");
        } else {
            sb.append(Double.toString(d));
        }
    }

    private static void quote(StringBuilder sb, CharSequence s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
