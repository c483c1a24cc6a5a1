package org.xenwbem.bridge.mirror;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The mirror's working copy: decoded records by event class ({@code vm}, {@code host}, …) and ref.
 * Owned by the mirror thread; not thread-safe.
 */
final class ObjectStore {
    /** Wire class name (for get_all_records) → event class name (for event.from). */
    static final Map<String, String> CLASSES = Map.of("pool", "pool", "host", "host",
            "host_metrics", "host_metrics", "VM", "vm", "VM_metrics", "vm_metrics", "SR", "sr");
    static final List<String> EVENT_CLASSES = List.copyOf(CLASSES.values());

    private final Map<String, Map<String, Map<String, Object>>> tables = new HashMap<>();

    void clear() {
        tables.clear();
    }

    void replace(String eventClass, Map<String, Object> recordsByRef) {
        Map<String, Map<String, Object>> table = new HashMap<>();
        recordsByRef.forEach((ref, rec) -> table.put(ref, Fields.struct(rec)));
        tables.put(eventClass, table);
    }

    /** Applies one event; returns true when it concerned a mirrored class. */
    boolean apply(String eventClass, String operation, String ref, Object snapshot) {
        if (!EVENT_CLASSES.contains(eventClass)) {
            return false;
        }
        Map<String, Map<String, Object>> table = tables.computeIfAbsent(eventClass, c -> new HashMap<>());
        if ("del".equals(operation)) {
            return table.remove(ref) != null;
        }
        if (!(snapshot instanceof Map<?, ?>)) {
            return false;
        }
        table.put(ref, Fields.struct(snapshot));
        return true;
    }

    Map<String, Map<String, Object>> table(String eventClass) {
        return tables.getOrDefault(eventClass, Map.of());
    }

    Map<String, Object> get(String eventClass, String ref) {
        Map<String, Object> rec = table(eventClass).get(ref);
        return rec == null ? Map.of() : rec;
    }

    /** The uuid of the object behind {@code ref}, or "" for OpaqueRef:NULL or an unknown ref. */
    String uuidOf(String eventClass, String ref) {
        return Fields.str(get(eventClass, ref), "uuid");
    }
}
