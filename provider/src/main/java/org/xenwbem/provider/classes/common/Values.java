package org.xenwbem.provider.classes.common;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Small value conversions shared by the family's providers. */
public final class Values {
    private Values() {
    }

    /** XenAPI maps as the anchor's {@code key=value} string arrays, sorted by key. */
    public static List<String> keyValues(Map<String, String> map) {
        List<String> out = new ArrayList<>(map.size());
        new TreeMap<>(map).forEach((k, v) -> out.add(k + "=" + v));
        return out;
    }

    /** Null for "" (XenAPI's way of saying "unset"), else the text. */
    public static String orNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    /** A key of a path or key map as text; "" when absent. */
    public static String text(Map<String, Object> keys, String name) {
        Object v = keys.get(name);
        return v == null ? "" : v.toString();
    }

    /** A 0..1 load as an integer percentage, clamped. */
    public static long percent(double load) {
        return Math.max(0, Math.min(100, Math.round(load * 100)));
    }

    public static <T> Optional<T> when(boolean test, Optional<T> value) {
        return test ? value : Optional.empty();
    }
}
