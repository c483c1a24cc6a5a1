package org.xenwbem.provider.cimxml;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Element;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.cim.CimMethod;
import org.xenwbem.cim.CimObjectPath;
import org.xenwbem.cim.CimParameter;
import org.xenwbem.cim.CimType;
import org.xenwbem.cim.CimValues;
import org.xenwbem.cim.ClassRepository;
import org.xenwbem.cim.xml.CimDecodeException;
import org.xenwbem.cim.xml.CimXmlEncoder;
import org.xenwbem.cim.xml.CimXmlInstanceReader;
import org.xenwbem.cim.xml.SafeXml;
import org.xenwbem.cim.xml.XmlException;
import org.xenwbem.cim.xml.XmlWriter;
import org.xenwbem.provider.cimom.CimException;
import org.xenwbem.provider.cimom.CimOperations;
import org.xenwbem.provider.cimom.CimStatus;
import org.xenwbem.provider.cimom.MethodResult;
import org.xenwbem.provider.cimom.RequestContext;

/**
 * Extrinsic METHODCALL (DSP0200 §5.3.3): PARAMVALUEs typed by the method's declaration, embedded
 * instances given as escaped CIM-XML INSTANCE text (EmbeddedObject="instance") or as INSTANCE
 * elements, also for a reference parameter; MOF-syntax strings and reference text are passed to the
 * provider as strings.
 */
final class MethodCalls {
    private final CimOperations ops;

    MethodCalls(CimOperations ops) {
        this.ops = ops;
    }

    void invoke(CimXmlRequest req, RequestContext caller, XmlWriter out) throws CimException {
        CimObjectPath target = req.target();
        CimMethod m = ops.method(req.namespace(), target.className(), req.method());
        ClassRepository repo = ops.classes(req.namespace());
        Map<String, Object> in = new LinkedHashMap<>();
        for (Element pv : req.paramValues()) {
            CimParameter p = m.parameter(pv.getAttribute("NAME"));
            if (p == null || !p.isIn()) {
                throw new CimException(CimStatus.INVALID_PARAMETER, m.name() + " has no input parameter "
                        + pv.getAttribute("NAME"));
            }
            try {
                in.put(p.name(), value(p, pv, repo, req.namespace()));
            } catch (CimDecodeException e) {
                throw new CimException(CimStatus.INVALID_PARAMETER, p.name() + ": " + e.getMessage());
            }
        }
        MethodResult r = ops.invokeMethod(caller, target, m.name(), in);
        writeResult(out, m, r);
    }

    private static Object value(CimParameter p, Element pv, ClassRepository repo, String ns) throws CimDecodeException {
        List<Element> kids = SafeXml.children(pv);
        if (kids.isEmpty()) {
            return null;
        }
        Element v = kids.get(0);
        switch (v.getTagName()) {
            case "VALUE.REFERENCE":
                return CimXmlInstanceReader.reference(v, ns);
            case "VALUE.REFARRAY": {
                List<Object> refs = new ArrayList<>();
                for (Element r : SafeXml.children(v)) {
                    refs.add(CimXmlInstanceReader.reference(r, ns));
                }
                return refs;
            }
            case "INSTANCE":
                return CimXmlInstanceReader.readInstance(v, repo, ns);
            case "VALUE.ARRAY": {
                List<Object> items = new ArrayList<>();
                for (Element item : SafeXml.children(v)) {
                    items.add(scalar(p, item, repo, ns));
                }
                return items;
            }
            default:
                Object one = scalar(p, v, repo, ns);
                return p.array() ? List.of(one) : one;
        }
    }

    private static Object scalar(CimParameter p, Element v, ClassRepository repo, String ns) throws CimDecodeException {
        if (v.getTagName().equals("INSTANCE")) {
            return CimXmlInstanceReader.readInstance(v, repo, ns);
        }
        String text = v.getTextContent();
        if (embedded(p) || p.type() == CimType.REFERENCE) {
            // a reference given as the instance itself (escaped INSTANCE text), as the anchor's clients name a device
            return embeddedText(text, repo, ns);
        }
        return CimXmlInstanceReader.scalar(p.type(), text);
    }

    static boolean embedded(CimParameter p) {
        return p.type() == CimType.STRING && (p.qualifier("EmbeddedInstance") != null || p.qualifier("EmbeddedObject") != null);
    }

    /** Escaped CIM-XML INSTANCE text becomes an instance; anything else (MOF syntax) stays a string. */
    private static Object embeddedText(String text, ClassRepository repo, String ns) throws CimDecodeException {
        String t = text.trim();
        if (!t.startsWith("<")) {
            return text;
        }
        try {
            Element inst = SafeXml.parse(t.getBytes(StandardCharsets.UTF_8)).getDocumentElement();
            return CimXmlInstanceReader.readInstance(inst, repo, ns);
        } catch (XmlException e) {
            throw new CimDecodeException("embedded instance is not well-formed: " + e.getMessage(), e);
        }
    }

    private static void writeResult(XmlWriter out, CimMethod m, MethodResult r) {
        if (r.returnValue() != null) {
            out.start("RETURNVALUE").attr("PARAMTYPE", m.returnType().wireName());
            out.element("VALUE", CimValues.toText(r.returnValue()));
            out.end("RETURNVALUE");
        }
        for (CimParameter p : m.parameters()) {
            Object v = r.out().get(p.name());
            if (!p.isOut() || v == null) {
                continue;
            }
            out.start("PARAMVALUE").attr("NAME", p.name()).attr("PARAMTYPE", p.type().wireName());
            if (embedded(p) || v instanceof CimInstance) {
                out.attr("EmbeddedObject", "instance");
            }
            CimXmlEncoder.writeValue(out, v, p.array());
            out.end("PARAMVALUE");
        }
    }
}
