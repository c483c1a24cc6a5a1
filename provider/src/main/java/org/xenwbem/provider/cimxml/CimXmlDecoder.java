package org.xenwbem.provider.cimxml;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xenwbem.cim.CimObjectPath;
import org.xenwbem.cim.CimValues;
import org.xenwbem.cim.xml.SafeXml;
import org.xenwbem.cim.xml.XmlException;
import org.xenwbem.provider.cimom.CimException;
import org.xenwbem.provider.cimom.CimStatus;

/** Decodes DSP0201 request documents (CIM/MESSAGE/SIMPLEREQ/IMETHODCALL) and their parameter values. */
final class CimXmlDecoder {
    private CimXmlDecoder() {
    }

    /** Thrown for documents that are not a CIM-XML request we serve: HTTP 400 (or 501) with CIMError. */
    static final class BadRequest extends Exception {
        final String cimError;
        final int status;

        BadRequest(String cimError, String message) {
            this(400, cimError, message);
        }

        BadRequest(int status, String cimError, String message) {
            super(message);
            this.cimError = cimError;
            this.status = status;
        }
    }

    static CimXmlRequest decode(byte[] body) throws BadRequest {
        Document doc;
        try {
            doc = SafeXml.parse(body);
        } catch (XmlException e) {
            throw new BadRequest("request-not-well-formed", e.getMessage());
        }
        Element cim = doc.getDocumentElement();
        Element message = first(cim, "MESSAGE");
        if (!"CIM".equals(cim.getTagName()) || message == null) {
            throw new BadRequest("request-not-valid", "the document is not CIM/MESSAGE");
        }
        checkVersions(cim, message);
        Element simple = first(message, "SIMPLEREQ");
        if (simple == null) {
            throw new BadRequest("unsupported-operation", "only SIMPLEREQ messages are supported");
        }
        Element call = first(simple, "IMETHODCALL");
        if (call == null) {
            Element mcall = first(simple, "METHODCALL");
            if (mcall == null) {
                throw new BadRequest("request-not-valid", "SIMPLEREQ holds neither IMETHODCALL nor METHODCALL");
            }
            return methodCall(message, mcall);
        }
        Element nsPath = first(call, "LOCALNAMESPACEPATH");
        if (nsPath == null) {
            throw new BadRequest("request-not-valid", "IMETHODCALL has no LOCALNAMESPACEPATH");
        }
        Map<String, Element> params = new LinkedHashMap<>();
        for (Element p : SafeXml.children(call)) {
            if (p.getTagName().equals("IPARAMVALUE")) {
                params.put(p.getAttribute("NAME"), p);
            }
        }
        return new CimXmlRequest(message.getAttribute("ID"), message.getAttribute("PROTOCOLVERSION"),
                call.getAttribute("NAME"), namespace(nsPath), params, null, List.of());
    }

    /**
     * DSP0200 §7.x: a CIM version or DTD version of another major version than 2, or a protocol
     * version other than 1.x, is 501 with unsupported-cim-version / unsupported-dtd-version /
     * unsupported-protocol-version. Absent attributes are left to leniency.
     */
    private static void checkVersions(Element cim, Element message) throws BadRequest {
        String cimVersion = cim.getAttribute("CIMVERSION");
        if (!cimVersion.isEmpty() && !cimVersion.trim().matches("2(\\.[0-9]+)*")) {
            throw new BadRequest(501, "unsupported-cim-version", "CIMVERSION " + cimVersion + " is not supported; 2.x is");
        }
        String dtdVersion = cim.getAttribute("DTDVERSION");
        if (!dtdVersion.isEmpty() && !dtdVersion.trim().matches("2(\\.[0-9]+)*")) {
            throw new BadRequest(501, "unsupported-dtd-version", "DTDVERSION " + dtdVersion + " is not supported; 2.x is");
        }
        String protocol = message.getAttribute("PROTOCOLVERSION");
        if (!protocol.isEmpty() && !CimXmlHeaders.supportedProtocolVersion(protocol)) {
            throw new BadRequest(501, "unsupported-protocol-version",
                    "PROTOCOLVERSION " + protocol + " is not supported; 1.x is");
        }
    }

