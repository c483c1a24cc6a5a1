package org.xenwbem.cim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An instance path: namespace, class and key bindings (values are String, Long, Boolean or a nested
 * CimObjectPath). Key names compare case-insensitively; equality ignores key order.
 */
public final class CimObjectPath {
    private final String namespace;
    private final String className;
    private final Map<String, Object> keys;

    public CimObjectPath(String namespace, String className, Map<String, ?> keys) {
        this.namespace = namespace;
        this.className = Objects.requireNonNull(className, "className");
        this.keys = Collections.unmodifiableMap(new LinkedHashMap<>(keys));
    }

    public String namespace() {
        return namespace;
    }

    public String className() {
        return className;
    }

    public Map<String, Object> keys() {
        return keys;
    }

    /** Case-insensitive key lookup. */
    public Object key(String name) {
        for (Map.Entry<String, Object> e : keys.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    public CimObjectPath withNamespace(String ns) {
        return new CimObjectPath(ns, className, keys);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof CimObjectPath p) || !className.equalsIgnoreCase(p.className) || keys.size() != p.keys.size()) {
            return false;
        }
        for (Map.Entry<String, Object> e : keys.entrySet()) {
            if (!Objects.equals(normal(e.getValue()), normal(p.key(e.getKey())))) {
                return false;
            }
        }
        return true;
    }

    private static Object normal(Object v) {
        return v instanceof CimObjectPath ? v : v == null ? null : CimValues.toText(v);
    }

    @Override
    public int hashCode() {
        return className.toLowerCase(java.util.Locale.ROOT).hashCode() * 31 + keys.size();
    }

    /** The WBEM URI form used in logs: {@code root/cimv2:Class.Key="v",...}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        if (namespace != null) {
            sb.append(namespace).append(':');
        }
        sb.append(className);
        String sep = ".";
        for (Map.Entry<String, Object> e : keys.entrySet()) {
            sb.append(sep).append(e.getKey()).append('=');
            Object v = e.getValue();
            if (v instanceof String s) {
                sb.append('"').append(s.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            } else {
                sb.append(v);
            }
            sep = ",";
        }
        return sb.toString();
    }
}
