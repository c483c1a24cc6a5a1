package org.xenwbem.cim.query;

/** Entry point for WQL (WMI Query Language as used by WS-Man filters and CIM-XML ExecQuery). */
public final class WqlQuery {
    private WqlQuery() {
    }

    /** Parses a WQL SELECT; see the package documentation for grammar and semantics. */
    public static Query parse(String text) throws QueryException {
        return Parser.parse(text, QueryLanguage.WQL);
    }
}
