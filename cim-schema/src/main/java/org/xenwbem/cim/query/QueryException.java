package org.xenwbem.cim.query;

/**
 * A query that cannot be parsed, bound to its class, or is not supported. Checked, because the text
 * comes from clients: every caller must turn it into its protocol's fault (CIM_ERR_INVALID_QUERY for
 * CIM-XML ExecQuery, wsen:CannotProcessFilter for WS-Man). The message is complete and names the
 * column; {@link #reason()} lets callers choose a fault without reading the message.
 */
public final class QueryException extends Exception {
    private static final long serialVersionUID = 1L;

    /** What is wrong with the query. */
    public enum Reason {
        /** Not valid query text: unexpected token, bad literal, unterminated string. */
        SYNTAX,
        /** Valid in some dialect but refused here: JOIN, several FROM classes, ASSOCIATORS OF, ORDER BY... */
        UNSUPPORTED,
        /** The FROM or ISA class does not exist. */
        UNKNOWN_CLASS,
        /** A property the FROM class does not have. */
        UNKNOWN_PROPERTY,
        /** A construct that does not fit the property's type (ISA on a non-reference). */
        TYPE_MISMATCH,
        /** Longer than the size limit or nested deeper than the depth limit. */
        LIMIT
    }

    private final Reason reason;
    private final int column;

    /** @param column 1-based character offset in the query text, or 0 when no place applies */
    public QueryException(Reason reason, int column, String message) {
        super(message);
        this.reason = reason;
        this.column = column;
    }

    public Reason reason() {
        return reason;
    }

    /** 1-based character offset in the query text (newlines count as one character), or 0. */
    public int column() {
        return column;
    }
}
