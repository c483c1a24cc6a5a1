package org.xenwbem.provider.wsman;

/**
 * A WS-Management fault about to be returned: its kind (code, subcode, action, default detail)
 * plus the human-readable reason and, where the kind allows several, a specific FaultDetail URI.
 */
public final class WsmanFault extends Exception {
    private final FaultKind kind;
    private final String detailUri;
    /** The WSManFault code when it is not the kind's (see {@link #withCode}), else 0. */
    private long code;

    public WsmanFault(FaultKind kind, String reason) {
        this(kind, kind.defaultDetail(), reason, null);
    }

    public WsmanFault(FaultKind kind, String detailUri, String reason, Throwable cause) {
        super(reason, cause);
        this.kind = kind;
        this.detailUri = detailUri;
    }

    public FaultKind kind() {
        return kind;
    }

    /** This fault reported with WSManFault code {@code c} instead of its kind's (e.g. a QuotaLimit's cause). */
    public WsmanFault withCode(long c) {
        this.code = c;
        return this;
    }

    /** The WSManFault code: the one set by {@link #withCode}, else the kind's for this detail. */
    public long wsmanCode() {
        return code != 0 ? code : kind.wsmanCode(detailUri);
    }

    /** The wsman:FaultDetail URI, or null. */
    public String detailUri() {
        return detailUri;
    }
}
