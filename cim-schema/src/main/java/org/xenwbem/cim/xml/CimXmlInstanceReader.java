package org.xenwbem.cim.xml;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Element;
import org.xenwbem.cim.CimClass;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.cim.CimObjectPath;
import org.xenwbem.cim.CimProperty;
import org.xenwbem.cim.CimType;
import org.xenwbem.cim.CimValues;
import org.xenwbem.cim.ClassRepository;
import org.xenwbem.cim.SchemaException;

/** Reads DSP0201 INSTANCE, INSTANCENAME and VALUE elements into CIM data. */
public final class CimXmlInstanceReader {
    private CimXmlInstanceReader() {
    }

    public static CimInstance readInstance(Element inst, ClassRepository repo, String namespace) throws CimDecodeException {
        if (!"INSTANCE".equals(inst.getTagName())) {
            throw new CimDecodeException("expected INSTANCE, found " + inst.getTagName());
        }
        CimClass c = repo.get(inst.getAttribute("CLASSNAME"));
        if (c == null) {
            throw new CimDecodeException("unknown class " + inst.getAttribute("CLASSNAME"));
        }
        CimInstance.Builder b = CimInstance.builder(c).namespace(namespace);
        for (Element pe : SafeXml.children(inst)) {
            if (!pe.getTagName().startsWith("PROPERTY")) {
                continue;
            }
            CimProperty p = c.property(pe.getAttribute("NAME"));
            if (p == null) {
                throw new CimDecodeException(c.name() + " has no property " + pe.getAttribute("NAME"));
            }
            try {
                b.set(p.name(), propertyValue(p, pe, namespace));
            } catch (SchemaException e) {
                throw new CimDecodeException(e.getMessage(), e);
            }
        }
        return b.build();
    }

    private static Object propertyValue(CimProperty p, Element pe, String namespace) throws CimDecodeException {
        for (Element v : SafeXml.children(pe)) {
            switch (v.getTagName()) {
                case "VALUE" -> {
                    return scalar(p.type(), v.getTextContent());
                }
                case "VALUE.ARRAY" -> {
                    List<Object> out = new ArrayList<>();
                    for (Element item : SafeXml.children(v)) {
                        out.add(scalar(p.type(), item.getTextContent()));
                    }
                    return out;
                }
                case "VALUE.REFERENCE" -> {
                    return reference(v, namespace);
                }
                default -> {
                    // QUALIFIER elements and the like carry no value
                }
            }
        }
        return null;
    }

    public static Object scalar(CimType type, String text) throws CimDecodeException {
        try {
            return CimValues.parse(type, text);
        } catch (IllegalArgumentException e) {
            throw new CimDecodeException(e.getMessage(), e);
        }
    }

    /** VALUE.REFERENCE holding INSTANCENAME, LOCALINSTANCEPATH or INSTANCEPATH. */
    public static CimObjectPath reference(Element valueReference, String namespace) throws CimDecodeException {
        List<Element> kids = SafeXml.children(valueReference);
        if (kids.isEmpty()) {
            throw new CimDecodeException("empty VALUE.REFERENCE");
        }
        Element k = kids.get(0);
        String ns = namespace;
        Element name = k;
        if (!k.getTagName().equals("INSTANCENAME")) {
            name = null;
            for (Element part : SafeXml.descendants(k)) {
                if (part.getTagName().equals("LOCALNAMESPACEPATH")) {
                    ns = namespaceOf(part);
                } else if (part.getTagName().equals("INSTANCENAME") && name == null) {
                    name = part;
                }
            }
        }
        if (name == null) {
            throw new CimDecodeException("VALUE.REFERENCE without INSTANCENAME");
        }
        return instanceName(name, ns);
    }

    public static String namespaceOf(Element localNamespacePath) {
        List<String> parts = new ArrayList<>();
        for (Element n : SafeXml.children(localNamespacePath)) {
            parts.add(n.getAttribute("NAME"));
        }
        return String.join("/", parts);
    }

    public static CimObjectPath instanceName(Element name, String namespace) throws CimDecodeException {
        Map<String, Object> keys = new LinkedHashMap<>();
        for (Element kb : SafeXml.children(name)) {
            if (!kb.getTagName().equals("KEYBINDING")) {
                continue;
            }
            List<Element> v = SafeXml.children(kb);
            if (v.isEmpty()) {
                throw new CimDecodeException("KEYBINDING " + kb.getAttribute("NAME") + " has no value");
            }
            keys.put(kb.getAttribute("NAME"), v.get(0).getTagName().equals("VALUE.REFERENCE")
                    ? reference(v.get(0), namespace) : v.get(0).getTextContent());
        }
        return new CimObjectPath(namespace, name.getAttribute("CLASSNAME"), keys);
    }
}
