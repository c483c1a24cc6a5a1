package org.xenwbem.cim.xml;

import java.util.List;
import java.util.Map;
import org.xenwbem.cim.CimClass;
import org.xenwbem.cim.CimMethod;
import org.xenwbem.cim.CimParameter;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.cim.CimObjectPath;
import org.xenwbem.cim.CimProperty;
import org.xenwbem.cim.CimQualifier;
import org.xenwbem.cim.CimType;
import org.xenwbem.cim.CimValues;

/** Writes CIM objects as DSP0201 (CIM-XML 2.x) elements: INSTANCE, INSTANCENAME, VALUE, QUALIFIER. */
public final class CimXmlEncoder {
    private CimXmlEncoder() {
    }

    /** {@code <INSTANCE CLASSNAME=…>} with every property of the class. */
    public static void writeInstance(XmlWriter w, CimInstance inst, boolean includeQualifiers,
                                     boolean includeClassOrigin) {
        CimClass c = inst.cimClass();
        w.start("INSTANCE").attr("CLASSNAME", c.name());
        for (CimProperty p : c.properties()) {
            if (inst.has(p.name())) {
                writeProperty(w, p, inst.values().get(p.name()), includeQualifiers, includeClassOrigin);
            }
        }
        w.end("INSTANCE");
    }

    /** A property with a value (or the class default when {@code value} is the declaration's default). */
    public static void writeProperty(XmlWriter w, CimProperty p, Object value, boolean includeQualifiers,
                                     boolean includeClassOrigin) {
        String tag = p.type() == CimType.REFERENCE ? "PROPERTY.REFERENCE" : p.array() ? "PROPERTY.ARRAY" : "PROPERTY";
        w.start(tag).attr("NAME", p.name());
        if (p.type() == CimType.REFERENCE) {
            if (p.referenceClass() != null) {
                w.attr("REFERENCECLASS", p.referenceClass());
            }
        } else {
            w.attr("TYPE", p.type().wireName());
        }
        if (includeClassOrigin && p.classOrigin() != null) {
            w.attr("CLASSORIGIN", p.classOrigin());
        }
        if (includeClassOrigin && p.propagated()) {
            w.attr("PROPAGATED", "true");
        }
        if (includeQualifiers) {
            for (CimQualifier q : p.qualifiers()) {
                writeQualifier(w, q);
            }
        }
        if (value != null) {
            writeValue(w, value, p.array());
        }
        w.end(tag);
    }

    public static void writeQualifier(XmlWriter w, CimQualifier q) {
        w.start("QUALIFIER").attr("NAME", q.name()).attr("TYPE", q.type().wireName());
        if (q.value() != null) {
            writeValue(w, q.value(), q.array());
        }
        w.end("QUALIFIER");
    }

    /** VALUE, VALUE.ARRAY or VALUE.REFERENCE for a value. */
    public static void writeValue(XmlWriter w, Object value, boolean array) {
        if (array && value instanceof List<?> list) {
            boolean refs = !list.isEmpty() && list.get(0) instanceof CimObjectPath;
            String tag = refs ? "VALUE.REFARRAY" : "VALUE.ARRAY";
            w.start(tag);
            for (Object item : list) {
                writeValue(w, item, false);
            }
            w.end(tag);
        } else if (value instanceof CimObjectPath p) {
            w.start("VALUE.REFERENCE");
            writeReferencePath(w, p);
            w.end("VALUE.REFERENCE");
        } else if (value instanceof CimInstance embedded) {
            XmlWriter inner = new XmlWriter(512, false);
            writeInstance(inner, embedded, false, false);
            w.element("VALUE", inner.toString());
        } else {
            w.element("VALUE", CimValues.toText(value));
        }
    }

    /** INSTANCEPATH when the namespace is known, else INSTANCENAME. */
    public static void writeReferencePath(XmlWriter w, CimObjectPath p) {
        if (p.namespace() != null) {
            w.start("LOCALINSTANCEPATH");
            writeLocalNamespacePath(w, p.namespace());
            writeInstanceName(w, p);
            w.end("LOCALINSTANCEPATH");
        } else {
            writeInstanceName(w, p);
        }
    }

