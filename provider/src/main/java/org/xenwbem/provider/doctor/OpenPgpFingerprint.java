package org.xenwbem.provider.doctor;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The OpenPGP v4 fingerprint (RFC 4880 §12.2) of an RSA public key: SHA-1 over {@code 0x99}, the
 * two-byte length and the public-key packet body (version 4, creation time, algorithm 1, MPI n,
 * MPI e). The pack signs its installation manifest with the key that signs the ISO and the RPMs;
 * recomputing the fingerprint from the key that actually verifies the manifest lets an admin
 * compare it with {@code gpg --show-keys xenwbem-signing-key.asc} without any OpenPGP library.
 */
public final class OpenPgpFingerprint {
    private static final int RSA = 1;

    private OpenPgpFingerprint() {
    }

    /**
     * @param key            an RSA public key
     * @param createdSeconds the OpenPGP key's creation time, seconds since the epoch
     * @return 40 upper-case hex digits, as {@code gpg --with-colons} prints them
     * @throws IllegalArgumentException when the key is not RSA
     */
    public static String of(PublicKey key, long createdSeconds) {
        if (!(key instanceof RSAPublicKey rsa)) {
            throw new IllegalArgumentException("only RSA keys have a fingerprint here, not " + key.getAlgorithm());
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(4);
        body.write((int) (createdSeconds >>> 24));
        body.write((int) (createdSeconds >>> 16));
        body.write((int) (createdSeconds >>> 8));
        body.write((int) createdSeconds);
        body.write(RSA);
        mpi(body, rsa.getModulus());
        mpi(body, rsa.getPublicExponent());
        byte[] b = body.toByteArray();
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update((byte) 0x99);
            sha1.update((byte) (b.length >>> 8));
            sha1.update((byte) b.length);
            sha1.update(b);
            return HexFormat.of().formatHex(sha1.digest()).toUpperCase(Locale.ROOT);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the Java runtime has no SHA-1", e);
        }
    }

    /** An OpenPGP multiprecision integer: bit count (two bytes), then the magnitude without leading zeros. */
    private static void mpi(ByteArrayOutputStream out, BigInteger n) {
        int bits = n.bitLength();
        out.write(bits >>> 8);
        out.write(bits);
        byte[] mag = n.toByteArray();
        int skip = mag.length > 1 && mag[0] == 0 ? 1 : 0;
        out.write(mag, skip, mag.length - skip);
    }
}
