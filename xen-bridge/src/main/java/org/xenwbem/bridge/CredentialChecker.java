package org.xenwbem.bridge;

/**
 * Verifies a user's XenAPI credentials with {@code session.login_with_password} over TCP (never the
 * dom0 Unix socket, which accepts anyone), caching positive answers briefly as a salted hash and
 * rate-limiting failures per client. Never logs passwords or session references.
 */
public interface CredentialChecker {
    AuthOutcome check(String user, char[] password, String clientAddress);

    /** The result of one check. {@code role} is the xapi role name (e.g. "pool-admin") when known. */
    record AuthOutcome(Status status, String user, String role, String detail) {
        public boolean ok() {
            return status == Status.OK;
        }
    }

    enum Status {
        /** Credentials accepted by xapi. */
        OK,
        /** xapi said SESSION_AUTHENTICATION_FAILED (or the user may not log in). */
        DENIED,
        /** Too many recent failures from this client: refused without asking xapi. */
        RATE_LIMITED,
        /** xapi could not be reached or answered unexpectedly. */
        UNAVAILABLE
    }
}
