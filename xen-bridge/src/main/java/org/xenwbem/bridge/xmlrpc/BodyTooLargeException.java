package org.xenwbem.bridge.xmlrpc;

import java.io.IOException;

/** A request or response body exceeded the configured size limit. */
public final class BodyTooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    public BodyTooLargeException(long limit) {
        super("body exceeds " + limit + " bytes");
    }
}
