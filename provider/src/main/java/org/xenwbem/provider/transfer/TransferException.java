package org.xenwbem.provider.transfer;

/** A refused transfer request: the HTTP status to answer and a message safe to show the client. */
class TransferException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int status;

    TransferException(int status, String message) {
        super(message);
        this.status = status;
    }

    int status() {
        return status;
    }
}
