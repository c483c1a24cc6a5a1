package org.xenwbem.bridge.client;

/**
 * xapi could not be reached or did not answer with a XenAPI response: connection refused, timeout,
 * HTTP status other than 200 (then {@link #httpStatus()} holds it), a body that is not XML-RPC or
 * JSON-RPC, or the calling thread was interrupted (the interrupt flag is then set again).
 */
public final class XenApiTransportException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int httpStatus;

    public XenApiTransportException(String message) {
        this(message, 0);
    }

    public XenApiTransportException(String message, Throwable cause) {
        super(message, cause);
        this.httpStatus = 0;
    }

    /** A non-200 answer from one of xapi's HTTP handlers. */
    public XenApiTransportException(String message, int httpStatus) {
        super(message);
        this.httpStatus = httpStatus;
    }

    /** The HTTP status xapi answered with, or 0 when there was no HTTP answer. */
    public int httpStatus() {
        return httpStatus;
    }
}
