package org.xenwbem.cim.xml;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Element;
import org.xenwbem.cim.CimClass;
import org.xenwbem.cim.CimDateTime;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.cim.CimObjectPath;
import org.xenwbem.cim.CimProperty;
import org.xenwbem.cim.CimType;
import org.xenwbem.cim.CimValues;
import org.xenwbem.cim.ClassRepository;
import org.xenwbem.cim.SchemaException;

/**
 * Reads WS-CIM (DSP0230) XML into CIM data: an instance element (named after its class, in the
 * class's namespace, as clients embed them in Invoke and Put bodies) and typed property values.
 * Endpoint references are read by the protocol's {@link EprReader}.
 */
public final class WsCimDecoder {
    /** Turns the content of an EPR-valued element into an instance path. */
    @FunctionalInterface
    public interface EprReader {
        CimObjectPath read(Element eprHolder) throws CimDecodeException;
    }

    private WsCimDecoder() {
    }

    /** The class an instance element names: its local name (xsi:type {@code X_Type} is accepted too). */
    public static String className(Element el) {
        return el.getLocalName();
    }

    public static CimInstance readInstance(Element el, ClassRepository repo, String namespace, EprReader eprs)
            throws CimDecodeException {
        CimClass c = repo.get(className(el));
        if (c == null) {
            throw new CimDecodeException("unknown class " + className(el) + " in an embedded instance");
        }
        Map<String, List<Element>> byProp = new LinkedHashMap<>();
        for (Element child : SafeXml.children(el)) {
            CimProperty p = c.property(child.getLocalName());
            if (p == null) {
                throw new CimDecodeException(c.name() + " has no property " + child.getLocalName());
            }
            byProp.computeIfAbsent(p.name(), k -> new ArrayList<>()).add(child);
        }
        CimInstance.Builder b = CimInstance.builder(c).namespace(namespace);
        for (Map.Entry<String, List<Element>> e : byProp.entrySet()) {
            CimProperty p = c.property(e.getKey());
            try {
                b.set(p.name(), readProperty(p.type(), p.array(), e.getValue(), eprs));
            } catch (SchemaException ex) {
                throw new CimDecodeException(ex.getMessage(), ex);
            }
        }
        return b.build();
    }

    /** A property or parameter from its element(s): several elements make an array. */
    public static Object readProperty(CimType type, boolean array, List<Element> elements, EprReader eprs)
            throws CimDecodeException {
        if (!array && elements.size() > 1) {
            throw new CimDecodeException(elements.get(0).getLocalName() + " is not an array but was given "
                    + elements.size() + " times");
        }
        List<Object> values = new ArrayList<>();
        for (Element el : elements) {
            values.add(readValue(type, el, eprs));
        }
        if (array) {
            values.removeIf(v -> v == null);
            return values;
        }
        return values.get(0);
    }

    /** One value; {@code xsi:nil="true"} is null. */
    public static Object readValue(CimType type, Element el, EprReader eprs) throws CimDecodeException {
        if ("true".equals(el.getAttributeNS(WsCimEncoder.NS_XSI, "nil"))) {
            return null;
        }
        if (type == CimType.REFERENCE) {
            return eprs.read(el);
        }
        if (type == CimType.DATETIME) {
            return datetime(el);
        }
        String text = type == CimType.STRING || type == CimType.CHAR16 ? el.getTextContent() : SafeXml.text(el);
        try {
            return CimValues.parse(type, text);
        } catch (IllegalArgumentException e) {
            throw new CimDecodeException(el.getLocalName() + ": " + e.getMessage(), e);
        }
    }

    private static CimDateTime datetime(Element el) throws CimDecodeException {
        try {
            Element dt = SafeXml.child(el, WsCimEncoder.NS_CIM_COMMON, "Datetime");
            if (dt != null) {
                return CimDateTime.of(Instant.parse(SafeXml.text(dt)));
            }
            Element iv = SafeXml.child(el, WsCimEncoder.NS_CIM_COMMON, "Interval");
            if (iv != null) {
                return CimDateTime.ofInterval(Duration.parse(SafeXml.text(iv)));
            }
            Element cim = SafeXml.child(el, WsCimEncoder.NS_CIM_COMMON, "CIM_DateTime");
            return CimDateTime.parse(SafeXml.text(cim != null ? cim : el));
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw new CimDecodeException(el.getLocalName() + ": not a datetime: " + SafeXml.text(el), e);
        }
    }
}
