package org.xenwbem.provider.writes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.xenwbem.provider.cimom.InstanceProvider;
import org.xenwbem.provider.methods.MethodEnvironment;

/** Makes the catalog's editable classes writable: the one place the daemon calls. */
public final class Edits {
    private Edits() {
    }

    /**
     * The providers with those of {@link EditTable}'s classes wrapped so that ModifyInstance, Put and
     * SetProperty edit their objects through {@code env}'s bridge; the others as they are.
     */
    public static List<InstanceProvider> editable(List<InstanceProvider> providers, MethodEnvironment env) {
        Map<String, EditableClass<?>> byClass = new HashMap<>();
        for (EditableClass<?> c : EditTable.all()) {
            byClass.put(c.cimClass().toLowerCase(Locale.ROOT), c);
        }
        List<InstanceProvider> out = new ArrayList<>();
        for (InstanceProvider p : providers) {
            EditableClass<?> c = byClass.get(p.className().toLowerCase(Locale.ROOT));
            out.add(c == null ? p : wrap(p, c, env));
        }
        return out;
    }

    /** The writable properties per class, in table order (for documentation and tests). */
    public static Map<String, List<String>> writableProperties() {
        Map<String, List<String>> out = new java.util.LinkedHashMap<>();
        EditTable.all().forEach(c -> out.put(c.cimClass(), c.names()));
        return out;
    }

    private static <R> InstanceProvider wrap(InstanceProvider p, EditableClass<R> c, MethodEnvironment env) {
        return new EditableProvider<>(p, c, env);
    }
}
