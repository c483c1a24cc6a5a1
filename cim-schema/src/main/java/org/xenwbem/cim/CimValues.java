package org.xenwbem.cim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Java representation of CIM values: {@code String} (string, char16), {@code Boolean}, {@code Long}
 * (all integer types), {@code Double} (reals), {@link CimDateTime}, {@link CimObjectPath} (references),
 * {@link CimInstance} (embedded instances) and unmodifiable {@code List}s of those for arrays.
 */
public final class CimValues {
    private CimValues() {
    }

    /** Makes lists unmodifiable; other values are already immutable. */
    public static Object freeze(Object value) {
        if (value instanceof List<?> list) {
            return Collections.unmodifiableList(new ArrayList<>(list));
        }
        return value;
    }

    /** The canonical text form used in both XML encodings for a scalar value. */
    public static String toText(Object value) {
        if (value instanceof Double d) {
            return d.isNaN() ? "NaN" : d.isInfinite() ? (d > 0 ? "INF" : "-INF") : Double.toString(d);
        }
        if (value instanceof Boolean b) {
            return b ? "true" : "false";
        }
        return String.valueOf(value);
    }

    /** Parses the text form of a scalar of the given type; throws IllegalArgumentException on bad input. */
    public static Object parse(CimType type, String text) {
        String t = text.trim();
        switch (type) {
            case BOOLEAN:
                if (t.equalsIgnoreCase("true")) {
                    return Boolean.TRUE;
                }
                if (t.equalsIgnoreCase("false")) {
                    return Boolean.FALSE;
                }
                throw new IllegalArgumentException("not a boolean: " + text);
            case REAL32:
            case REAL64:
                return Double.valueOf(t);
            case DATETIME:
                return CimDateTime.parse(t);
            case STRING:
            case CHAR16:
                return text;
            case REFERENCE:
                throw new IllegalArgumentException("references have no text form");
            default:
                return parseInteger(type, t);
        }
    }

    private static Long parseInteger(CimType type, String t) {
        long v;
        try {
            v = (t.startsWith("0x") || t.startsWith("0X")) ? Long.parseLong(t.substring(2), 16) : Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a " + type.wireName() + ": " + t, e);
        }
        if (v < type.minValue() || v > type.maxValue()) {
            throw new IllegalArgumentException(t + " is out of range for " + type.wireName());
        }
        return v;
    }
}
