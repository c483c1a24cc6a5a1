package org.xenwbem.provider.writes;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.xenwbem.bridge.ops.FieldOps;
import org.xenwbem.bridge.ops.XenFailure;
import org.xenwbem.provider.cimom.CimException;
import org.xenwbem.provider.cimom.CimStatus;

/**
 * One writable CIM property, the XenAPI field behind it and how the field is read from a mirrored
 * record of type {@code R}.
 *
 * @param property the CIM property, as the schema spells it
 * @param xapiField the XenAPI field, as the datamodel spells it (setter {@code set_<field>})
 * @param kind how values convert and which setters change them
 * @param current the field's value in a mirrored record
 * @param <R> the bridge record the field is read from
 */
record WritableProperty<R>(String property, String xapiField, Kind kind, Function<R, Object> current) {
    /** How a CIM value maps to a XenAPI field. */
    enum Kind {
        /** A string ↔ a string field, through {@code set_<field>}; NULL sets the empty string. */
        TEXT,
        /**
         * An array of {@code key=value} strings ↔ a (string → string) map, changed key by key with
         * {@code remove_from_<field>} and {@code add_to_<field>}, so that keys nobody touched (and
         * xapi's per-key permissions) are left alone; NULL empties the map.
         */
        KEY_VALUES,
        /** A string array ↔ a string set, replaced whole with {@code set_<field>}; NULL empties it. */
        SET
    }

    static <R> WritableProperty<R> text(String property, String xapiField, Function<R, Object> current) {
        return new WritableProperty<>(property, xapiField, Kind.TEXT, current);
    }

    /** ElementName ↔ {@code name_label}, as most editable objects have it. */
    static <R> WritableProperty<R> elementName(Function<R, Object> current) {
        return text("ElementName", "name_label", current);
    }

    /** Description ↔ {@code name_description}. */
    static <R> WritableProperty<R> description(Function<R, Object> current) {
        return text("Description", "name_description", current);
    }

    /** OtherConfig ↔ {@code other_config}. */
    static <R> WritableProperty<R> otherConfig(Function<R, Object> current) {
        return keyValues("OtherConfig", "other_config", current);
    }

    static <R> WritableProperty<R> keyValues(String property, String xapiField, Function<R, Object> current) {
        return new WritableProperty<>(property, xapiField, Kind.KEY_VALUES, current);
    }

    static <R> WritableProperty<R> set(String property, String xapiField, Function<R, Object> current) {
        return new WritableProperty<>(property, xapiField, Kind.SET, current);
    }

    /** The XenAPI value a CIM value asks for; INVALID_PARAMETER when it is malformed. */
    Object wanted(Object cimValue) throws CimException {
        return switch (kind) {
            case TEXT -> cimValue == null ? "" : String.valueOf(cimValue);
            case SET -> cimValue == null ? List.of() : List.copyOf(new LinkedHashSet<>(strings(cimValue)));
            case KEY_VALUES -> cimValue == null ? Map.of() : map(strings(cimValue));
        };
    }

    /** True when {@code record} holds {@code wanted} already (sets compare without order). */
    boolean holds(R record, Object wanted) {
        Object now = current.apply(record);
        if (kind == Kind.SET && now instanceof List<?> l && wanted instanceof List<?> w) {
            return new LinkedHashSet<>(l).equals(new LinkedHashSet<>(w));
        }
        return Objects.equals(now, wanted);
    }

    /** Changes the field of the object {@code uuid} from its value in {@code record} to {@code wanted}. */
    @SuppressWarnings("unchecked")
    void apply(FieldOps ops, FieldOps.Target target, String uuid, R record, Object wanted) throws XenFailure {
        if (kind != Kind.KEY_VALUES) {
            ops.set(target, uuid, xapiField, wanted);
            return;
        }
        Map<String, String> now = (Map<String, String>) current.apply(record);
        Map<String, String> want = (Map<String, String>) wanted;
        for (String key : now.keySet()) {
            if (!want.containsKey(key)) {
                ops.removeFromMap(target, uuid, xapiField, key);
            }
        }
        for (Map.Entry<String, String> e : want.entrySet()) {
            if (!e.getValue().equals(now.get(e.getKey()))) {
                ops.removeFromMap(target, uuid, xapiField, e.getKey()); // a no-op unless the key is there
                ops.addToMap(target, uuid, xapiField, e.getKey(), e.getValue());
            }
        }
    }

    private List<String> strings(Object cimValue) throws CimException {
        if (!(cimValue instanceof List<?> l)) {
            throw invalid(property + " is an array of strings");
        }
        return l.stream().map(v -> v == null ? "" : String.valueOf(v)).toList();
    }

    private Map<String, String> map(List<String> entries) throws CimException {
        Map<String, String> out = new LinkedHashMap<>();
        for (String entry : entries) {
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw invalid(property + " holds key=value strings; '" + printable(entry) + "' is not one");
            }
            if (out.put(entry.substring(0, eq), entry.substring(eq + 1)) != null) {
                throw invalid(property + " names the key '" + printable(entry.substring(0, eq)) + "' twice");
            }
        }
        return out;
    }

    private static String printable(String s) {
        String clean = s.replaceAll("[^ -~]", "?");
        return clean.length() > 80 ? clean.substring(0, 80) + "..." : clean;
    }

    private static CimException invalid(String message) {
        return new CimException(CimStatus.INVALID_PARAMETER, message);
    }
}
