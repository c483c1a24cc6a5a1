package org.xenwbem.cim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * An instance of a resolved class: one value (possibly null) per property the class declares, in
 * the class's property order. Immutable; build with {@link #builder(CimClass)}, which refuses
 * properties the class does not have and values of the wrong Java type.
 */
public final class CimInstance {
    private final CimClass cimClass;
    private final String namespace;
    private final Map<String, Object> values;

    private CimInstance(CimClass cimClass, String namespace, Map<String, Object> values) {
        this.cimClass = cimClass;
        this.namespace = namespace;
        this.values = values instanceof PropertyValues ? values : Collections.unmodifiableMap(values);
    }

    public CimClass cimClass() {
        return cimClass;
    }

    public String className() {
        return cimClass.name();
    }

    public String namespace() {
        return namespace;
    }

    /** The value of a property (case-insensitive), or null when unset or unknown. */
    public Object get(String property) {
        CimProperty p = cimClass.property(property);
        return p == null ? null : values.get(p.name());
    }

    /** The properties of this instance with their values (null when unset), in class order. */
    public Map<String, Object> values() {
        return values;
    }

    public CimObjectPath path() {
        Map<String, Object> keys = new LinkedHashMap<>();
        for (String k : cimClass.keyNames()) {
            keys.put(k, values.get(k));
        }
        return new CimObjectPath(namespace, cimClass.name(), keys);
    }

    /**
     * A copy holding only the listed properties (plus keys, which identify it); null list = all.
     * The others are absent, not null: encoders leave them out (DSP0200 PropertyList, WQL SELECT).
     */
    public CimInstance project(List<String> propertyList) {
        if (propertyList == null) {
            return this;
        }
        List<String> names = new ArrayList<>();
        List<Object> kept = new ArrayList<>();
        for (Map.Entry<String, Object> e : values.entrySet()) {
            CimProperty p = cimClass.property(e.getKey());
            if (p.isKey() || propertyList.stream().anyMatch(n -> n.equalsIgnoreCase(p.name()))) {
                names.add(e.getKey());
                kept.add(e.getValue());
            }
        }
        return new CimInstance(cimClass, namespace,
                new PropertyValues(new PropertyValues.Layout(names), kept.toArray()));
    }

    /** True when the property is part of this instance (false for one left out by a projection). */
    public boolean has(String property) {
        CimProperty p = cimClass.property(property);
        return p != null && values.containsKey(p.name());
    }

    public static Builder builder(CimClass cimClass) {
        return new Builder(cimClass);
    }

    @Override
    public String toString() {
        return "CimInstance[" + path() + "]";
    }

    /** Builder; {@link #set} validates names and value types against the class. */
    public static final class Builder {
        private final CimClass cimClass;
        private final PropertyValues.Layout layout;
        private final Object[] values;
        private String namespace;

        private Builder(CimClass cimClass) {
            this.cimClass = Objects.requireNonNull(cimClass);
            this.layout = PropertyValues.layoutOf(cimClass);
            this.values = layout.defaults.clone();
        }

        public Builder namespace(String ns) {
            this.namespace = ns;
            return this;
        }

        public Builder set(String property, Object value) {
            CimProperty p = cimClass.property(property);
            if (p == null) {
                throw new SchemaException(cimClass.name() + " has no property " + property);
            }
            Object v = coerce(p, value);
            values[layout.index.get(p.name())] = CimValues.freeze(v);
            return this;
        }

        private Object coerce(CimProperty p, Object value) {
            if (value == null) {
                return null;
            }
            if (p.array()) {
                if (!(value instanceof List<?> list)) {
                    throw new SchemaException(p.name() + " is an array");
                }
                return list.stream().map(e -> scalar(p, e)).toList();
            }
            return scalar(p, value);
        }

        private Object scalar(CimProperty p, Object v) {
            boolean ok = switch (p.type()) {
                case STRING, CHAR16 -> v instanceof String;
                case BOOLEAN -> v instanceof Boolean;
                case REAL32, REAL64 -> v instanceof Double;
                case DATETIME -> v instanceof CimDateTime;
                case REFERENCE -> v instanceof CimObjectPath;
                default -> v instanceof Long;
            };
            if (v instanceof Integer i && p.type().isInteger()) {
                return i.longValue();
            }
            if (!ok) {
                throw new SchemaException(p.name() + ": " + v.getClass().getSimpleName()
                        + " is not a " + p.type().name().toLowerCase(Locale.ROOT));
            }
            return v;
        }

        public CimInstance build() {
            return new CimInstance(cimClass, namespace, new PropertyValues(layout, values.clone()));
        }
    }
}