    /** METHODCALL on a LOCALINSTANCEPATH (or a LOCALCLASSPATH, for methods called on the class). */
    private static CimXmlRequest methodCall(Element message, Element call) throws BadRequest {
        Element path = first(call, "LOCALINSTANCEPATH");
        Element classPath = path == null ? first(call, "LOCALCLASSPATH") : null;
        Element holder = path != null ? path : classPath;
        Element nsPath = holder == null ? null : first(holder, "LOCALNAMESPACEPATH");
        if (nsPath == null) {
            throw new BadRequest("request-not-valid", "METHODCALL needs a LOCALINSTANCEPATH or LOCALCLASSPATH");
        }
        String ns = namespace(nsPath);
        CimObjectPath target;
        try {
            if (path != null) {
                target = instanceName(first(path, "INSTANCENAME"), ns);
            } else {
                Element cn = first(classPath, "CLASSNAME");
                target = new CimObjectPath(ns, cn == null ? "" : cn.getAttribute("NAME"), Map.of());
            }
        } catch (CimException e) {
            throw new BadRequest("request-not-valid", e.getMessage());
        }
        List<Element> pvs = new ArrayList<>();
        for (Element p : SafeXml.children(call)) {
            if (p.getTagName().equals("PARAMVALUE")) {
                pvs.add(p);
            }
        }
        return new CimXmlRequest(message.getAttribute("ID"), message.getAttribute("PROTOCOLVERSION"),
                call.getAttribute("NAME"), ns, Map.of(), target, pvs);
    }

    static Element first(Element parent, String tag) {
        for (Element e : SafeXml.children(parent)) {
            if (e.getTagName().equals(tag)) {
                return e;
            }
        }
        return null;
    }

    static String namespace(Element localNamespacePath) {
        List<String> parts = new ArrayList<>();
        for (Element n : SafeXml.children(localNamespacePath)) {
            if (n.getTagName().equals("NAMESPACE")) {
                parts.add(n.getAttribute("NAME"));
            }
        }
        return String.join("/", parts);
    }

    /** IPARAMVALUE holding CLASSNAME. */
    static String className(Element param) throws CimException {
        Element cn = param == null ? null : first(param, "CLASSNAME");
        if (cn == null || cn.getAttribute("NAME").isEmpty()) {
            throw new CimException(CimStatus.INVALID_PARAMETER, "ClassName is missing");
        }
        return cn.getAttribute("NAME");
    }

    /** A boolean IPARAMVALUE, or the default when absent. */
    static boolean bool(Element param, boolean dflt) throws CimException {
        Element v = param == null ? null : first(param, "VALUE");
        if (v == null) {
            return dflt;
        }
        String t = SafeXml.text(v);
        if (t.equalsIgnoreCase("true") || t.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(t);
        }
        throw new CimException(CimStatus.INVALID_PARAMETER, "not a boolean: " + t);
    }

    /** PropertyList: null when absent (all properties), else the names. */
    static List<String> propertyList(Element param) {
        Element arr = param == null ? null : first(param, "VALUE.ARRAY");
        if (arr == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (Element v : SafeXml.children(arr)) {
            out.add(SafeXml.text(v));
        }
        return out;
    }

    /** INSTANCENAME → object path (keys as text, VALUE.REFERENCE nested). */
    static CimObjectPath instanceName(Element instanceName, String namespace) throws CimException {
        if (instanceName == null || !instanceName.getTagName().equals("INSTANCENAME")) {
            throw new CimException(CimStatus.INVALID_PARAMETER, "InstanceName is missing");
        }
        Map<String, Object> keys = new LinkedHashMap<>();
        for (Element kb : SafeXml.children(instanceName)) {
            if (kb.getTagName().equals("KEYBINDING")) {
                keys.put(kb.getAttribute("NAME"), keyValue(kb, namespace));
            } else if (kb.getTagName().equals("KEYVALUE")) {
                throw new CimException(CimStatus.NOT_SUPPORTED, "keyless KEYVALUE instance names are not supported");
            }
        }
        return new CimObjectPath(namespace, instanceName.getAttribute("CLASSNAME"), keys);
    }

    private static Object keyValue(Element kb, String namespace) throws CimException {
        Element kv = first(kb, "KEYVALUE");
        if (kv != null) {
            String text = kv.getTextContent();
            String type = kv.getAttribute("VALUETYPE");
            if (type.equals("numeric")) {
                return CimValues.toText(parseNumber(text));
            }
            return text;
        }
        Element ref = first(kb, "VALUE.REFERENCE");
        if (ref != null) {
            Element inner = SafeXml.children(ref).isEmpty() ? null : SafeXml.children(ref).get(0);
            Element name = inner == null ? null
                    : inner.getTagName().equals("INSTANCENAME") ? inner : first(inner, "INSTANCENAME");
            return instanceName(name, namespace);
        }
        throw new CimException(CimStatus.INVALID_PARAMETER, "KEYBINDING " + kb.getAttribute("NAME") + " has no value");
    }

    private static Object parseNumber(String text) throws CimException {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            try {
                return Double.parseDouble(text.trim());
            } catch (NumberFormatException e2) {
                throw new CimException(CimStatus.INVALID_PARAMETER, "not a number: " + text);
            }
        }
    }
}
