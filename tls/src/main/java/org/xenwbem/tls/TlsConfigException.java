package org.xenwbem.tls;

/**
 * The TLS identity cannot be loaded or created: a missing or unreadable file, a PEM without key or
 * certificate, a key that does not match its certificate, or a state directory that cannot be
 * written. The message says what is wrong and with which file; it never contains key material.
 */
public final class TlsConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    public TlsConfigException(String message) {
        super(message);
    }

    public TlsConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
