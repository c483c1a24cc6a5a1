package org.xenwbem.bridge;

/**
 * Verifies a user's XenAPI credentials with {@code session.login_with_password} over TCP (never the
 * dom0 Unix socket, which accepts anyone), caching positive answers briefly as a salted hash and
 * slowing down failed logins per client address and user name. Never logs passwords or session references.
 */
public interface CredentialChecker {
    /**
     * Checks once, without waiting: a check that has to wait for earlier failures to age answers
     * {@link Status#RATE_LIMITED} at once with the time to wait in {@link AuthOutcome#retryAfter()}; the
     * caller may ask again after that (without holding a thread meanwhile) or refuse.
     */
    AuthOutcome check(String user, char[] password, String clientAddress);

    /**
     * The result of one check. {@code role} is the xapi role name (e.g. "pool-admin") when known;
     * {@code retryAfter} is set for {@link Status#RATE_LIMITED} only.
     */
    record AuthOutcome(Status status, String user, String role, String detail, java.time.Duration retryAfter) {
        public AuthOutcome(Status status, String user, String role, String detail) {
            this(status, user, role, detail, null);
        }

        public boolean ok() {
            return status == Status.OK;
        }
    }

    enum Status {
        /** Credentials accepted by xapi. */
        OK,
        /** xapi said SESSION_AUTHENTICATION_FAILED (or the user may not log in). */
        DENIED,
        /** Recent failures from this client (address and user name): not checked yet; ask again after {@code retryAfter}. */
        RATE_LIMITED,
        /** xapi could not be reached or answered unexpectedly. */
        UNAVAILABLE
    }
}
