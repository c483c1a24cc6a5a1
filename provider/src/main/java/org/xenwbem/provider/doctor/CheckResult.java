package org.xenwbem.provider.doctor;

import java.util.Objects;

/**
 * What one check found: its status, a one-line finding, and for a failure or warning what the
 * admin should do about it. Never holds a password.
 */
public record CheckResult(String check, Status status, String finding, String remedy) {
    /** Outcome of a check. Only {@link #FAIL} makes {@code doctor} exit non-zero. */
    public enum Status {
        OK, WARN, FAIL, SKIP
    }

    public CheckResult {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(finding, "finding");
    }

    static CheckResult ok(String check, String finding) {
        return new CheckResult(check, Status.OK, finding, null);
    }

    static CheckResult fail(String check, String finding, String remedy) {
        return new CheckResult(check, Status.FAIL, finding, remedy);
    }

    static CheckResult warn(String check, String finding, String remedy) {
        return new CheckResult(check, Status.WARN, finding, remedy);
    }

    static CheckResult skip(String check, String finding, String remedy) {
        return new CheckResult(check, Status.SKIP, finding, remedy);
    }
}
