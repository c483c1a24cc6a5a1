package org.xenwbem.cim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A resolved CIM class: its own qualifiers and every property and method including inherited ones
 * (inherited first, in declaration order; an override replaces the inherited declaration in place).
 * Immutable; build with {@link ClassRepository.Builder}.
 */
public final class CimClass {
    private final String name;
    private final String superclass;
    private final List<CimQualifier> qualifiers;
    private final Map<String, CimProperty> properties;
    private final Map<String, CimMethod> methods;
    private final List<String> keyNames;

    CimClass(String name, String superclass, List<CimQualifier> qualifiers,
             List<CimProperty> properties, List<CimMethod> methods) {
        this.name = name;
        this.superclass = superclass;
        this.qualifiers = List.copyOf(qualifiers);
        Map<String, CimProperty> props = new LinkedHashMap<>();
        List<String> keys = new ArrayList<>();
        for (CimProperty p : properties) {
            props.put(p.name().toLowerCase(Locale.ROOT), p);
        }
        for (CimProperty p : props.values()) {
            if (p.isKey()) {
                keys.add(p.name());
            }
        }
        Map<String, CimMethod> meths = new LinkedHashMap<>();
        for (CimMethod m : methods) {
            meths.put(m.name().toLowerCase(Locale.ROOT), m);
        }
        this.properties = Collections.unmodifiableMap(props);
        this.methods = Collections.unmodifiableMap(meths);
        this.keyNames = List.copyOf(keys);
    }

    public String name() {
        return name;
    }

    /** The direct superclass name, or null for a root class. */
    public String superclass() {
        return superclass;
    }

    public List<CimQualifier> qualifiers() {
        return qualifiers;
    }

    public CimQualifier qualifier(String qname) {
        for (CimQualifier q : qualifiers) {
            if (q.name().equalsIgnoreCase(qname)) {
                return q;
            }
        }
        return null;
    }

    public boolean isAssociation() {
        CimQualifier q = qualifier("Association");
        return q != null && Boolean.TRUE.equals(q.value());
    }

    public boolean isIndication() {
        CimQualifier q = qualifier("Indication");
        return q != null && Boolean.TRUE.equals(q.value());
    }

    public boolean isAbstract() {
        CimQualifier q = qualifier("Abstract");
        return q != null && Boolean.TRUE.equals(q.value());
    }

    public List<CimProperty> properties() {
        return List.copyOf(properties.values());
    }

    /** Case-insensitive lookup; null when the class has no such property. */
    public CimProperty property(String pname) {
        return properties.get(pname.toLowerCase(Locale.ROOT));
    }

    public List<CimMethod> methods() {
        return List.copyOf(methods.values());
    }

    public CimMethod method(String mname) {
        return methods.get(mname.toLowerCase(Locale.ROOT));
    }

    /** Names of the key properties, in declaration order. */
    public List<String> keyNames() {
        return keyNames;
    }

    @Override
    public String toString() {
        return "CimClass[" + name + (superclass == null ? "" : " : " + superclass) + "]";
    }
}
