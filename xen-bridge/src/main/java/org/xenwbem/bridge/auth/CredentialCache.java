package org.xenwbem.bridge.auth;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Recently accepted credentials: per user a random salt, SHA-256(salt ‖ UTF-8 password), the role
 * and an expiry. Lookups compare digests in constant time. The password itself is never stored.
 */
final class CredentialCache {
    /** Bound on remembered users; expired entries are swept when it is reached. */
    private static final int MAX_ENTRIES = 10_000;

    /** A cache hit: the role remembered for the user (may be null when it was unknown). */
    record Hit(String role) {
    }

    private record Entry(byte[] salt, byte[] digest, String role, Instant expires) {
    }

    private final Duration ttl;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    CredentialCache(Duration ttl) {
        this.ttl = ttl;
    }

    Optional<Hit> lookup(String user, char[] password, Instant now) {
        Entry e = entries.get(user);
        if (e == null) {
            return Optional.empty();
        }
        if (!now.isBefore(e.expires())) {
            entries.remove(user, e);
            return Optional.empty();
        }
        return MessageDigest.isEqual(e.digest(), digest(e.salt(), password))
                ? Optional.of(new Hit(e.role())) : Optional.empty();
    }

    void put(String user, char[] password, String role, Instant now) {
        if (ttl.isZero() || ttl.isNegative()) {
            return;
        }
        if (entries.size() >= MAX_ENTRIES) {
            entries.values().removeIf(e -> !now.isBefore(e.expires()));
        }
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        entries.put(user, new Entry(salt, digest(salt, password), role, now.plus(ttl)));
    }

    void forget(String user) {
        entries.remove(user);
    }

    private static byte[] digest(byte[] salt, char[] password) {
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] pw = new byte[bytes.remaining()];
        bytes.get(pw);
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(salt);
            sha.update(pw);
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        } finally {
            Arrays.fill(pw, (byte) 0);
            if (bytes.hasArray()) {
                Arrays.fill(bytes.array(), (byte) 0);
            }
        }
    }

    @Override
    public String toString() {
        return "CredentialCache[ttl=" + ttl + ", users=" + entries.size() + "]";
    }
}
