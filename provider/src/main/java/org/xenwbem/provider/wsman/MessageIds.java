package org.xenwbem.provider.wsman;

import java.security.SecureRandom;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Identifiers the endpoint makes per message, without the JDK's one shared {@link SecureRandom}
 * ({@link UUID#randomUUID()} takes its lock and reads /dev/urandom each time: under a soak of 64
 * clients JFR showed every request thread queueing there for a response's wsa:MessageID). A
 * response's MessageID need only be unique, so it comes from the thread's own fast generator; an
 * identifier a client must not guess (an enumeration context, a subscription) comes from a
 * SecureRandom of the thread's own (a DRBG, seeded from the system), never shared.
 */
public final class MessageIds {
    private static final ThreadLocal<SecureRandom> SECURE = ThreadLocal.withInitial(MessageIds::drbg);

    private MessageIds() {
    }

    /** {@code uuid:} and a random (version 4) UUID, unique but not secret: for wsa:MessageID. */
    public static String next() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "uuid:" + uuid(r.nextLong(), r.nextLong());
    }

    /** {@code uuid:} and a random (version 4) UUID from a cryptographically strong generator. */
    public static String secret() {
        byte[] b = new byte[16];
        SECURE.get().nextBytes(b);
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 8; i++) {
            hi = hi << 8 | (b[i] & 0xff);
            lo = lo << 8 | (b[i + 8] & 0xff);
        }
        return "uuid:" + uuid(hi, lo);
    }

    private static UUID uuid(long hi, long lo) {
        return new UUID(hi & ~0xF000L | 0x4000L, lo & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L);
    }

    private static SecureRandom drbg() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (java.security.NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    }
}
