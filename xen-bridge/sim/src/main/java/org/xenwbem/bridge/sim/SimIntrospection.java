package org.xenwbem.bridge.sim;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code system.listMethods} (no session, as xapi answers it) and {@code event.inject(class, ref)},
 * which touches an object and returns a token from just before the touch, so that
 * {@code event.from} with that token reports it (Xen Orchestra's client starts its event loop so).
 */
final class SimIntrospection {
    private static final List<String> IMPLICIT = List.of("get_all", "get_all_records", "get_record", "get_by_uuid");

    private SimIntrospection() {
    }

    /** Every explicit message and the implicit getters of every simulated class, sorted. */
    static List<String> listMethods(Map<String, SimMethod> methods) {
        TreeSet<String> all = new TreeSet<>(methods.keySet());
        for (String cls : SimGetters.CLASSES) {
            IMPLICIT.forEach(m -> all.add(cls + "." + m));
        }
        all.add("session.login_with_password");
        all.add("system.listMethods");
        return List.copyOf(all);
    }

    static void register(Map<String, SimMethod> m, SimDatabase db) {
        m.put("event.inject", SimMethod.read(3, (s, a) -> db.atomically(() -> {
            String cls = className(db, SimArgs.str(a, 0));
            String ref = SimArgs.str(a, 1);
            long before = db.generation();
            db.set(cls, ref, "uuid", db.get(cls, ref, "uuid"));
            return String.format("%020d,%020d", before, 0);
        })));
    }

    private static String className(SimDatabase db, String eventClass) {
        for (String c : db.classes()) {
            if (c.equalsIgnoreCase(eventClass)) {
                return c;
            }
        }
        throw new SimFault("HANDLE_INVALID", eventClass, "");
    }
}
