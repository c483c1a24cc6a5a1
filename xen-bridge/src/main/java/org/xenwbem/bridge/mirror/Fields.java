package org.xenwbem.bridge.mirror;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Lenient readers for decoded XenAPI record fields (missing fields read as empty/zero/false). */
final class Fields {
    static final String NULL_REF = "OpaqueRef:NULL";
    /**
     * Map values up to this length are interned: the keys, flags, versions and names that repeat across
     * thousands of records (platform, os_version, other_config…) are then held once. Longer values are
     * mostly unique (locations, addresses, descriptions) and kept as they are.
     */
    static final int SHARED_VALUE_MAX = 64;

    private Fields() {
    }

    static String str(Map<String, Object> rec, String field) {
        Object v = rec.get(field);
        return v == null ? "" : v.toString();
    }

    static boolean bool(Map<String, Object> rec, String field) {
        Object v = rec.get(field);
        return v instanceof Boolean b ? b : "true".equals(v) || "1".equals(v);
    }

    static long int64(Map<String, Object> rec, String field) {
        Object v = rec.get(field);
        if (v instanceof Number n) {
            return n.longValue();
        }
        try {
            return v == null ? 0 : Long.parseLong(v.toString().trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static double dbl(Map<String, Object> rec, String field) {
        Object v = rec.get(field);
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        try {
            return v == null ? 0 : Double.parseDouble(v.toString().trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** A short enum-like string (power state, type, mode), interned so that records share one copy. */
    static String sym(Map<String, Object> rec, String field) {
        return str(rec, field).intern();
    }

    /** A string set (error_info, allowed_operations, tags), each element as text. */
    static List<String> strings(Map<String, Object> rec, String field) {
        List<?> l = list(rec, field);
        if (l.isEmpty()) {
            return List.of();
        }
        List<String> out = new ArrayList<>(l.size());
        l.forEach(o -> out.add(String.valueOf(o).intern()));
        return out;
    }

    /** A date; null when absent or the epoch (xapi's "unset"). */
    static Instant instant(Map<String, Object> rec, String field) {
        Object v = rec.get(field);
        if (v instanceof String s && !s.isEmpty()) {
            try {
                v = org.xenwbem.bridge.xmlrpc.XmlRpcReader.parseDateTime(s); // JSON-RPC carries dates as strings
            } catch (org.xenwbem.bridge.xmlrpc.XmlRpcFormatException e) {
                return null;
            }
        }
        return v instanceof Instant t && !t.equals(Instant.EPOCH) ? t : null;
    }

    /** A string → string map, keys interned and short values too ({@link #SHARED_VALUE_MAX}); empty: shared. */
    static Map<String, String> stringMap(Map<String, Object> rec, String field) {
        if (!(rec.get(field) instanceof Map<?, ?> m) || m.isEmpty()) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(String.valueOf(k).intern(), shared(v == null ? "" : v.toString())));
        return out;
    }

    /** {@code s} interned when it is short enough to be one of a few values repeated across records. */
    static String shared(String s) {
        return s.length() <= SHARED_VALUE_MAX ? s.intern() : s;
    }

    static List<?> list(Map<String, Object> rec, String field) {
        return rec.get(field) instanceof List<?> l ? l : List.of();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> struct(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /** Epoch seconds as xapi writes them in other_config ("1717200000." or "1717200000.5"); null if unparsable. */
    static Instant epochSeconds(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            double seconds = Double.parseDouble(s.trim());
            long whole = (long) Math.floor(seconds);
            return Instant.ofEpochSecond(whole, (long) ((seconds - whole) * 1e9));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
