package org.xenwbem.cim;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The classes of one namespace, resolved (inheritance flattened) and indexed case-insensitively.
 * Immutable once built; safe to share between request threads.
 */
public final class ClassRepository {
    private final Map<String, CimClass> classes;
    private final Map<String, List<String>> directSubclasses;

    private ClassRepository(Map<String, CimClass> classes) {
        this.classes = Collections.unmodifiableMap(classes);
        Map<String, List<String>> subs = new LinkedHashMap<>();
        for (CimClass c : classes.values()) {
            if (c.superclass() != null) {
                subs.computeIfAbsent(key(c.superclass()), k -> new ArrayList<>()).add(c.name());
            }
        }
        this.directSubclasses = subs;
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /** Null when unknown. Case-insensitive. */
    public CimClass get(String name) {
        return classes.get(key(name));
    }

    public Collection<CimClass> all() {
        return classes.values();
    }

    /** True when {@code name} is {@code ancestor} or derives from it. */
    public boolean isA(String name, String ancestor) {
        CimClass c = get(name);
        while (c != null) {
            if (c.name().equalsIgnoreCase(ancestor)) {
                return true;
            }
            c = c.superclass() == null ? null : get(c.superclass());
        }
        return false;
    }

    /** Direct subclasses (deep=false) or all descendants (deep=true), parents before children. */
    public List<String> subclasses(String name, boolean deep) {
        List<String> out = new ArrayList<>();
        collect(name, deep, out);
        return out;
    }

    private void collect(String name, boolean deep, List<String> out) {
        for (String s : directSubclasses.getOrDefault(key(name), List.of())) {
            out.add(s);
            if (deep) {
                collect(s, true, out);
            }
        }
    }

    /** Top-level classes (no superclass). */
    public List<String> rootClasses() {
        List<String> out = new ArrayList<>();
        for (CimClass c : classes.values()) {
            if (c.superclass() == null) {
                out.add(c.name());
            }
        }
        return out;
    }

    /** The chain from the class itself up to its root. */
    public List<String> ancestry(String name) {
        List<String> out = new ArrayList<>();
        CimClass c = get(name);
        while (c != null) {
            out.add(c.name());
            c = c.superclass() == null ? null : get(c.superclass());
        }
        return out;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Collects class declarations (own members only) and resolves inheritance on {@link #build()}. */
    public static final class Builder {
        private final Map<String, Declaration> decls = new LinkedHashMap<>();

        /** A class as declared: its own (not inherited) members. */
        public record Declaration(String name, String superclass, List<CimQualifier> qualifiers,
                                  List<CimProperty> properties, List<CimMethod> methods) {
        }

        public Builder declare(Declaration d) {
            if (decls.putIfAbsent(key(d.name()), d) != null) {
                throw new SchemaException("class " + d.name() + " declared twice");
            }
            return this;
        }

        public ClassRepository build() {
            Map<String, CimClass> resolved = new LinkedHashMap<>();
            for (Declaration d : decls.values()) {
                resolve(d, resolved, new ArrayList<>());
            }
            return new ClassRepository(resolved);
        }

        private CimClass resolve(Declaration d, Map<String, CimClass> done, List<String> path) {
            CimClass existing = done.get(key(d.name()));
            if (existing != null) {
                return existing;
            }
            if (path.contains(key(d.name()))) {
                throw new SchemaException("inheritance cycle through " + d.name());
            }
            path.add(key(d.name()));
            Map<String, CimProperty> props = new LinkedHashMap<>();
            Map<String, CimMethod> methods = new LinkedHashMap<>();
            List<CimQualifier> quals = new ArrayList<>(d.qualifiers());
            if (d.superclass() != null) {
                Declaration sd = decls.get(key(d.superclass()));
                if (sd == null) {
                    throw new SchemaException(d.name() + ": unknown superclass " + d.superclass());
                }
                CimClass sup = resolve(sd, done, path);
                sup.properties().forEach(p -> props.put(key(p.name()), p.inherited()));
                sup.methods().forEach(m -> methods.put(key(m.name()), m.inherited()));
                inheritQualifiers(sup, quals);
            }
            for (CimProperty p : d.properties()) {
                // An override moves to the position of the class that redeclares it, so that keys read
                // in the order of the most derived declaration (CreationClassName, Name — as the anchor's paths).
                CimProperty merged = override(props.remove(key(p.name())), p, d.name());
                props.put(key(p.name()), merged);
            }
            for (CimMethod m : d.methods()) {
                methods.put(key(m.name()), new CimMethod(m.name(), m.returnType(), m.parameters(),
                        m.qualifiers(), d.name(), false));
            }
            CimClass c = new CimClass(d.name(), d.superclass(), quals,
                    new ArrayList<>(props.values()), new ArrayList<>(methods.values()));
            done.put(key(d.name()), c);
            return c;
        }

        /** Association and Indication propagate to subclasses (they are ToSubclass qualifiers). */
        private static void inheritQualifiers(CimClass sup, List<CimQualifier> quals) {
            for (String q : List.of("Association", "Indication")) {
                CimQualifier sq = sup.qualifier(q);
                if (sq != null && quals.stream().noneMatch(x -> x.name().equalsIgnoreCase(q))) {
                    quals.add(sq);
                }
            }
        }

        private static CimProperty override(CimProperty inherited, CimProperty own, String className) {
            if (inherited == null) {
                return new CimProperty(own.name(), own.type(), own.array(), own.referenceClass(),
                        own.qualifiers(), own.defaultValue(), className, false);
            }
            List<CimQualifier> quals = new ArrayList<>(own.qualifiers());
            for (CimQualifier q : inherited.qualifiers()) {
                if (quals.stream().noneMatch(x -> x.name().equalsIgnoreCase(q.name()))) {
                    quals.add(q);
                }
            }
            Object dflt = own.defaultValue() != null ? own.defaultValue() : inherited.defaultValue();
            return new CimProperty(inherited.name(), own.type(), own.array(), own.referenceClass(),
                    quals, dflt, inherited.classOrigin(), false);
        }
    }
}
