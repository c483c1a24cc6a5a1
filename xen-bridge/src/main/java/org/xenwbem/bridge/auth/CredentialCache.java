package org.xenwbem.bridge.auth;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.xenwbem.bridge.client.PasswordDigest;

/**
 * Credentials xapi accepted: per user a random salt, SHA-256(salt ‖ UTF-8 password), the role and when
 * xapi accepted it. Within the TTL a match is answered from here; up to {@link #REMEMBER} a match is
 * only "known good": it is checked with xapi again, but nobody's failed logins hold it back.
 * Lookups compare digests in constant time. The password itself is never stored.
 */
final class CredentialCache {
    /** Bound on remembered users; expired entries are swept when it is reached, then any one is dropped. */
    private static final int MAX_ENTRIES = 10_000;
    /** How long an accepted credential counts as known good (checked again, never throttled). */
    static final Duration REMEMBER = Duration.ofHours(24);

    /** A match: the role remembered for the user (may be null when it was unknown); fresh within the TTL. */
    record Hit(String role, boolean fresh) {
    }

    private record Entry(byte[] salt, byte[] digest, String role, Instant verified) {
    }

    private final Duration ttl;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    CredentialCache(Duration ttl) {
        this.ttl = ttl;
    }

    /** The user's remembered credential, when {@code password} is the one xapi accepted within {@link #REMEMBER}. */
    Optional<Hit> lookup(String user, char[] password, Instant now) {
        Entry e = entries.get(user);
        if (e == null) {
            return Optional.empty();
        }
        if (!now.isBefore(e.verified().plus(REMEMBER))) {
            entries.remove(user, e);
            return Optional.empty();
        }
        if (!MessageDigest.isEqual(e.digest(), digest(e.salt(), password))) {
            return Optional.empty();
        }
        boolean fresh = !ttl.isZero() && !ttl.isNegative() && now.isBefore(e.verified().plus(ttl));
        return Optional.of(new Hit(e.role(), fresh));
    }

    void put(String user, char[] password, String role, Instant now) {
        if (entries.size() >= MAX_ENTRIES) {
            entries.values().removeIf(e -> !now.isBefore(e.verified().plus(REMEMBER)));
            var it = entries.keySet().iterator();
            while (entries.size() >= MAX_ENTRIES && it.hasNext()) {
                it.next();
                it.remove();
            }
        }
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        entries.put(user, new Entry(salt, digest(salt, password), role, now));
    }

    /** Forgets the user's credential if it is {@code password} (xapi no longer accepts it). */
    void forget(String user, char[] password) {
        Entry e = entries.get(user);
        if (e != null && MessageDigest.isEqual(e.digest(), digest(e.salt(), password))) {
            entries.remove(user, e);
        }
    }

    private static byte[] digest(byte[] salt, char[] password) {
        return PasswordDigest.salted(salt, password);
    }

    @Override
    public String toString() {
        return "CredentialCache[ttl=" + ttl + ", users=" + entries.size() + "]";
    }
}
