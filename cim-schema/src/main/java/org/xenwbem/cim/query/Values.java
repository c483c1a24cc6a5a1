package org.xenwbem.cim.query;

import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Pattern;

import org.xenwbem.cim.CimDateTime;
import org.xenwbem.cim.CimObjectPath;
import org.xenwbem.cim.query.Expression.Operator;

/** Comparison of CIM values as described in the package documentation. */
final class Values {
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d{1,19}");
    private static final Pattern HEX = Pattern.compile("[+-]?0[xX][0-9a-fA-F]{1,16}");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d++(\\.\\d*+)?|\\.\\d++)([eE][+-]?\\d{1,4})?");

    private Values() {
    }

    /** {@code a op b}; false when either is null or they are incomparable; arrays: any element. */
    static boolean test(Object a, Operator op, Object b) {
        if (a == null || b == null) {
            return false;
        }
        if (a instanceof List<?> list) {
            return list.stream().anyMatch(e -> test(e, op, b));
        }
        if (b instanceof List<?> list) {
            return list.stream().anyMatch(e -> test(a, op, e));
        }
        if (op.isOrdering() && (isEqualityOnly(a) || isEqualityOnly(b))) {
            return false;
        }
        Integer cmp = compare(a, b);
        return cmp != null && op.accepts(cmp);
    }

    private static boolean isEqualityOnly(Object v) {
        return v instanceof Boolean || v instanceof CimObjectPath;
    }

    /** Three-way comparison, or null when the two values cannot be compared. */
    static Integer compare(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return compareNumbers(x, y);
        }
        if (a instanceof String s && b instanceof String t) {
            return String.CASE_INSENSITIVE_ORDER.compare(s, t);
        }
        if (a instanceof String s) {
            Integer reversed = compare(b, s);
            return reversed == null ? null : -reversed;
        }
        if (b instanceof String s) {
            return compareWithText(a, s);
        }
        if (a instanceof Boolean x && b instanceof Boolean y) {
            return Boolean.compare(x, y);
        }
        if (a instanceof CimDateTime x && b instanceof CimDateTime y) {
            return compareDateTimes(x, y);
        }
        if (a instanceof CimObjectPath x && b instanceof CimObjectPath y) {
            return x.equals(y) ? 0 : 1;
        }
        return null;
    }

    /** A non-string value against a string: the string is read as a value of the other's type. */
    private static Integer compareWithText(Object a, String s) {
        if (a instanceof Number x) {
            Number y = parseNumber(s.trim());
            return y == null ? null : compareNumbers(x, y);
        }
        if (a instanceof Boolean x) {
            String t = s.trim();
            boolean valid = t.equalsIgnoreCase("true") || t.equalsIgnoreCase("false");
            return valid ? Boolean.compare(x, Boolean.parseBoolean(t)) : null;
        }
        if (a instanceof CimDateTime x) {
            try {
                return compareDateTimes(x, CimDateTime.parse(s.trim()));
            } catch (IllegalArgumentException e) {
                return null; // not a datetime: the predicate is false, as documented
            }
        }
        return null;
    }

    static Number parseNumber(String s) {
        if (INTEGER.matcher(s).matches() || HEX.matcher(s).matches()) {
            try {
                boolean hex = HEX.matcher(s).matches();
                return hex ? Long.parseLong(s.replaceFirst("0[xX]", ""), 16) : Long.parseLong(s);
            } catch (NumberFormatException e) {
                return null; // beyond the long range
            }
        }
        return DECIMAL.matcher(s).matches() ? Double.valueOf(s) : null;
    }

    static Integer compareNumbers(Number a, Number b) {
        if (a instanceof Long x && b instanceof Long y) {
            return Long.compare(x, y);
        }
        double x = a.doubleValue();
        double y = b.doubleValue();
        if (Double.isNaN(x) || Double.isNaN(y)) {
            return null;
        }
        if (Double.isInfinite(x) || Double.isInfinite(y)) {
            return Double.compare(x, y);
        }
        return exact(a).compareTo(exact(b));
    }

    private static BigDecimal exact(Number n) {
        return n instanceof Double d ? new BigDecimal(d) : BigDecimal.valueOf(n.longValue());
    }

    private static Integer compareDateTimes(CimDateTime a, CimDateTime b) {
        if (a.isInterval() != b.isInterval()) {
            return null;
        }
        return a.isInterval() ? a.interval().compareTo(b.interval()) : a.instant().compareTo(b.instant());
    }
}
