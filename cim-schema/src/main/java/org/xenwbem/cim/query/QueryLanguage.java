package org.xenwbem.cim.query;

import java.util.Locale;
import java.util.Optional;

/** The query languages accepted, with the names CIM-XML uses and the WS-Man filter dialect URIs. */
public enum QueryLanguage {
    WQL("WQL"),
    /** The DSP0202 subset that shares the WQL grammar. */
    CQL("DMTF:CQL");

    public static final String WSMAN_DMTF_WQL = "http://schemas.dmtf.org/wbem/wsman/1/WQL";
    public static final String WSMAN_MICROSOFT_WQL = "http://schemas.microsoft.com/wbem/wsman/1/WQL";
    public static final String WSMAN_CQL = "http://schemas.dmtf.org/wbem/cql/1/dsp0202.pdf";

    private final String cimName;

    QueryLanguage(String cimName) {
        this.cimName = cimName;
    }

    /** The QueryLanguage parameter value of CIM-XML ExecQuery. */
    public String cimName() {
        return cimName;
    }

    /** By CIM-XML QueryLanguage name, case-insensitive ("WQL", "DMTF:CQL", also "CQL"). */
    public static Optional<QueryLanguage> forName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String n = name.trim().toUpperCase(Locale.ROOT);
        return switch (n) {
            case "WQL" -> Optional.of(WQL);
            case "DMTF:CQL", "CQL" -> Optional.of(CQL);
            default -> Optional.empty();
        };
    }

    /** By WS-Man filter dialect URI (exact match). */
    public static Optional<QueryLanguage> forDialect(String uri) {
        if (WSMAN_DMTF_WQL.equals(uri) || WSMAN_MICROSOFT_WQL.equals(uri)) {
            return Optional.of(WQL);
        }
        return WSMAN_CQL.equals(uri) ? Optional.of(CQL) : Optional.empty();
    }

    /** Parses a query of this language. */
    public Query parse(String text) throws QueryException {
        return Parser.parse(text, this);
    }
}
