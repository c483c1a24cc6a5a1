package org.xenwbem.bridge.sim;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Host maintenance (xenapi.md §3.2): host.disable/enable (a disabled host gets no new VMs:
 * HOST_DISABLED; a host that is down answers HOST_OFFLINE, as xapi cannot forward the call to it), host.get_vms_which_prevent_evacuation, host.evacuate (migrates every resident
 * guest to another enabled host with room; CANNOT_EVACUATE_HOST when some cannot go), and the
 * {@code add_to_other_config}/{@code remove_from_other_config} pair of the classes that have it
 * (MAP_DUPLICATE_KEY on an existing key) and their {@code set_other_config} (the whole map replaced), which XenCenter uses for {@code MAINTENANCE_MODE}. The
 * VM's other maps (xenstore_data, ...) have theirs in {@link SimVmCreate}.
 */
final class SimHostOps {
    private static final String HOST = "host";
    private static final String VM = "VM";
    private static final List<String> OTHER_CONFIG_CLASSES = List.of("pool", "host", "VM", "SR", "VDI", "VBD",
            "VIF", "network", "PIF", "PBD", "task");

    private final SimDatabase db;
    private final SimVmPower power;

    SimHostOps(SimDatabase db, SimVmPower power) {
        this.db = db;
        this.power = power;
    }

    void register(Map<String, SimMethod> m) {
        m.put("host.disable", SimMethod.action(2, "host.disable", (s, a) -> enable(SimArgs.str(a, 0), false)));
        m.put("host.enable", SimMethod.action(2, "host.enable", (s, a) -> enable(SimArgs.str(a, 0), true)));
        m.put("host.evacuate", SimMethod.action(2, 4, "host.evacuate", (s, a) -> evacuate(SimArgs.str(a, 0))));
        m.put("host.get_vms_which_prevent_evacuation", SimMethod.action(2, "host.get_vms_which_prevent_evacuation",
                (s, a) -> db.atomically(() -> blockers(SimArgs.str(a, 0)))));
        for (String cls : OTHER_CONFIG_CLASSES) {
            mapMethods(m, cls, "other_config");
        }
    }

    /** {@code <cls>.add_to_<field>} and {@code <cls>.remove_from_<field>} of a (string → string) map field. */
    private void mapMethods(Map<String, SimMethod> m, String cls, String field) {
        String perm = cls.toLowerCase(Locale.ROOT);
        m.put(cls + ".add_to_" + field, SimMethod.write(4, perm + ".add_to_" + field, (s, a) ->
                addToMap(cls, field, SimArgs.str(a, 0), SimArgs.str(a, 1), SimArgs.str(a, 2))));
        m.put(cls + ".set_" + field, SimMethod.write(3, perm + ".set_" + field, (s, a) -> db.atomically(() -> {
            db.record(cls, SimArgs.str(a, 0));
            db.set(cls, SimArgs.str(a, 0), field, stringMap(a.get(1)));
            return "";
        })));
        m.put(cls + ".remove_from_" + field, SimMethod.write(3, perm + ".remove_from_" + field,
                (s, a) -> db.atomically(() -> {
                    db.record(cls, SimArgs.str(a, 0));
                    db.putInMap(cls, SimArgs.str(a, 0), field, SimArgs.str(a, 1), null);
                    return "";
                })));
    }

    /** A (string → string) map argument; anything else is FIELD_TYPE_ERROR, as xapi's unmarshalling says. */
    private static Map<String, String> stringMap(Object arg) {
        if (!(arg instanceof Map<?, ?> in)) {
            throw new SimFault("FIELD_TYPE_ERROR", "value");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : in.entrySet()) {
            if (!(e.getKey() instanceof String k) || !(e.getValue() instanceof String v)) {
                throw new SimFault("FIELD_TYPE_ERROR", "value");
            }
            out.put(k, v);
        }
        return out;
    }

    private Object enable(String host, boolean enabled) {
        return db.atomically(() -> {
            db.record(HOST, host);
            if (!Boolean.TRUE.equals(db.get("host_metrics", (String) db.get(HOST, host, "metrics"), "live"))) {
                throw new SimFault("HOST_OFFLINE", host);
            }
            db.set(HOST, host, "enabled", enabled);
            List<String> ops = new ArrayList<>(List.of("provision", "evacuate", "shutdown", "reboot"));
            if (enabled) {
                ops.addAll(List.of("vm_start", "vm_resume", "vm_migrate"));
            } else {
                ops.add("enable");
            }
            db.set(HOST, host, "allowed_operations", ops);
            return "";
        });
    }

    private Object addToMap(String cls, String field, String ref, String key, String value) {
        return db.atomically(() -> {
            Map<?, ?> current = (Map<?, ?>) db.get(cls, ref, field);
            if (current.containsKey(key)) {
                throw new SimFault("MAP_DUPLICATE_KEY", cls, field, (String) db.get(cls, ref, "uuid"), key);
            }
            db.putInMap(cls, ref, field, key, value);
            return "";
        });
    }

    /** Every resident guest of {@code host} goes to another host; CANNOT_EVACUATE_HOST if any cannot. */
    private Object evacuate(String host) {
        return db.atomically(() -> {
            Map<String, String> plan = new LinkedHashMap<>();
            Map<String, List<String>> blockers = plan(host, plan);
            if (!blockers.isEmpty()) {
                List<String> errors = new ArrayList<>();
                blockers.forEach((vm, error) -> errors.add(vm + ":" + String.join(",", error)));
                throw new SimFault("CANNOT_EVACUATE_HOST", String.join(";", errors));
            }
            plan.forEach(power::migrate);
            return "";
        });
    }

    /** host.get_vms_which_prevent_evacuation: VM ref → [code, params…] for each guest with nowhere to go. */
    private Map<String, List<String>> blockers(String host) {
        return plan(host, new LinkedHashMap<>());
    }

    /** Places the host's guests (largest first) on other usable hosts; fills {@code plan}, returns the blockers. */
    private Map<String, List<String>> plan(String host, Map<String, String> plan) {
        db.record(HOST, host);
        Map<String, Long> free = new HashMap<>();
        for (String h : db.refs(HOST)) {
            free.put(h, power.freeMemory(h));
        }
        List<String> guests = new ArrayList<>();
        for (Object vm : (List<?>) db.get(HOST, host, "resident_VMs")) {
            if (!Boolean.TRUE.equals(db.get(VM, (String) vm, "is_control_domain"))) {
                guests.add((String) vm);
            }
        }
        guests.sort((a, b) -> Long.compare(power.memoryNeeded(b), power.memoryNeeded(a)));
        Map<String, List<String>> blockers = new LinkedHashMap<>();
        for (String vm : guests) {
            String target = target(host, vm, free);
            if (target == null) {
                blockers.put(vm, List.of("NO_HOSTS_AVAILABLE"));
            } else {
                plan.put(vm, target);
                free.merge(target, -power.memoryNeeded(vm), Long::sum);
            }
        }
        return blockers;
    }

    private String target(String from, String vm, Map<String, Long> free) {
        String best = null;
        for (String h : db.refs(HOST)) {
            boolean usable = !h.equals(from) && possible(vm, h) && free.get(h) >= power.memoryNeeded(vm);
            if (usable && (best == null || free.get(h) > free.get(best))) {
                best = h;
            }
        }
        return best;
    }

    private boolean possible(String vm, String host) {
        try {
            power.assertCanBootHere(vm, host);
            return true;
        } catch (SimFault f) {
            return false;
        }
    }
}
