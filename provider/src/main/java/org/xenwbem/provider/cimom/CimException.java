package org.xenwbem.provider.cimom;

/**
 * A failed CIM operation, carrying its DSP0200 status. {@link #detail()} refines it for protocols
 * that distinguish more cases (e.g. WS-Man's InsufficientSelectors vs UnexpectedSelectors).
 */
public class CimException extends Exception {
    /**
     * Finer reasons a protocol may render differently; NONE when the status says it all. READ_ONLY:
     * a write would change a property that cannot be changed (NOT_SUPPORTED in CIM-XML, DSP0200).
     * NOT_READY: the data the operation reads is not loaded yet ({@link Readiness}); retrying later helps.
     */
    public enum Detail {
        NONE, MISSING_KEYS, UNEXPECTED_KEYS, KEY_TYPE_MISMATCH, READ_ONLY, NOT_READY
    }

    private final CimStatus status;
    private final Detail detail;

    public CimException(CimStatus status, String message) {
        this(status, Detail.NONE, message, null);
    }

    public CimException(CimStatus status, Detail detail, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.detail = detail;
    }

    public CimStatus status() {
        return status;
    }

    public Detail detail() {
        return detail;
    }
}
