package org.xenwbem.bridge.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Slows down password guessing without locking anybody out. It decides when a credential check that
 * the cache could not answer may go to xapi; it never sees a password.
 * <ul>
 *   <li><b>Per client address and user name</b>: after the k-th failed check in a row, the next check
 *       for that pair waits until {@code firstDelay × 2^(k−1)} (at most {@code maxDelay}) after that
 *       failure — xapi answers every failed login after a fixed 5 s; this delay grows. While such a pair
 *       has a check in flight, no second one starts. A success forgets the pair; so does
 *       {@code forgetAfter} without a failure.</li>
 *   <li><b>Per client address</b> (IPv6: per /64): at most {@code failuresPerWindow} failed checks in any
 *       {@code window}, a check in flight counting as failed until it ends, so parallel guesses cannot
 *       overshoot. Successful and inconclusive checks do not count.</li>
 *   <li><b>Memory</b>: at most {@code maxKeys} pairs and {@code maxAddresses} addresses (each with at
 *       most {@code failuresPerWindow} timestamps); the least recently used are dropped beyond that.</li>
 * </ul>
 * A caller asks {@link #admit}; when admitted it asks xapi and then calls {@link #release} once. Thread-safe.
 */
final class LoginThrottle {
    /** How often a check blocked only by another check in flight looks again. */
    static final Duration POLL = Duration.ofMillis(200);

    /** The limits; {@link #DEFAULTS} in the product. */
    record Limits(Duration firstDelay, Duration maxDelay, int failuresPerWindow, Duration window,
                  Duration forgetAfter, int maxKeys, int maxAddresses) {
    }

    /** 1 s, 2 s, 4 s … 32 s per user and address; 12 failed checks a minute per address. */
    static final Limits DEFAULTS = new Limits(Duration.ofSeconds(1), Duration.ofSeconds(32), 12,
            Duration.ofSeconds(60), Duration.ofMinutes(10), 10_000, 10_000);

    /** Admitted now, or to be asked again at {@code retryAt}. */
    record Decision(boolean admitted, Instant retryAt) {
        static final Decision ADMITTED = new Decision(true, null);
    }

    /** How an admitted check ended. */
    enum Result { SUCCEEDED, FAILED, INCONCLUSIVE }

    private record Key(String address, String user) {
    }

    private static final class KeyState {
        int failures;
        Instant lastFailure;
        int inFlight;
    }

    private static final class AddressState {
        final ArrayDeque<Instant> failures = new ArrayDeque<>();
        int inFlight;
    }

    private final Limits limits;
    private final Map<Key, KeyState> keys;
    private final Map<String, AddressState> addresses;

    LoginThrottle(Limits limits) {
        this.limits = limits;
        this.keys = lru(limits.maxKeys());
        this.addresses = lru(limits.maxAddresses());
    }

    private static <K, V> Map<K, V> lru(int max) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > max;
            }
        };
    }

    /**
     * May a check of {@code user} from {@code client} go to xapi now? When admitted, it is counted as in
     * flight until {@link #release}. {@code trusted}: the credential matched one xapi accepted before
     * (a guesser cannot present it), so it is admitted regardless of anyone's failures, and counted.
     */
    synchronized Decision admit(String client, String user, boolean trusted, Instant now) {
        Key key = new Key(addressKey(client), user);
        KeyState k = keys.get(key);
        AddressState a = addresses.get(key.address());
        if (!trusted) {
            Instant at = later(keyReady(k, now), addressReady(a, now));
            if (at.isAfter(now)) {
                return new Decision(false, at);
            }
        }
        keys.computeIfAbsent(key, x -> new KeyState()).inFlight++;
        addresses.computeIfAbsent(key.address(), x -> new AddressState()).inFlight++;
        return Decision.ADMITTED;
    }

    /** Ends a check that {@link #admit} admitted. */
    synchronized void release(String client, String user, Result result, Instant now) {
        Key key = new Key(addressKey(client), user);
        KeyState k = keys.get(key);
        AddressState a = addresses.get(key.address());
        if (k != null) {
            k.inFlight = Math.max(0, k.inFlight - 1);
        }
        if (a != null) {
            a.inFlight = Math.max(0, a.inFlight - 1);
        }
        if (result == Result.SUCCEEDED && k != null) {
            k.failures = 0;
        } else if (result == Result.FAILED) {
            k = keys.computeIfAbsent(key, x -> new KeyState());
            k.failures++;
            k.lastFailure = now;
            a = addresses.computeIfAbsent(key.address(), x -> new AddressState());
            a.failures.addLast(now);
            while (a.failures.size() > limits.failuresPerWindow()) {
                a.failures.removeFirst();
            }
        }
        if (k != null && k.failures == 0 && k.inFlight == 0) {
            keys.remove(key);
        }
    }

    /** When the pair's own failures let it be checked again. */
    private Instant keyReady(KeyState k, Instant now) {
        if (k == null || k.failures == 0) {
            return now;
        }
        if (!now.isBefore(k.lastFailure.plus(limits.forgetAfter()))) {
            k.failures = 0;
            return now;
        }
        Instant after = k.lastFailure.plus(delay(k.failures));
        return k.inFlight > 0 ? later(after, now.plus(POLL)) : after;
    }

    /** When the address's budget of failed checks has room again. */
    private Instant addressReady(AddressState a, Instant now) {
        if (a == null) {
            return now;
        }
        Instant cutoff = now.minus(limits.window());
        while (!a.failures.isEmpty() && !a.failures.peekFirst().isAfter(cutoff)) {
            a.failures.removeFirst();
        }
        if (a.failures.size() + a.inFlight < limits.failuresPerWindow()) {
            return now;
        }
        if (a.failures.size() >= limits.failuresPerWindow()) {
            return a.failures.peekFirst().plus(limits.window());
        }
        return now.plus(POLL); // full only with checks in flight: one of them may end any moment
    }

    /** The wait after the k-th failure in a row. */
    Duration delay(int failures) {
        Duration d = limits.firstDelay().multipliedBy(1L << Math.min(failures - 1, 30));
        return d.compareTo(limits.maxDelay()) > 0 ? limits.maxDelay() : d;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    /** IPv4 and other client strings as they are; IPv6 by its /64 (one subscriber's whole allocation). */
    static String addressKey(String client) {
        String c = client == null ? "" : client;
        if (c.startsWith("[") && c.endsWith("]")) {
            c = c.substring(1, c.length() - 1);
        }
        if (c.indexOf(':') < 0) {
            return c;
        }
        try {
            // bracketed, an invalid literal fails instead of becoming a name lookup
            java.net.InetAddress address = java.net.InetAddress.getByName("[" + c + "]");
            if (address instanceof java.net.Inet4Address) {
                return address.getHostAddress(); // IPv4-mapped
            }
            byte[] b = address.getAddress();
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < 8; i += 2) {
                s.append(Integer.toHexString(((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF))).append(':');
            }
            return s.append(":/64").toString();
        } catch (java.net.UnknownHostException e) {
            return c;
        }
    }

    /** Pairs and addresses currently remembered (for tests and the benchmark). */
    synchronized int[] size() {
        return new int[] {keys.size(), addresses.size()};
    }
}
