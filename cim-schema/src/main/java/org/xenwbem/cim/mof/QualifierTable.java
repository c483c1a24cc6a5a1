package org.xenwbem.cim.mof;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.xenwbem.cim.CimQualifier;
import org.xenwbem.cim.CimType;

/**
 * The qualifier types known to one compilation: the DSP0004 standard qualifiers built in, replaced
 * or extended by {@code Qualifier} declarations. Gives each qualifier use its declared type.
 */
final class QualifierTable {

    /** A qualifier type: its canonical spelling, data type, array-ness and default value. */
    record QualifierType(String name, CimType type, boolean array, Object defaultValue) {
    }

    private static final Map<String, QualifierType> STANDARD = standardTypes();

    private final Map<String, QualifierType> types = new HashMap<>(STANDARD);
    private final Map<String, SourcePosition> declared = new HashMap<>();

    private static Map<String, QualifierType> standardTypes() {
        Map<String, QualifierType> m = new LinkedHashMap<>();
        for (String b : new String[] {"Abstract", "Association", "Indication", "Key", "Required", "Write",
            "Read", "In", "Out", "EmbeddedObject", "Experimental", "Static", "Exception", "Counter", "Gauge",
            "OctetString", "Aggregation", "Aggregate", "Composition", "Weak", "Terminal"}) {
            put(m, b, CimType.BOOLEAN, false);
        }
        for (String s : new String[] {"Description", "ArrayType", "Units", "PUnit", "Override",
            "EmbeddedInstance", "Version", "UMLPackagePath", "Propagated", "DisplayName"}) {
            put(m, s, CimType.STRING, false);
        }
        for (String a : new String[] {"ValueMap", "Values", "Deprecated", "ModelCorrespondence",
            "MappingStrings", "BitMap", "BitValues"}) {
            put(m, a, CimType.STRING, true);
        }
        for (String u : new String[] {"MaxLen", "MinLen", "Min", "Max"}) {
            put(m, u, CimType.UINT32, false);
        }
        put(m, "MinValue", CimType.SINT64, false);
        put(m, "MaxValue", CimType.SINT64, false);
        return Map.copyOf(m);
    }

    private static void put(Map<String, QualifierType> m, String name, CimType type, boolean array) {
        m.put(key(name), new QualifierType(name, type, array, null));
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /** Records a {@code Qualifier} declaration; it replaces a built-in type of the same name. */
    void declare(QualifierType type, SourcePosition at) {
        SourcePosition first = declared.putIfAbsent(key(type.name()), at);
        if (first != null) {
            throw at.error("qualifier " + type.name() + " is already declared at " + first);
        }
        types.put(key(type.name()), type);
    }

    /**
     * The qualifier {@code name} with its declared type. {@code raw} is the parsed value; when
     * {@code hasValue} is false the qualifier was written bare, which means true for booleans.
     * Errors about the qualifier point {@code at} its name, errors about the value {@code valueAt}.
     */
    CimQualifier resolve(String name, Object raw, boolean hasValue, SourcePosition at, SourcePosition valueAt) {
        QualifierType t = types.get(key(name));
        if (t == null) {
            throw at.error("qualifier " + name + " is not declared (add a 'Qualifier " + name
                    + " : type, Scope(...);' declaration)");
        }
        if (!hasValue) {
            if (t.type() != CimType.BOOLEAN || t.array()) {
                throw at.error("qualifier " + t.name() + " needs a " + t.type().wireName()
                        + (t.array() ? " array" : "") + " value");
            }
            return new CimQualifier(t.name(), t.type(), false, Boolean.TRUE);
        }
        Object v = Literals.convert(raw, t.type(), t.array(), true, valueAt, "qualifier", t.name());
        return new CimQualifier(t.name(), t.type(), t.array(), v);
    }
}
