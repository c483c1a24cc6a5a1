package org.xenwbem.provider.wsman;

import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Element;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.cim.CimProperty;
import org.xenwbem.cim.ClassRepository;
import org.xenwbem.cim.SchemaException;
import org.xenwbem.cim.xml.CimDecodeException;
import org.xenwbem.cim.xml.SafeXml;
import org.xenwbem.cim.xml.WsCimDecoder;

/**
 * The resource a Put or Create carries (DSP0227 §7): a WS-CIM instance, or for a fragment Put a
 * wsman:XmlFragment. Its values are typed against the class, which only the executing side knows,
 * so it is read through these methods once the class is resolved; the element itself stays here.
 */
final class InstanceBody {
    private final Element element;

    InstanceBody(Element element) {
        this.element = element;
    }

    /** The body's first element, which a Put or Create must have. */
    static InstanceBody required(Element body, String op) throws WsmanFault {
        if (body == null) {
            throw new WsmanFault(FaultKind.SCHEMA_VALIDATION_ERROR, op + " needs the resource in the Body");
        }
        return new InstanceBody(body);
    }

    /** The instance, typed by the class its element names in {@code repo}. */
    public CimInstance instance(ClassRepository repo, String namespace, EprResolver eprs) throws WsmanFault {
        try {
            return WsCimDecoder.readInstance(element, repo, namespace, eprs.reader());
        } catch (CimDecodeException e) {
            throw new WsmanFault(FaultKind.SCHEMA_VALIDATION_ERROR, null, e.getMessage(), e);
        }
    }

    /** The names of the properties the client sent, in order, each once (a Put changes only those). */
    public List<String> sentNames() {
        List<String> out = new ArrayList<>();
        for (Element child : SafeXml.children(element)) {
            if (!out.contains(child.getLocalName())) {
                out.add(child.getLocalName());
            }
        }
        return out;
    }

    /** The value of {@code p} in a wsman:XmlFragment: the property elements, or only text for {@code /text()}. */
    public Object fragmentValue(CimProperty p, boolean textOnly, EprResolver eprs) throws WsmanFault {
        if (!Ns.WSMAN.equals(element.getNamespaceURI()) || !"XmlFragment".equals(element.getLocalName())) {
            throw new WsmanFault(FaultKind.SCHEMA_VALIDATION_ERROR, "a fragment Put carries wsman:XmlFragment");
        }
        List<Element> els = textOnly ? List.of(element) : SafeXml.children(element);
        try {
            return WsCimDecoder.readProperty(p.type(), p.array(), els, eprs.reader());
        } catch (CimDecodeException | SchemaException e) {
            throw new WsmanFault(FaultKind.SCHEMA_VALIDATION_ERROR, null, e.getMessage(), e);
        }
    }
}
