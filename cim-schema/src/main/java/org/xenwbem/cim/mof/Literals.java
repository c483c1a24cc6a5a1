package org.xenwbem.cim.mof;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import org.xenwbem.cim.CimDateTime;
import org.xenwbem.cim.CimType;

/**
 * Converts parsed MOF literals to the Java form of CIM values ({@link org.xenwbem.cim.CimValues}).
 * A parsed literal is a String, Character, BigInteger, Double, Boolean, null, or a List of those
 * (an array initializer).
 */
final class Literals {
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private Literals() {
    }

    /**
     * The value of {@code raw} as {@code type} (an array when {@code array}); errors name the
     * target as "{kind} {name}". With {@code wrapScalar}, a scalar given for an array becomes a
     * one-element list (qualifiers allow {@code Deprecated("x")} for {@code Deprecated {"x"}}).
     */
    static Object convert(Object raw, CimType type, boolean array, boolean wrapScalar,
                          SourcePosition at, String kind, String name) {
        if (raw == null) {
            return null;
        }
        String what = String.join(" ", kind, name);
        if (raw instanceof List<?> list) {
            if (!array) {
                throw at.error(what + " is a scalar " + type.wireName() + " but was given an array value");
            }
            List<Object> out = new ArrayList<>(list.size());
            for (Object element : list) {
                if (element == null) {
                    throw at.error(what + ": null is not allowed inside an array value");
                }
                out.add(scalar(element, type, at, what));
            }
            return out;
        }
        if (array) {
            if (!wrapScalar) {
                throw at.error(what + " is a " + type.wireName() + " array: write the value as { ... }");
            }
            return List.of(scalar(raw, type, at, what));
        }
        return scalar(raw, type, at, what);
    }

    private static Object scalar(Object raw, CimType type, SourcePosition at, String what) {
        Object v = switch (type) {
            case STRING -> raw instanceof String || raw instanceof Character ? raw.toString() : null;
            case CHAR16 -> char16(raw);
            case BOOLEAN -> raw instanceof Boolean ? raw : null;
            case REAL32, REAL64 -> raw instanceof BigInteger i ? Double.valueOf(i.doubleValue())
                    : raw instanceof Double ? raw : null;
            case DATETIME -> raw instanceof String s ? datetime(s, at, what) : null;
            case REFERENCE -> throw at.error(what + ": reference values other than null are not supported");
            default -> raw instanceof BigInteger i ? integer(i, type, at, what) : null;
        };
        if (v == null) {
            throw at.error("expected a " + type.wireName() + " value for " + what + " but found " + describe(raw));
        }
        return v;
    }

    private static Object char16(Object raw) {
        if (raw instanceof Character c) {
            return c.toString();
        }
        return raw instanceof String s && s.length() == 1 ? s : null;
    }

    private static Long integer(BigInteger v, CimType type, SourcePosition at, String what) {
        if (v.compareTo(LONG_MIN) < 0 || v.compareTo(LONG_MAX) > 0
                || v.longValue() < type.minValue() || v.longValue() > type.maxValue()) {
            throw at.error(v + " is out of range for " + type.wireName() + " (" + what + ")");
        }
        return v.longValue();
    }

    private static CimDateTime datetime(String s, SourcePosition at, String what) {
        try {
            return CimDateTime.parse(s);
        } catch (IllegalArgumentException e) {
            throw at.error(what + ": \"" + s + "\" is not a CIM datetime (yyyymmddhhmmss.mmmmmmsutc "
                    + "or ddddddddhhmmss.mmmmmm:000)");
        }
    }

    /** How a raw literal is named in errors. */
    static String describe(Object raw) {
        if (raw instanceof String s) {
            return "string \"" + s + "\"";
        }
        if (raw instanceof Character c) {
            return "char16 '" + c + "'";
        }
        if (raw instanceof BigInteger i) {
            return "integer " + i;
        }
        if (raw instanceof Double d) {
            return "real " + d;
        }
        if (raw instanceof Boolean b) {
            return "boolean " + b;
        }
        return raw instanceof List ? "an array" : "null";
    }
}
