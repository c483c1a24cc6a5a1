package org.xenwbem.bridge.sim;

import java.util.List;
import java.util.Map;

/** Lenient readers for call parameters: xapi accepts ints and bools in several XML-RPC forms. */
final class SimArgs {
    private SimArgs() {
    }

    static String str(List<Object> args, int i) {
        Object v = args.get(i);
        if (v instanceof String s) {
            return s;
        }
        throw new SimFault("FIELD_TYPE_ERROR", "param " + i);
    }

    static boolean bool(List<Object> args, int i) {
        Object v = args.get(i);
        if (v instanceof Boolean b) {
            return b;
        }
        if ("true".equals(v) || "1".equals(v)) {
            return true;
        }
        if ("false".equals(v) || "0".equals(v)) {
            return false;
        }
        throw new SimFault("FIELD_TYPE_ERROR", "param " + i);
    }

    static long int64(List<Object> args, int i) {
        Object v = args.get(i);
        try {
            if (v instanceof Number n) {
                return n.longValue();
            }
            return Long.parseLong(String.valueOf(v).trim());
        } catch (NumberFormatException e) {
            throw new SimFault("FIELD_TYPE_ERROR", "param " + i);
        }
    }

    static double dbl(List<Object> args, int i) {
        Object v = args.get(i);
        try {
            if (v instanceof Number n) {
                return n.doubleValue();
            }
            return Double.parseDouble(String.valueOf(v).trim());
        } catch (NumberFormatException e) {
            throw new SimFault("FIELD_TYPE_ERROR", "param " + i);
        }
    }

    /** A struct parameter (a record for {@code create}, a map such as {@code options}). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> struct(List<Object> args, int i) {
        Object v = args.get(i);
        if (v instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw new SimFault("FIELD_TYPE_ERROR", "param " + i);
    }

    /** An optional parameter: {@code fallback} when the caller omitted it (a defaulted parameter). */
    static Object optional(List<Object> args, int i, Object fallback) {
        return i < args.size() ? args.get(i) : fallback;
    }

    /** An int field of a record parameter; 0 when absent, FIELD_TYPE_ERROR when not a number. */
    static long longField(Map<String, Object> rec, String field) {
        Object v = rec.get(field);
        if (v == null) {
            return 0;
        }
        return int64(List.of(v), 0);
    }

    /** A bool field of a record parameter; false when absent. */
    static boolean boolField(Map<String, Object> rec, String field) {
        Object v = rec.get(field);
        return v != null && bool(List.of(v), 0);
    }

    /** A string-map field of a record parameter; empty when absent. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> mapField(Map<String, Object> rec, String field) {
        return rec.get(field) instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }
}
