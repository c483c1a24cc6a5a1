package org.xenwbem.provider.wsman;

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
import org.xenwbem.cim.ClassRepository;
import org.xenwbem.cim.xml.CimDecodeException;
import org.xenwbem.cim.xml.SafeXml;
import org.xenwbem.cim.xml.WsCimDecoder;
import org.xenwbem.cim.xml.WsCimEncoder;
import org.xenwbem.cim.xml.XmlWriter;
import org.xenwbem.provider.cimom.CimException;
import org.xenwbem.provider.cimom.MethodResult;

/**
 * Custom-action Invoke (DSP0227 §9): Action {@code <resourceURI>/<Method>}, body {@code <Method>_INPUT}
 * with one element per parameter (repeated for arrays; an EPR for a reference, or the instance itself as
 * the anchor's clients send a device; an instance element for an embedded instance), answered with
 * {@code <Method>_OUTPUT} holding out parameters and ReturnValue.
 */
final class InvokeAction {
    private final String methodName;

    InvokeAction(String methodName) {
        this.methodName = methodName;
    }

    String handle(WsmanRequest req, Exchange ex) throws WsmanFault {
        Targets.Target t = Targets.resolve(req, ex.ops());
        CimObjectPath target = Targets.path(t, req.selectors(), ex.ops());
        try {
            CimMethod m = ex.ops().method(t.namespace(), t.cimClass().name(), methodName);
            Map<String, Object> in = readInput(req.body(), m, ex.ops().classes(t.namespace()), t.namespace(), ex);
            MethodResult r = ex.ops().invokeMethod(ex.caller(), target, m.name(), in);
            return writeOutput(req, ex, t, m, r);
        } catch (CimException e) {
            throw Faults.from(e);
        }
    }

    private Map<String, Object> readInput(Element body, CimMethod m, ClassRepository repo, String ns, Exchange ex)
            throws WsmanFault {
        if (body == null || !(methodName + "_INPUT").equalsIgnoreCase(body.getLocalName())) {
            throw new WsmanFault(FaultKind.SCHEMA_VALIDATION_ERROR, "the Body must hold " + methodName + "_INPUT");
        }
        Map<String, List<Element>> byName = new LinkedHashMap<>();
        for (Element e : SafeXml.children(body)) {
            byName.computeIfAbsent(e.getLocalName(), k -> new ArrayList<>()).add(e);
        }
        Map<String, Object> in = new LinkedHashMap<>();
        for (Map.Entry<String, List<Element>> e : byName.entrySet()) {
            CimParameter p = m.parameter(e.getKey());
            if (p == null || !p.isIn()) {
                throw new WsmanFault(FaultKind.INVALID_PARAMETER, null,
                        m.name() + " has no input parameter " + e.getKey(), null);
            }
            try {
                in.put(p.name(), value(p, e.getValue(), repo, ns, ex));
            } catch (CimDecodeException d) {
                throw new WsmanFault(FaultKind.INVALID_PARAMETER, null, p.name() + ": " + d.getMessage(), d);
            }
        }
        return in;
    }

    private static Object value(CimParameter p, List<Element> els, ClassRepository repo, String ns, Exchange ex)
            throws CimDecodeException {
        WsCimDecoder.EprReader eprs = holder -> eprPath(holder, ex);
        if (p.type() == CimType.REFERENCE) {
            List<Object> out = new ArrayList<>();
            for (Element el : els) {
                Element inst = embeddedInstance(el);
                out.add(inst != null ? WsCimDecoder.readInstance(inst, repo, ns, eprs) : parameterPath(el, ex));
            }
            return p.array() ? out : single(p, out);
        }
        if (isEmbedded(p)) {
            List<Object> out = new ArrayList<>();
            for (Element el : els) {
                List<Element> kids = SafeXml.children(el);
                out.add(kids.isEmpty() ? el.getTextContent() : WsCimDecoder.readInstance(kids.get(0), repo, ns, eprs));
            }
            return p.array() ? out : single(p, out);
        }
        return WsCimDecoder.readProperty(p.type(), p.array(), els, eprs);
    }

    private static Object single(CimParameter p, List<Object> values) throws CimDecodeException {
        if (values.size() != 1) {
            throw new CimDecodeException(p.name() + " takes one value, got " + values.size());
        }
        return values.get(0);
    }

    static boolean isEmbedded(CimParameter p) {
        return p.type() == CimType.STRING && (p.qualifier("EmbeddedInstance") != null || p.qualifier("EmbeddedObject") != null);
    }

    /**
     * The instance element a reference parameter holds instead of an endpoint reference (the anchor's
     * RemoveResourceSettings names each device by an embedded RASD carrying its InstanceID); null for an EPR.
     */
    private static Element embeddedInstance(Element holder) {
        List<Element> kids = SafeXml.children(holder);
        if (kids.size() != 1) {
            return null;
        }
        String ns = kids.get(0).getNamespaceURI();
        return Ns.WSA.equals(ns) || Ns.WSMAN.equals(ns) ? null : kids.get(0);
    }

    /** A reference parameter's EPR, whose selectors may name any property ({@link Targets#parameterPath}). */
    private static CimObjectPath parameterPath(Element holder, Exchange ex) throws CimDecodeException {
        Element epr = SafeXml.child(holder, Ns.WSA, "EndpointReference");
        try {
            return Targets.parameterPath(WsmanDecoder.epr(epr != null ? epr : holder, 1), ex.ops());
        } catch (WsmanFault f) {
            throw new CimDecodeException("bad endpoint reference: " + f.getMessage(), f);
        }
    }

    static CimObjectPath eprPath(Element holder, Exchange ex) throws CimDecodeException {
        Element epr = SafeXml.child(holder, Ns.WSA, "EndpointReference");
        try {
            return Targets.eprPath(WsmanDecoder.epr(epr != null ? epr : holder, 1), ex.ops());
        } catch (WsmanFault f) {
            throw new CimDecodeException("bad endpoint reference: " + f.getMessage(), f);
        }
    }

    private String writeOutput(WsmanRequest req, Exchange ex, Targets.Target t, CimMethod m, MethodResult r) {
        EprWriter eprs = new EprWriter(ex.address(), t.uri());
        String classUri = eprs.uriFor(t.cimClass().name());
        XmlWriter w = EnvelopeWriter.open(classUri + "/" + m.name() + "Response", req.messageId(), 4096);
        String root = "p:" + m.name() + "_OUTPUT";
        w.start(root).attr("xmlns:p", classUri).attr("xmlns:cim", WsCimEncoder.NS_CIM_COMMON);
        for (CimParameter p : m.parameters()) {
            Object v = r.out().get(p.name());
            if (p.isOut() && v != null) {
                writeParam(w, "p:" + p.name(), v, eprs);
            }
        }
        if (r.returnValue() != null) {
            w.element("p:ReturnValue", org.xenwbem.cim.CimValues.toText(r.returnValue()));
        }
        w.end(root);
        return EnvelopeWriter.close(w);
    }

    private static void writeParam(XmlWriter w, String qname, Object v, EprWriter eprs) {
        if (v instanceof List<?> list) {
            for (Object item : list) {
                writeParam(w, qname, item, eprs);
            }
        } else if (v instanceof CimInstance inst) {
            w.start(qname);
            WsCimEncoder.writeInstance(w, inst, eprs.uriFor(inst.className()), true, eprs);
            w.end(qname);
        } else {
            WsCimEncoder.writeProperty(w, qname, v, true, eprs);
        }
    }
}
