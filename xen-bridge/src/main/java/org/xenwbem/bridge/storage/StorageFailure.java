package org.xenwbem.bridge.storage;

/**
 * A failed array operation. {@link #changed()} says whether anything on the array may have been left
 * changed: when false the caller may take xapi's own path instead; when true it must clean up first.
 * Messages never hold credentials.
 */
public final class StorageFailure extends Exception {
    private final String adapter;
    private final boolean changed;

    public StorageFailure(String adapter, boolean changed, String message, Throwable cause) {
        super(adapter + ": " + message, cause);
        this.adapter = adapter;
        this.changed = changed;
    }

    public StorageFailure(String adapter, boolean changed, String message) {
        this(adapter, changed, message, null);
    }

    /** The adapter's {@link StorageAdapter#id()}. */
    public String adapter() {
        return adapter;
    }

    /** True when the array may hold something this operation made or altered. */
    public boolean changed() {
        return changed;
    }
}
