package org.xenwbem.provider.wsman;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Element;
import org.xenwbem.cim.CimMethod;
import org.xenwbem.cim.CimParameter;
import org.xenwbem.cim.CimType;
import org.xenwbem.cim.ClassRepository;
import org.xenwbem.cim.xml.CimDecodeException;
import org.xenwbem.cim.xml.SafeXml;
import org.xenwbem.cim.xml.WsCimDecoder;

/**
 * The body of an Invoke, {@code <Method>_INPUT}, with one element per parameter (repeated for
 * arrays; an EPR for a reference, or the instance itself as the anchor's clients send a device; an
 * instance element for an embedded instance). {@link #typed} reads it against the method's declaration.
 */
final class Parameters {
    private final Element body;
    private final String method;

    Parameters(Element body, String method) {
        this.body = body;
        this.method = method;
    }

    /**
     * The input parameters by declared name, typed by {@code m}.
     *
     * @param keyPaths       types the EPRs inside values (by key, as a Get's selectors)
     * @param parameterPaths types a reference parameter's EPR, whose selectors may name any property
     */
    public Map<String, Object> typed(CimMethod m, ClassRepository repo, String ns, EprResolver keyPaths,
                                     EprResolver parameterPaths) throws WsmanFault {
        if (body == null || !(method + "_INPUT").equalsIgnoreCase(body.getLocalName())) {
            throw new WsmanFault(FaultKind.SCHEMA_VALIDATION_ERROR, "the Body must hold " + method + "_INPUT");
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
                in.put(p.name(), value(p, e.getValue(), repo, ns, keyPaths.reader(), parameterPaths.reader()));
            } catch (CimDecodeException d) {
                throw new WsmanFault(FaultKind.INVALID_PARAMETER, null, p.name() + ": " + d.getMessage(), d);
            }
        }
        return in;
    }

    private static Object value(CimParameter p, List<Element> els, ClassRepository repo, String ns,
                                WsCimDecoder.EprReader eprs, WsCimDecoder.EprReader params) throws CimDecodeException {
        if (p.type() == CimType.REFERENCE) {
            List<Object> out = new ArrayList<>();
            for (Element el : els) {
                Element inst = embeddedInstance(el);
                out.add(inst != null ? WsCimDecoder.readInstance(inst, repo, ns, eprs) : params.read(el));
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

    private static boolean isEmbedded(CimParameter p) {
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
}
