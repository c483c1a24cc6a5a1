package org.xenwbem.provider.wsman;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The resource URIs under which clients read class definitions rather than instances:
 * <ul>
 * <li>{@link #CIM_XML} — MS-WSMV's CIM-XML class URI, as WinRM (MI) and OMI serve it: a WS-Transfer Get
 * with the selectors {@code __cimnamespace} and {@code ClassName} answers with a DSP0201 {@code CLASS}.</li>
 * <li>{@link #INTRINSIC} — openwsman's intrinsic-operation namespace: Invoke of {@code GetClass} on
 * {@code <INTRINSIC>/<Class>} and of {@code EnumerateClassNames} on {@code <INTRINSIC>}.</li>
 * </ul>
 */
final class ClassSchemaUris {
    static final String CIM_XML = "http://schemas.dmtf.org/wbem/cim-xml/2/cim-schema/2/";
    static final String INTRINSIC = "http://schemas.openwsman.org/wbem/wscim/1/intrinsic";

    private ClassSchemaUris() {
    }

    static boolean isCimXml(String uri) {
        return uri != null && uri.trim().regionMatches(true, 0, CIM_XML, 0, CIM_XML.length());
    }

    static boolean isIntrinsic(String uri) {
        if (uri == null) {
            return false;
        }
        String u = uri.trim();
        return u.regionMatches(true, 0, INTRINSIC, 0, INTRINSIC.length())
                && (u.length() == INTRINSIC.length() || u.charAt(INTRINSIC.length()) == '/');
    }

    /** The class a URI names after its prefix ({@code <prefix>/<Class>}); null for none or {@code *}. */
    static String classIn(String uri, String prefix) {
        String rest = uri.trim().substring(prefix.length());
        while (rest.startsWith("/")) {
            rest = rest.substring(1);
        }
        if (rest.isEmpty() || rest.equals("*")) {
            return null;
        }
        return rest;
    }

    /** A class name as DSP0004 allows it (letters, digits, underscore), else null. */
    static String validClassName(String name) {
        if (name == null || name.isEmpty()) {
            return null;
        }
        boolean ok = name.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || c == '_'))
                && !Character.isDigit(name.charAt(0));
        return ok ? name : null;
    }

    static boolean bool(String text) {
        return text != null && (text.trim().equalsIgnoreCase("true") || text.trim().equals("1"));
    }

    static boolean isBoolean(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        return t.equals("true") || t.equals("false") || t.equals("1") || t.equals("0");
    }

    /**
     * The request's text selectors by lower-cased name, only those in {@code allowed} (lower case);
     * {@code __cimnamespace} is always allowed. Others, EPR values and repeats are InvalidSelectors.
     */
    static Map<String, String> selectors(WsmanRequest req, Set<String> allowed) throws WsmanFault {
        Map<String, String> out = new LinkedHashMap<>();
        for (WsmanRequest.Selector s : req.selectors()) {
            String n = s.name().toLowerCase(Locale.ROOT);
            if (!n.equals(Targets.NAMESPACE_SELECTOR) && !allowed.contains(n)) {
                throw new WsmanFault(FaultKind.INVALID_SELECTORS, FaultKind.detail("UnexpectedSelectors"),
                        "the selector " + s.name() + " is not understood here", null);
            }
            if (s.epr() != null || s.value() == null) {
                throw new WsmanFault(FaultKind.INVALID_SELECTORS, FaultKind.detail("TypeMismatch"),
                        "the selector " + s.name() + " must be text", null);
            }
            if (out.put(n, s.value().trim()) != null) {
                throw new WsmanFault(FaultKind.INVALID_SELECTORS, FaultKind.detail("DuplicateSelectors"),
                        "the selector " + s.name() + " is given twice", null);
            }
        }
        return out;
    }

    static String namespace(Map<String, String> selectors) {
        String ns = selectors.get(Targets.NAMESPACE_SELECTOR);
        return ns == null || ns.isEmpty() ? Targets.DEFAULT_NAMESPACE : ns;
    }
}
