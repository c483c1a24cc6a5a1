package org.xenwbem.bridge.client;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * What the daemon keeps of a password to recognise it again, never the password: SHA-256 of a random
 * salt and the password's UTF-8 bytes, the bytes wiped after use. Compare with
 * {@link MessageDigest#isEqual} (constant time).
 */
public final class PasswordDigest {
    private PasswordDigest() {
    }

    public static byte[] salted(byte[] salt, char[] password) {
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
}
