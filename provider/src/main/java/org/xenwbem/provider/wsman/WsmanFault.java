package org.xenwbem.provider.wsman;

/**
 * A WS-Management fault about to be returned: its kind (code, subcode, action, default detail)
 * plus the human-readable reason and, where the kind allows several, a specific FaultDetail URI.
 */
public final class WsmanFault extends Exception {
    private final FaultKind kind;
    private final String detailUri;

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

    /** The wsman:FaultDetail URI, or null. */
    public String detailUri() {
        return detailUri;
    }
}
