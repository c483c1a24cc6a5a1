package org.xenwbem.bridge.sim;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Accounts and live sessions. Session refs come from {@link SecureRandom}, not from the seed,
 * so they cannot be guessed. Failed logins sleep for the configured delay (xapi sleeps 5 s; settable
 * at run time). Each session remembers the host it was created on ({@code session.get_this_host}).
 * A login through the Unix socket ({@link #loginLocal}) ignores the credentials, as on dom0.
 */
final class SimSessions {
    /** A live session. */
    record Session(String ref, SimUser user, String originator, String hostRef) {
        @Override
        public String toString() {
            return "Session[" + user.name() + "]";
        }
    }

    private final Map<String, SimUser> users;
    private volatile Duration authFailureDelay;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    SimSessions(List<SimUser> users, Duration authFailureDelay) {
        Map<String, SimUser> byName = new ConcurrentHashMap<>();
        users.forEach(u -> byName.put(u.name(), u));
        this.users = byName;
        this.authFailureDelay = authFailureDelay;
    }

    Session login(String name, String password, String originator, String hostRef) throws InterruptedException {
        SimUser u = users.get(name);
        if (u == null || !sameSecret(u.password(), password)) {
            Duration delay = authFailureDelay;
            if (!delay.isZero()) {
                Thread.sleep(delay.toMillis());
            }
            throw new SimFault("SESSION_AUTHENTICATION_FAILED", name, "Authentication failure");
        }
        return open(u, originator, hostRef);
    }

    /** A login through the dom0 Unix socket: any credentials, always the local superuser. */
    Session loginLocal(String originator, String hostRef) {
        SimUser root = users.values().stream().filter(SimUser::localSuperuser).findFirst()
                .orElseThrow(() -> new IllegalStateException("no local superuser"));
        return open(root, originator, hostRef);
    }

    private Session open(SimUser u, String originator, String hostRef) {
        Session s = new Session("OpaqueRef:" + new UUID(random.nextLong(), random.nextLong()), u, originator, hostRef);
        sessions.put(s.ref(), s);
        return s;
    }

    void setAuthFailureDelay(Duration delay) {
        this.authFailureDelay = delay;
    }

    /** The session behind {@code ref}, or SESSION_INVALID. */
    Session require(Object ref) {
        Session s = ref instanceof String r ? sessions.get(r) : null;
        if (s == null) {
            throw new SimFault("SESSION_INVALID", String.valueOf(ref));
        }
        return s;
    }

    /** A session named as an object parameter (e.g. {@code session.get_is_local_superuser(s, self)}). */
    Session lookup(Object ref) {
        Session s = ref instanceof String r ? sessions.get(r) : null;
        if (s == null) {
            throw SimFault.handleInvalid("session", String.valueOf(ref));
        }
        return s;
    }

    void logout(String ref) {
        sessions.remove(ref);
    }

    /** Ends every session (tests use it to provoke SESSION_INVALID). */
    void invalidateAll() {
        sessions.clear();
    }

    int count() {
        return sessions.size();
    }

    private static boolean sameSecret(String expected, String given) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8));
    }
}
