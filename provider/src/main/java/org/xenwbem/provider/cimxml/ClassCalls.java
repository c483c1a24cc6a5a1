package org.xenwbem.provider.cimxml;

import java.util.List;
import org.w3c.dom.Element;
import org.xenwbem.cim.CimClass;
import org.xenwbem.cim.ClassRepository;
import org.xenwbem.cim.xml.CimXmlEncoder;
import org.xenwbem.cim.xml.XmlWriter;
import org.xenwbem.provider.cimom.CimException;
import org.xenwbem.provider.cimom.CimOperations;

/** The schema-reading intrinsic methods: GetClass, EnumerateClasses, EnumerateClassNames (DSP0200 §5.3.2). */
final class ClassCalls {
    private final CimOperations ops;

    ClassCalls(CimOperations ops) {
        this.ops = ops;
    }

    void getClass(CimXmlRequest req, XmlWriter out) throws CimException {
        CimClass c = ops.getClass(req.namespace(), CimXmlDecoder.className(req.param("ClassName")));
        CimXmlEncoder.writeClass(out, c, CimXmlDecoder.bool(req.param("LocalOnly"), true),
                CimXmlDecoder.bool(req.param("IncludeQualifiers"), true),
                CimXmlDecoder.bool(req.param("IncludeClassOrigin"), false),
                CimXmlDecoder.propertyList(req.param("PropertyList")));
    }

    void enumerateClasses(CimXmlRequest req, XmlWriter out) throws CimException {
        boolean localOnly = CimXmlDecoder.bool(req.param("LocalOnly"), true);
        boolean quals = CimXmlDecoder.bool(req.param("IncludeQualifiers"), true);
        boolean origin = CimXmlDecoder.bool(req.param("IncludeClassOrigin"), false);
        ClassRepository repo = ops.classes(req.namespace());
        for (String name : classNames(req)) {
            CimXmlEncoder.writeClass(out, repo.get(name), localOnly, quals, origin, null);
        }
    }

    void enumerateClassNames(CimXmlRequest req, XmlWriter out) throws CimException {
        for (String name : classNames(req)) {
            out.start("CLASSNAME").attr("NAME", name).end("CLASSNAME");
        }
    }

    /** Subclasses of ClassName (or the root classes when it is absent), deep or one level. */
    private List<String> classNames(CimXmlRequest req) throws CimException {
        boolean deep = CimXmlDecoder.bool(req.param("DeepInheritance"), false);
        Element cnParam = req.param("ClassName");
        boolean hasName = cnParam != null && CimXmlDecoder.first(cnParam, "CLASSNAME") != null;
        return ops.classNames(req.namespace(), hasName ? CimXmlDecoder.className(cnParam) : null, deep);
    }
}
