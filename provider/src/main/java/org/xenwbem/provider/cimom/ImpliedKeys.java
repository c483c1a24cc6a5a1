package org.xenwbem.provider.cimom;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xenwbem.cim.CimClass;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.cim.CimProperty;
import org.xenwbem.cim.CimValues;

/**
 * Completes an instance path that names its instance by the keys that identify it and leaves out
 * the keys its class already determines, as {@code winrm get …/Xen_ComputerSystem?Name=<uuid>} does.
 * Two kinds of key can be implied, and no other:
 * <ul>
 * <li>{@code CreationClassName}, when exactly one class is served at or below the path's class:
 * its instances were all created by that class (DSP0004's meaning of the key);</li>
 * <li>a key qualified {@code Propagated} (a scoping system's {@code SystemCreationClassName},
 * {@code SystemName}), when every served instance of the class (of the one class
 * {@code CreationClassName} names, if given) has the same value for it: the scoping system is then
 * determined, e.g. the services of a one-host pool.</li>
 * </ul>
 * A key is implied only when every instance it could name has that value, so a completed path
 * names exactly what the full path would: completion never turns an ambiguous name into a match.
 * Any other missing key is {@link CimException.Detail#MISSING_KEYS}. The second kind reads the
 * class's instances (cached per pool generation by the providers), and only when such a key is missing.
 */
final class ImpliedKeys {
    static final String CREATION_CLASS_NAME = "CreationClassName";

    private ImpliedKeys() {
    }

    /** {@code given} (keys in the class's spelling) plus every missing key the class determines. */
    static Map<String, Object> complete(CimOperations ops, RequestContext ctx, String ns, CimClass c,
                                        Map<String, Object> given) throws CimException {
        List<String> missing = missing(c, given);
        if (missing.isEmpty()) {
            return given;
        }
        Map<String, Object> out = new LinkedHashMap<>(given);
        List<String> served = ops.servedClasses(ns, c.name());
        List<String> propagated = new ArrayList<>();
        for (String k : missing) {
            if (k.equalsIgnoreCase(CREATION_CLASS_NAME) && served.size() == 1) {
                out.put(k, served.get(0));
            } else if (c.property(k).qualifier("Propagated") != null) {
                propagated.add(k);
            }
        }
        if (!propagated.isEmpty()) {
            out.putAll(commonValues(ops.candidates(ns, c, out), ctx, propagated));
        }
        for (String k : missing) {
            if (out.get(k) == null) {
                throw new CimException(CimStatus.INVALID_PARAMETER, CimException.Detail.MISSING_KEYS,
                        c.name() + " needs key " + k + " (" + impliedText(c, served) + ")", null);
            }
        }
        return out;
    }

    private static List<String> missing(CimClass c, Map<String, Object> given) {
        List<String> out = new ArrayList<>();
        for (String k : c.keyNames()) {
            if (given.get(k) == null) {
                out.add(k);
            }
        }
        return out;
    }

    /** The keys among {@code names} that have one and the same value on every instance the providers serve. */
    private static Map<String, Object> commonValues(List<InstanceProvider> providers, RequestContext ctx,
                                                    List<String> names) throws CimException {
        Map<String, Object> common = null;
        for (InstanceProvider p : providers) {
            for (CimInstance i : p.enumerate(ctx)) {
                if (common == null) {
                    common = new LinkedHashMap<>();
                    for (String n : names) {
                        if (i.get(n) != null) {
                            common.put(n, i.get(n));
                        }
                    }
                }
                common.entrySet().removeIf(e -> !CimValues.toText(e.getValue()).equals(text(i.get(e.getKey()))));
                if (common.isEmpty()) {
                    return Map.of();
                }
            }
        }
        return common == null ? Map.of() : common;
    }

    private static String text(Object v) {
        return v == null ? null : CimValues.toText(v);
    }

    /** What the caller may leave out of this class's paths, for the fault's message. */
    private static String impliedText(CimClass c, List<String> served) {
        List<String> may = new ArrayList<>();
        for (CimProperty p : c.properties()) {
            if (p.isKey() && (p.name().equalsIgnoreCase(CREATION_CLASS_NAME) && served.size() == 1
                    || p.qualifier("Propagated") != null)) {
                may.add(p.name());
            }
        }
        return may.isEmpty() ? "every key of " + c.name() + " must be given"
                : "of its keys only " + String.join(", ", may) + " may be left out, where the class determines them";
    }
}
