package org.xenwbem.bridge.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The explicit (non-getter) messages the simulator implements: session queries and logout, VM power
 * operations (all {@code Async}-capable), VM name and memory setters, task cancel/destroy and
 * {@code event.from}, plus the messages of {@link SimVmOps}, {@link SimVmCreate}, {@link SimVdis}, {@link SimSrs},
 * {@link SimDeviceOps}, {@link SimHostOps}, {@link SimHostPower}, {@link SimNetworks}, {@link SimBonds}
 * and {@link SimNames}. Permissions are the lower-case message names.
 */
final class SimMessages {
    private SimMessages() {
    }

    static void register(Map<String, SimMethod> m, SimDatabase db, SimSessions sessions, SimVmPower power,
                         SimTasks tasks, String masterRef) {
        registerSession(m, sessions, masterRef);
        for (String op : SimVmPower.operations()) {
            int arity = switch (op) {
                case "start", "resume" -> 4;
                case "start_on" -> 5;
                default -> 2;
            };
            m.put("VM." + op, SimMethod.action(arity, "vm." + op, (s, a) -> power.perform(op, a)));
        }
        registerVmSetters(m, db);
        SimNames.register(m, db);
        SimDevices devices = power.runtime().devices();
        SimVdis vdis = new SimVdis(db, devices);
        vdis.register(m);
        new SimSrs(db, devices).register(m);
        new SimDeviceOps(db, devices).register(m);
        new SimVmOps(db, power, new SimVmCopier(db, devices, vdis)).register(m);
        new SimVmCreate(db).register(m);
        new SimHostOps(db, power).register(m);
        new SimHostPower(db, tasks.delay().multipliedBy(5)).register(m);
        new SimNetworks(db).register(m);
        new SimBonds(db).register(m);
        new SimMigration(db, power, vdis).register(m);
        m.put("task.create", SimMethod.read(3, (s, a) -> tasks.create(SimArgs.str(a, 0), SimArgs.str(a, 1))));
        m.put("task.cancel", SimMethod.write(2, "task.cancel", (s, a) -> tasks.cancel(SimArgs.str(a, 0))));
        m.put("task.destroy", SimMethod.write(2, "task.destroy", (s, a) -> tasks.destroy(SimArgs.str(a, 0))));
        SimEvents events = new SimEvents(db);
        m.put("event.from", SimMethod.read(4, (s, a) ->
                events.from(list(a.get(0)), SimArgs.str(a, 1), SimArgs.dbl(a, 2))));
    }

