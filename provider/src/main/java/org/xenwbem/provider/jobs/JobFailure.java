package org.xenwbem.provider.jobs;

/** A job that failed for a reason of xenwbem's own (not a XenAPI error): code and description. */
public final class JobFailure extends Exception {
    private final int code;

    public JobFailure(int code, String description) {
        super(description);
        this.code = code;
    }

    public int code() {
        return code;
    }
}
