package org.xenwbem.bridge.rrd;

/** An RRD export that cannot be read. */
public final class RrdFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    public RrdFormatException(String message) {
        super(message);
    }

    public RrdFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
