package org.xenwbem.bridge.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The implicit messages every simulated class has: {@code get_all}, {@code get_all_records},
 * {@code get_record}, {@code get_by_uuid} (UUID_INVALID), {@code get_by_name_label} and
 * {@code get_<field>} (HANDLE_INVALID on an unknown ref).
 */
final class SimGetters {
    static final Set<String> CLASSES = Set.of("pool", "host", "host_metrics", "host_cpu", "VM", "VM_metrics",
            "VM_guest_metrics", "SR", "PBD", "VDI", "VBD", "network", "VIF", "PIF", "Bond", "VLAN", "console", "task");

    private final SimDatabase db;

    SimGetters(SimDatabase db) {
        this.db = db;
    }

    /** The getter behind {@code Class.message}, if it is one. */
    Optional<SimMethod> resolve(String cls, String message) {
        if (!CLASSES.contains(cls)) {
            return Optional.empty();
        }
        switch (message) {
            case "get_all":
                return Optional.of(SimMethod.read(1, (s, a) -> db.refs(cls)));
            case "get_all_records":
                return Optional.of(SimMethod.read(1, (s, a) -> db.records(cls)));
            case "get_record":
                return Optional.of(SimMethod.read(2, (s, a) -> db.record(cls, SimArgs.str(a, 0))));
            case "get_by_uuid":
                return Optional.of(SimMethod.read(2, (s, a) -> db.refByUuid(cls, SimArgs.str(a, 0))));
            default:
                break;
        }
        Set<String> fields = db.fieldNames(cls);
        if ("get_by_name_label".equals(message) && fields.contains("name_label")) {
            return Optional.of(SimMethod.read(2, (s, a) -> byName(cls, SimArgs.str(a, 0))));
        }
        if (message.startsWith("get_") && fields.contains(message.substring(4))) {
            String field = message.substring(4);
            return Optional.of(SimMethod.read(2, (s, a) -> db.get(cls, SimArgs.str(a, 0), field)));
        }
        return Optional.empty();
    }

    private List<String> byName(String cls, String name) {
        List<String> refs = new ArrayList<>();
        for (Map.Entry<String, Map<String, Object>> e : db.records(cls).entrySet()) {
            if (name.equals(e.getValue().get("name_label"))) {
                refs.add(e.getKey());
            }
        }
        return refs;
    }
}
