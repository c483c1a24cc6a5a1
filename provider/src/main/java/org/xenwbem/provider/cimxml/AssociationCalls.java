package org.xenwbem.provider.cimxml;

import java.util.List;
import org.w3c.dom.Element;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.cim.CimObjectPath;
import org.xenwbem.cim.xml.CimXmlEncoder;
import org.xenwbem.cim.xml.XmlWriter;
import org.xenwbem.provider.cimom.CimException;
import org.xenwbem.provider.cimom.CimOperations;
import org.xenwbem.provider.cimom.CimStatus;
import org.xenwbem.provider.cimom.InstanceCursor;
import org.xenwbem.provider.cimom.RequestContext;

/** Associators, AssociatorNames, References, ReferenceNames (DSP0200 §5.3.2.14–17) for instance sources. */
final class AssociationCalls {
    private final CimOperations ops;

    AssociationCalls(CimOperations ops) {
        this.ops = ops;
    }

    /** Checks the call and finds the related objects; the answer is written as it is sent. */
    StreamedReturn prepare(CimXmlRequest req, RequestContext caller, String host) throws CimException {
        Element objectName = req.param("ObjectName");
        Element name = objectName == null ? null : CimXmlDecoder.first(objectName, "INSTANCENAME");
        if (name == null) {
            throw new CimException(CimStatus.NOT_SUPPORTED, req.method() + " on a class is not supported; give an INSTANCENAME");
        }
        CimObjectPath source = CimXmlDecoder.instanceName(name, req.namespace());
        boolean names = req.method().endsWith("Names");
        boolean refs = req.method().startsWith("Reference");
        String assoc = className(req, refs ? "ResultClass" : "AssocClass");
        List<CimInstance> found = refs
                ? ops.references(caller, source, assoc, string(req, "Role"))
                : ops.associators(caller, source, assoc, className(req, "ResultClass"), string(req, "Role"),
                string(req, "ResultRole"));
        List<String> props = CimXmlDecoder.propertyList(req.param("PropertyList"));
        boolean origin = CimXmlDecoder.bool(req.param("IncludeClassOrigin"), false);
        return new StreamedReturn(req, caller, InstanceCursor.of(found), (out, i) -> {
            CimObjectPath p = i.path().withNamespace(req.namespace());
            if (names) {
                out.start("OBJECTPATH");
                writeInstancePath(out, host, p);
                out.end("OBJECTPATH");
            } else {
                out.start("VALUE.OBJECTWITHPATH");
                writeInstancePath(out, host, p);
                CimXmlEncoder.writeInstance(out, i.project(props), false, origin);
                out.end("VALUE.OBJECTWITHPATH");
            }
        });
    }

    static void writeInstancePath(XmlWriter out, String host, CimObjectPath p) {
        out.start("INSTANCEPATH").start("NAMESPACEPATH");
        out.element("HOST", host);
        CimXmlEncoder.writeLocalNamespacePath(out, p.namespace());
        out.end("NAMESPACEPATH");
        CimXmlEncoder.writeInstanceName(out, new CimObjectPath(null, p.className(), p.keys()));
        out.end("INSTANCEPATH");
    }

    private static String className(CimXmlRequest req, String param) {
        Element p = req.param(param);
        Element cn = p == null ? null : CimXmlDecoder.first(p, "CLASSNAME");
        return cn == null || cn.getAttribute("NAME").isEmpty() ? null : cn.getAttribute("NAME");
    }

    private static String string(CimXmlRequest req, String param) {
        Element p = req.param(param);
        Element v = p == null ? null : CimXmlDecoder.first(p, "VALUE");
        String t = v == null ? "" : v.getTextContent().trim();
        return t.isEmpty() ? null : t;
    }
}
