package org.xenwbem.provider.cimom;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.xenwbem.cim.CimClass;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.cim.CimObjectPath;
import org.xenwbem.cim.CimProperty;
import org.xenwbem.cim.CimType;
import org.xenwbem.cim.ClassRepository;

/**
 * Associators and References (DSP0223 §6.3) over association providers: an association is an
 * instance whose REF properties name the related objects. Works for any association class that
 * has an instance provider; filtering by association class, result class, role and result role.
 */
final class Associations {
    private final CimOperations ops;

    Associations(CimOperations ops) {
        this.ops = ops;
    }

    /** The association instances that refer to {@code source} (through {@code role} when given). */
    List<CimInstance> references(RequestContext ctx, String ns, CimObjectPath source, String assocClass, String role)
            throws CimException {
        ClassRepository repo = ops.classes(ns);
        List<CimInstance> out = new ArrayList<>();
        for (String ac : associationClasses(repo, assocClass)) {
            // each root's enumeration already holds its subclasses' instances, once; read one
            // provider at a time, so that only the matches are held
            InstanceCursor all = ops.openInstances(ns, ac);
            for (CimInstance a = all.next(ctx); a != null; a = all.next(ctx)) {
                if (!refersTo(repo, a, source, role).isEmpty()) {
                    out.add(a);
                }
            }
        }
        return out;
    }

    /** The objects at the other ends of those associations, de-duplicated, in order. */
    List<CimInstance> associators(RequestContext ctx, String ns, CimObjectPath source, String assocClass,
                                  String resultClass, String role, String resultRole) throws CimException {
        ClassRepository repo = ops.classes(ns);
        Map<CimObjectPath, CimInstance> out = new LinkedHashMap<>();
        for (CimInstance a : references(ctx, ns, source, assocClass, role)) {
            List<String> sourceRoles = refersTo(repo, a, source, role);
            for (CimProperty p : a.cimClass().properties()) {
                if (p.type() != CimType.REFERENCE || sourceRoles.contains(p.name())
                        || (resultRole != null && !p.name().equalsIgnoreCase(resultRole))) {
                    continue;
                }
                Object v = a.get(p.name());
                if (v instanceof CimObjectPath target && !out.containsKey(target)
                        && (resultClass == null || isA(repo, target.className(), resultClass))) {
                    try {
                        out.put(target, ops.getInstance(ctx, target.namespace() == null ? target.withNamespace(ns) : target));
                    } catch (CimException e) {
                        if (e.status() != CimStatus.NOT_FOUND) {
                            throw e;
                        }
                    }
                }
            }
        }
        return new ArrayList<>(out.values());
    }

    /** Root association classes with providers, or the one asked for (validated). */
    private List<String> associationClasses(ClassRepository repo, String assocClass) throws CimException {
        if (assocClass != null) {
            CimClass c = repo.get(assocClass);
            if (c == null || !c.isAssociation()) {
                throw new CimException(CimStatus.INVALID_PARAMETER, assocClass + " is not an association class");
            }
            return List.of(c.name());
        }
        List<String> out = new ArrayList<>();
        for (CimClass c : repo.all()) {
            boolean root = c.superclass() == null || !repo.get(c.superclass()).isAssociation();
            if (c.isAssociation() && root) {
                out.add(c.name());
            }
        }
        return out;
    }

    /** Names of the REF properties of {@code a} that point at {@code source} (restricted to role). */
    private static List<String> refersTo(ClassRepository repo, CimInstance a, CimObjectPath source, String role) {
        List<String> roles = new ArrayList<>();
        for (CimProperty p : a.cimClass().properties()) {
            if (p.type() == CimType.REFERENCE && (role == null || p.name().equalsIgnoreCase(role))
                    && a.get(p.name()) instanceof CimObjectPath ref && samePath(repo, ref, source)) {
                roles.add(p.name());
            }
        }
        return roles;
    }

    /** Same keys, and classes equal or related by inheritance (a path may name a superclass). */
    static boolean samePath(ClassRepository repo, CimObjectPath a, CimObjectPath b) {
        if (a.keys().size() != b.keys().size()) {
            return false;
        }
        for (java.util.Map.Entry<String, Object> e : a.keys().entrySet()) {
            Object other = b.key(e.getKey());
            if (other == null || !sameKey(e.getValue(), other)) {
                return false;
            }
        }
        return a.className().equalsIgnoreCase(b.className()) || isA(repo, a.className(), b.className())
                || isA(repo, b.className(), a.className());
    }

    private static boolean sameKey(Object x, Object y) {
        if (x instanceof CimObjectPath || y instanceof CimObjectPath) {
            return x.equals(y);
        }
        return org.xenwbem.cim.CimValues.toText(x).equals(org.xenwbem.cim.CimValues.toText(y));
    }

    private static boolean isA(ClassRepository repo, String cls, String ancestor) {
        return repo.get(cls) != null && repo.isA(cls, ancestor);
    }
}
