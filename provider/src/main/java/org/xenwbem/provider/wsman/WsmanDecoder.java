package org.xenwbem.provider.wsman;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xenwbem.cim.xml.SafeXml;
import org.xenwbem.cim.xml.XmlException;

/**
 * Decodes a SOAP 1.2 envelope into a {@link WsmanRequest}. Parses by namespace, never by prefix
 * (clients use s:, env:, or the default namespace); accepts any MessageID form; checks
 * mustUnderstand with {@link Understanding} (qualified only: an unqualified attribute is not SOAP's, per P2/P4).
 */
public final class WsmanDecoder {
    private WsmanDecoder() {
    }

    /** The charset named by a Content-Type header; UTF-8 when absent. Unknown → SchemaValidation fault. */
    public static Charset charsetOf(String contentType) throws WsmanFault {
        if (contentType == null) {
            return StandardCharsets.UTF_8;
        }
        for (String part : contentType.split(";")) {
            String p = part.trim();
            if (p.regionMatches(true, 0, "charset=", 0, 8)) {
                String name = p.substring(8).replace("\"", "").trim();
                try {
                    return Charset.forName(name);
                } catch (IllegalArgumentException e) {
                    throw new WsmanFault(FaultKind.ENCODING_LIMIT, FaultKind.detail("CharacterSet"),
                            "unsupported charset " + name, e);
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    public static WsmanRequest decode(byte[] body, String contentType) throws WsmanFault {
        Charset cs = charsetOf(contentType);
        Document doc;
        try {
            doc = SafeXml.parse(body);
        } catch (XmlException e) {
            throw new WsmanFault(FaultKind.SCHEMA_VALIDATION_ERROR, null, "malformed request: " + e.getMessage(), e);
        }
        Element env = doc.getDocumentElement();
        if (Ns.SOAP11.equals(env.getNamespaceURI())) {
            throw new WsmanFault(FaultKind.VERSION_MISMATCH, "only SOAP 1.2 envelopes are accepted");
        }
        if (!Ns.SOAP.equals(env.getNamespaceURI()) || !"Envelope".equals(env.getLocalName())) {
            throw new WsmanFault(FaultKind.SCHEMA_VALIDATION_ERROR, "the document is not a SOAP 1.2 Envelope");
        }
        Element header = SafeXml.child(env, Ns.SOAP, "Header");
        Element soapBody = SafeXml.child(env, Ns.SOAP, "Body");
        if (soapBody == null) {
            throw new WsmanFault(FaultKind.SCHEMA_VALIDATION_ERROR, "the Envelope has no Body");
        }
        List<Element> bodyChildren = SafeXml.children(soapBody);
        Element first = bodyChildren.isEmpty() ? null : bodyChildren.get(0);
        return header == null ? headerless(first, cs) : withHeader(header, first, cs);
    }

    /** Identify has no header at all (DSP0226 §11); anything else needs an Action. */
    private static WsmanRequest headerless(Element first, Charset cs) throws WsmanFault {
        if (first != null && Ns.WSMID.equals(first.getNamespaceURI()) && "Identify".equals(first.getLocalName())) {
            return new WsmanRequest(null, null, null, null, List.of(), Map.of(), null, null, first, cs);
        }
        throw new WsmanFault(FaultKind.MESSAGE_INFORMATION_HEADER_REQUIRED, "the request has no SOAP Header");
    }

    private static WsmanRequest withHeader(Element header, Element first, Charset cs) throws WsmanFault {
        WsmanRequest.Headers demands = Understanding.read(header);
        String action = text(header, Ns.WSA, "Action");
        String messageId = text(header, Ns.WSA, "MessageID");
        boolean identify = first != null && Ns.WSMID.equals(first.getNamespaceURI())
                && "Identify".equals(first.getLocalName());
        if (action == null && !identify) {
            throw new WsmanFault(FaultKind.MESSAGE_INFORMATION_HEADER_REQUIRED, "wsa:Action is missing");
        }
        Element selectorSet = SafeXml.child(header, Ns.WSMAN, "SelectorSet");
        return new WsmanRequest(action, messageId, text(header, Ns.WSA, "To"),
                text(header, Ns.WSMAN, "ResourceURI"),
                selectorSet == null ? List.of() : selectors(selectorSet, 0),
                options(header), maxEnvelopeSize(header), operationTimeout(header), first, cs, fragment(header), demands);
    }

    private static WsmanRequest.Fragment fragment(Element header) {
        Element f = SafeXml.child(header, Ns.WSMAN, "FragmentTransfer");
        return f == null ? null : new WsmanRequest.Fragment(SafeXml.text(f), f.getAttribute("Dialect").trim());
    }

    private static String text(Element parent, String ns, String name) {
        Element e = SafeXml.child(parent, ns, name);
        return e == null ? null : SafeXml.text(e);
    }

    /** Reads wsman:Selector children; a selector holding an EPR is decoded recursively. */
    public static List<WsmanRequest.Selector> selectors(Element selectorSet, int depth) throws WsmanFault {
        if (depth > 8) {
            throw new WsmanFault(FaultKind.INVALID_SELECTORS, FaultKind.detail("InvalidValue"),
                    "selector EPRs nested too deeply", null);
        }
        List<WsmanRequest.Selector> out = new ArrayList<>();
        for (Element s : SafeXml.childrenNamed(selectorSet, Ns.WSMAN, "Selector")) {
            String name = s.getAttribute("Name");
            if (name.isEmpty()) {
                throw new WsmanFault(FaultKind.INVALID_SELECTORS, FaultKind.detail("InvalidValue"),
                        "a selector has no Name", null);
            }
            Element epr = SafeXml.child(s, Ns.WSA, "EndpointReference");
            out.add(new WsmanRequest.Selector(name, epr == null ? s.getTextContent() : null,
                    epr == null ? null : epr(epr, depth + 1)));
        }
        return out;
    }

    public static WsmanRequest.Epr epr(Element epr, int depth) throws WsmanFault {
        Element params = SafeXml.child(epr, Ns.WSA, "ReferenceParameters");
        Element set = params == null ? null : SafeXml.child(params, Ns.WSMAN, "SelectorSet");
        return new WsmanRequest.Epr(text(epr, Ns.WSA, "Address"),
                params == null ? null : text(params, Ns.WSMAN, "ResourceURI"),
                set == null ? List.of() : selectors(set, depth));
    }

    private static Map<String, String> options(Element header) {
        Element set = SafeXml.child(header, Ns.WSMAN, "OptionSet");
        Map<String, String> out = new LinkedHashMap<>();
        if (set != null) {
            for (Element o : SafeXml.childrenNamed(set, Ns.WSMAN, "Option")) {
                out.put(o.getAttribute("Name"), SafeXml.text(o));
            }
        }
        return out;
    }

    private static Long maxEnvelopeSize(Element header) throws WsmanFault {
        String v = text(header, Ns.WSMAN, "MaxEnvelopeSize");
        if (v == null) {
            return null;
        }
        try {
            long n = Long.parseLong(v);
            if (n <= 0) {
                throw new NumberFormatException(v);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new WsmanFault(FaultKind.SCHEMA_VALIDATION_ERROR, null, "MaxEnvelopeSize is not a positive integer: " + v, e);
        }
    }

    /** Longer timeouts are this one (a day is no deadline to a method; nanoseconds of centuries overflow). */
    static final Duration MAX_OPERATION_TIMEOUT = Duration.ofDays(1);

    private static Duration operationTimeout(Element header) throws WsmanFault {
        String v = text(header, Ns.WSMAN, "OperationTimeout");
        if (v == null) {
            return null;
        }
        Duration d;
        try {
            d = Duration.parse(v);
        } catch (DateTimeParseException e) {
            throw new WsmanFault(FaultKind.SCHEMA_VALIDATION_ERROR, null, "OperationTimeout is not an xs:duration: " + v, e);
        }
        if (d.isZero() || d.isNegative()) {
            // a deadline already past would answer TimedOut while the method still ran: a client
            // retrying on TimedOut would repeat it
            throw new WsmanFault(FaultKind.SCHEMA_VALIDATION_ERROR, null, "OperationTimeout is not a positive duration: "
                    + v, null);
        }
        return d.compareTo(MAX_OPERATION_TIMEOUT) > 0 ? MAX_OPERATION_TIMEOUT : d;
    }
}
