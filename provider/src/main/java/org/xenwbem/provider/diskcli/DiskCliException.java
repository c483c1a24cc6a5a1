package org.xenwbem.provider.diskcli;

/** A failure the command reports as it is (no stack trace) before exiting with status 1. */
final class DiskCliException extends Exception {
    private static final long serialVersionUID = 1L;

    DiskCliException(String message) {
        super(message);
    }

    DiskCliException(String message, Throwable cause) {
        super(message, cause);
    }
}
