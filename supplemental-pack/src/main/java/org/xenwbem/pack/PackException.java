package org.xenwbem.pack;

/** The build cannot go on; the message says what failed and, where known, what to do. */
public final class PackException extends Exception {
    public PackException(String message) {
        super(message);
    }

    public PackException(String message, Throwable cause) {
        super(message, cause);
    }
}
