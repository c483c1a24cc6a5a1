package org.xenwbem.provider.wsman;

import org.xenwbem.cim.CimClass;
import org.xenwbem.cim.CimProperty;

/**
 * Fragment-level transfer (DSP0226 §7.7) for single properties: the expressions {@code Name},
 * {@code p:Name} and {@code Name/text()} in the default XPath 1.0 dialect.
 */
final class Fragments {
    static final String XPATH = "http://www.w3.org/TR/1999/REC-xpath-19991116";

    /** A resolved fragment: the property and whether only its text is wanted. */
    record Target(CimProperty property, boolean textOnly) {
    }

    private Fragments() {
    }

    static Target resolve(WsmanRequest.Fragment f, CimClass c) throws WsmanFault {
        if (!f.dialect().isEmpty() && !f.dialect().equals(XPATH)) {
            throw new WsmanFault(FaultKind.UNSUPPORTED_FEATURE, FaultKind.detail("FragmentLevelAccess"),
                    "fragment dialect " + f.dialect() + " is not supported; use XPath 1.0", null);
        }
        String expr = f.expression().trim();
        boolean text = expr.endsWith("/text()");
        if (text) {
            expr = expr.substring(0, expr.length() - "/text()".length());
        }
        int colon = expr.indexOf(':');
        if (colon >= 0) {
            expr = expr.substring(colon + 1);
        }
        CimProperty p = c.property(expr);
        if (p == null || !expr.chars().allMatch(ch -> Character.isLetterOrDigit(ch) || ch == '_')) {
            throw new WsmanFault(FaultKind.INVALID_PARAMETER, FaultKind.detail("InvalidFragment"),
                    "the fragment " + f.expression() + " does not name a property of " + c.name(), null);
        }
        return new Target(p, text);
    }
}
