package org.xenwbem.bridge.storage;

/**
 * A back-end's own refusal: {@code rbd} or {@code rados} exited non-zero, ONTAP answered an error or a
 * job failed. The message is the back-end's (never a credential); the adapters turn it into a
 * {@link StorageFailure} that says whether anything was left changed.
 */
final class ArrayError extends Exception {
    private final boolean notFound;

    ArrayError(String message, boolean notFound) {
        super(message);
        this.notFound = notFound;
    }

    ArrayError(String message) {
        this(message, false);
    }

    /** True when the back-end said the object is not there. */
    boolean notFound() {
        return notFound;
    }
}
