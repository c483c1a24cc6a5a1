package org.xenwbem.provider.wsman;

import java.util.List;
import org.xenwbem.cim.CimClass;
import org.xenwbem.cim.CimMethod;
import org.xenwbem.cim.CimParameter;
import org.xenwbem.cim.CimProperty;
import org.xenwbem.cim.CimQualifier;
import org.xenwbem.cim.CimType;
import org.xenwbem.cim.CimValues;
import org.xenwbem.cim.xml.XmlWriter;

/**
 * A class in openwsman's intrinsic GetClass layout, every element in the {@code n1} namespace (the
 * request's resource URI): {@code name}, {@code qualifiers/qualifier(name, type, value)},
 * {@code properties/property(name, type, value, qualifiers)}; a type is its CIM name, or
 * {@code <type><array>T</array></type>} for arrays; a null value is {@code xsi:nil}. Added here, as
 * openwsman's layout has no room for them: {@code superclass}, {@code referenceclass} on references,
 * and {@code methods/method(name, type, qualifiers, parameters/parameter(name, type, qualifiers))}.
 */
final class IntrinsicClassWriter {
    private IntrinsicClassWriter() {
    }

    static void write(XmlWriter w, CimClass c) {
        w.start("n1:" + IntrinsicAction.GET_CLASS).attr("xmlns:n1", ClassSchemaUris.INTRINSIC + "/" + c.name());
        w.element("n1:name", c.name());
        if (c.superclass() != null) {
            w.element("n1:superclass", c.superclass());
        }
        qualifiers(w, c.qualifiers());
        if (!c.properties().isEmpty()) {
            w.start("n1:properties");
            for (CimProperty p : c.properties()) {
                w.start("n1:property");
                w.element("n1:name", p.name());
                type(w, p.type(), p.array(), p.referenceClass());
                value(w, p.defaultValue(), p.array());
                qualifiers(w, p.qualifiers());
                w.end("n1:property");
            }
            w.end("n1:properties");
        }
        if (!c.methods().isEmpty()) {
            w.start("n1:methods");
            for (CimMethod m : c.methods()) {
                method(w, m);
            }
            w.end("n1:methods");
        }
        w.end("n1:" + IntrinsicAction.GET_CLASS);
    }

    private static void method(XmlWriter w, CimMethod m) {
        w.start("n1:method");
        w.element("n1:name", m.name());
        type(w, m.returnType(), false, null);
        qualifiers(w, m.qualifiers());
        if (!m.parameters().isEmpty()) {
            w.start("n1:parameters");
            for (CimParameter p : m.parameters()) {
                w.start("n1:parameter");
                w.element("n1:name", p.name());
                type(w, p.type(), p.array(), p.referenceClass());
                qualifiers(w, p.qualifiers());
                w.end("n1:parameter");
            }
            w.end("n1:parameters");
        }
        w.end("n1:method");
    }

    private static void type(XmlWriter w, CimType t, boolean array, String referenceClass) {
        if (array) {
            w.start("n1:type").element("n1:array", t.wireName()).end("n1:type");
        } else {
            w.element("n1:type", t.wireName());
        }
        if (t == CimType.REFERENCE && referenceClass != null) {
            w.element("n1:referenceclass", referenceClass);
        }
    }

    private static void qualifiers(XmlWriter w, List<CimQualifier> qs) {
        if (qs.isEmpty()) {
            return;
        }
        w.start("n1:qualifiers");
        for (CimQualifier q : qs) {
            w.start("n1:qualifier");
            w.element("n1:name", q.name());
            type(w, q.type(), q.array(), null);
            value(w, q.value(), q.array());
            w.end("n1:qualifier");
        }
        w.end("n1:qualifiers");
    }

    /** One {@code value} per array element; {@code xsi:nil} for null. */
    private static void value(XmlWriter w, Object v, boolean array) {
        if (v == null) {
            w.start("n1:value").attr("xsi:nil", "true").end("n1:value");
        } else if (array && v instanceof List<?> list) {
            for (Object e : list) {
                w.element("n1:value", CimValues.toText(e));
            }
        } else {
            w.element("n1:value", CimValues.toText(v));
        }
    }
}
