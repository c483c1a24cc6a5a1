package org.xenwbem.bridge.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code set_name_label} / {@code set_name_description} of the classes whose other messages live
 * elsewhere: network, pool and host (VM's are in {@link SimMessages}, VDI's in {@link SimVdis},
 * SR's in {@link SimSrs}). As xapi's generated field setters: a value that is not a string is
 * FIELD_TYPE_ERROR, an unknown ref HANDLE_INVALID, and the change is a {@code mod} event of the object.
 * xapi gives these to pool-operator and stronger (datamodel roles), so in the simulator only pool-admin
 * holds them.
 */
final class SimNames {
    static final List<String> CLASSES = List.of("network", "pool", "host");
    private static final List<String> FIELDS = List.of("name_label", "name_description");

    private SimNames() {
    }

    /** The permissions of these setters, for {@link SimRole}. */
    static List<String> permissions() {
        List<String> out = new ArrayList<>();
        for (String cls : CLASSES) {
            for (String f : FIELDS) {
                out.add(cls.toLowerCase(Locale.ROOT) + ".set_" + f);
            }
        }
        return out;
    }

    static void register(Map<String, SimMethod> m, SimDatabase db) {
        for (String cls : CLASSES) {
            for (String f : FIELDS) {
                m.put(cls + ".set_" + f, SimMethod.write(3, cls.toLowerCase(Locale.ROOT) + ".set_" + f, (s, a) -> {
                    String ref = SimArgs.str(a, 0);
                    String value = SimArgs.str(a, 1);
                    return db.atomically(() -> {
                        db.record(cls, ref);
                        db.set(cls, ref, f, value);
                        return "";
                    });
                }));
            }
        }
    }
}