    public static void writeLocalNamespacePath(XmlWriter w, String namespace) {
        w.start("LOCALNAMESPACEPATH");
        for (String part : namespace.split("/")) {
            if (!part.isEmpty()) {
                w.start("NAMESPACE").attr("NAME", part).end("NAMESPACE");
            }
        }
        w.end("LOCALNAMESPACEPATH");
    }

    /** {@code <INSTANCENAME CLASSNAME=…><KEYBINDING NAME=…><KEYVALUE …>…}. */
    public static void writeInstanceName(XmlWriter w, CimObjectPath p) {
        w.start("INSTANCENAME").attr("CLASSNAME", p.className());
        for (Map.Entry<String, Object> e : p.keys().entrySet()) {
            w.start("KEYBINDING").attr("NAME", e.getKey());
            Object v = e.getValue();
            if (v instanceof CimObjectPath ref) {
                w.start("VALUE.REFERENCE");
                writeReferencePath(w, ref);
                w.end("VALUE.REFERENCE");
            } else {
                w.start("KEYVALUE").attr("VALUETYPE", valueType(v));
                w.text(v == null ? "" : CimValues.toText(v));
                w.end("KEYVALUE");
            }
            w.end("KEYBINDING");
        }
        w.end("INSTANCENAME");
    }

    private static String valueType(Object v) {
        if (v instanceof Boolean) {
            return "boolean";
        }
        if (v instanceof Long || v instanceof Double) {
            return "numeric";
        }
        return "string";
    }

    /**
     * {@code <CLASS>} per DSP0201 §3.2.4.1.
     *
     * @param localOnly    only members declared (or overridden) by this class
     * @param propertyList null for all properties, else those named
     */
    public static void writeClass(XmlWriter w, CimClass c, boolean localOnly, boolean includeQualifiers,
                                  boolean includeClassOrigin, List<String> propertyList) {
        w.start("CLASS").attr("NAME", c.name());
        if (c.superclass() != null) {
            w.attr("SUPERCLASS", c.superclass());
        }
        if (includeQualifiers) {
            for (CimQualifier q : c.qualifiers()) {
                writeQualifier(w, q);
            }
        }
        for (CimProperty p : c.properties()) {
            boolean listed = propertyList == null || propertyList.stream().anyMatch(n -> n.equalsIgnoreCase(p.name()));
            if (listed && !(localOnly && p.propagated())) {
                writeProperty(w, p, p.defaultValue(), includeQualifiers, includeClassOrigin);
            }
        }
        for (CimMethod m : c.methods()) {
            if (!(localOnly && m.propagated())) {
                writeMethod(w, m, includeQualifiers, includeClassOrigin);
            }
        }
        w.end("CLASS");
    }

    private static void writeMethod(XmlWriter w, CimMethod m, boolean includeQualifiers, boolean includeClassOrigin) {
        w.start("METHOD").attr("NAME", m.name()).attr("TYPE", m.returnType().wireName());
        if (includeClassOrigin && m.classOrigin() != null) {
            w.attr("CLASSORIGIN", m.classOrigin());
        }
        if (includeClassOrigin && m.propagated()) {
            w.attr("PROPAGATED", "true");
        }
        if (includeQualifiers) {
            m.qualifiers().forEach(q -> writeQualifier(w, q));
        }
        for (CimParameter p : m.parameters()) {
            writeParameter(w, p, includeQualifiers);
        }
        w.end("METHOD");
    }

    private static void writeParameter(XmlWriter w, CimParameter p, boolean includeQualifiers) {
        String tag;
        if (p.type() == CimType.REFERENCE) {
            tag = p.array() ? "PARAMETER.REFARRAY" : "PARAMETER.REFERENCE";
            w.start(tag).attr("NAME", p.name());
            if (p.referenceClass() != null) {
                w.attr("REFERENCECLASS", p.referenceClass());
            }
        } else {
            tag = p.array() ? "PARAMETER.ARRAY" : "PARAMETER";
            w.start(tag).attr("NAME", p.name()).attr("TYPE", p.type().wireName());
        }
        if (includeQualifiers) {
            p.qualifiers().forEach(q -> writeQualifier(w, q));
        }
        w.end(tag);
    }
}