    private static void registerSession(Map<String, SimMethod> m, SimSessions sessions, String masterRef) {
        m.put("session.logout", SimMethod.read(1, (s, a) -> {
            sessions.logout(s.ref());
            return "";
        }));
        // a session's uuid is derived one-way from its ref: stable, and it gives the ref away to nobody
        m.put("session.get_uuid", SimMethod.read(2, (s, a) -> java.util.UUID.nameUUIDFromBytes(
                sessions.lookup(a.get(0)).ref().getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString()));
        m.put("session.get_this_host", SimMethod.read(2, (s, a) -> sessions.lookup(a.get(0)).hostRef()));
        m.put("session.get_this_user", SimMethod.read(2, (s, a) -> {
            sessions.lookup(a.get(0));
            return SimDatabase.NULL_REF;
        }));
        m.put("session.get_is_local_superuser", SimMethod.read(2, (s, a) ->
                sessions.lookup(a.get(0)).user().localSuperuser()));
        m.put("session.get_auth_user_name", SimMethod.read(2, (s, a) -> sessions.lookup(a.get(0)).user().name()));
        m.put("session.get_originator", SimMethod.read(2, (s, a) -> sessions.lookup(a.get(0)).originator()));
        m.put("session.get_rbac_permissions", SimMethod.read(2, (s, a) ->
                new ArrayList<>(sessions.lookup(a.get(0)).user().role().permissions())));
    }

    private static void registerVmSetters(Map<String, SimMethod> m, SimDatabase db) {
        for (String field : List.of("name_label", "name_description")) {
            m.put("VM.set_" + field, SimMethod.write(3, "vm.set_" + field, (s, a) -> {
                db.atomically(() -> {
                    db.set("VM", SimArgs.str(a, 0), field, SimArgs.str(a, 1));
                    return null;
                });
                return "";
            }));
        }
        for (String field : List.of("static_min", "static_max", "dynamic_min", "dynamic_max")) {
            m.put("VM.set_memory_" + field, SimMethod.write(3, "vm.set_memory_" + field, (s, a) ->
                    setMemory(db, SimArgs.str(a, 0), Map.of("memory_" + field, SimArgs.int64(a, 1)))));
        }
        m.put("VM.set_memory_limits", SimMethod.write(6, "vm.set_memory_limits", (s, a) ->
                setMemory(db, SimArgs.str(a, 0), Map.of("memory_static_min", SimArgs.int64(a, 1),
                        "memory_static_max", SimArgs.int64(a, 2), "memory_dynamic_min", SimArgs.int64(a, 3),
                        "memory_dynamic_max", SimArgs.int64(a, 4)))));
        m.put("VM.set_memory_dynamic_range", SimMethod.write(4, "vm.set_memory_dynamic_range", (s, a) ->
                setMemory(db, SimArgs.str(a, 0), Map.of("memory_dynamic_min", SimArgs.int64(a, 1),
                        "memory_dynamic_max", SimArgs.int64(a, 2)))));
        m.put("VM.set_memory_static_range", SimMethod.write(4, "vm.set_memory_static_range", (s, a) ->
                setMemory(db, SimArgs.str(a, 0), Map.of("memory_static_min", SimArgs.int64(a, 1),
                        "memory_static_max", SimArgs.int64(a, 2)))));
        m.put("VM.set_memory", SimMethod.write(3, "vm.set_memory", (s, a) -> {
            long v = SimArgs.int64(a, 1);
            return setMemory(db, SimArgs.str(a, 0), Map.of("memory_static_max", v, "memory_dynamic_min", v,
                    "memory_dynamic_max", v));
        }));
    }

    /**
     * Applies memory fields if static_min ≤ dynamic_min ≤ dynamic_max ≤ static_max still holds. A static
     * limit changes only while the VM is halted (xapi's set_memory_limits / set_memory_static_range;
     * the control domain excepted): VM_BAD_POWER_STATE [vm; halted; actual] otherwise.
     */
    private static Object setMemory(SimDatabase db, String vm, Map<String, Long> changes) {
        return db.atomically(() -> {
            Map<String, Object> rec = db.record("VM", vm);
            String state = (String) rec.get("power_state");
            boolean staticChange = changes.containsKey("memory_static_min") || changes.containsKey("memory_static_max");
            if (staticChange && !"Halted".equals(state) && !Boolean.TRUE.equals(rec.get("is_control_domain"))) {
                throw new SimFault("VM_BAD_POWER_STATE", vm, "halted", state.toLowerCase(java.util.Locale.ROOT));
            }
            rec.putAll(changes);
            long smin = (Long) rec.get("memory_static_min");
            long dmin = (Long) rec.get("memory_dynamic_min");
            long dmax = (Long) rec.get("memory_dynamic_max");
            long smax = (Long) rec.get("memory_static_max");
            if (!(smin <= dmin && dmin <= dmax && dmax <= smax)) {
                throw new SimFault("MEMORY_CONSTRAINT_VIOLATION",
                        "Memory limits must satisfy: static_min <= dynamic_min <= dynamic_max <= static_max");
            }
            changes.forEach((k, v) -> db.set("VM", vm, k, v));
            return "";
        });
    }

    private static List<?> list(Object o) {
        if (o instanceof List<?> l) {
            return l;
        }
        throw new SimFault("FIELD_TYPE_ERROR", "classes");
    }
}
