package org.xenwbem.bridge.transfer;

import java.io.IOException;

/** A VHD stream that breaks the format or our limits; the message names the field and the offending value. */
public final class VhdFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    public VhdFormatException(String message) {
        super(message);
    }
}
