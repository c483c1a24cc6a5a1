package org.xenwbem.bridge.client;

/**
 * xapi could not be reached or did not answer with a XenAPI response: connection refused, timeout,
 * HTTP status other than 200, a body that is not XML-RPC, or the calling thread was interrupted
 * (the interrupt flag is then set again).
 */
public final class XenApiTransportException extends Exception {
    private static final long serialVersionUID = 1L;

    public XenApiTransportException(String message) {
        super(message);
    }

    public XenApiTransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
