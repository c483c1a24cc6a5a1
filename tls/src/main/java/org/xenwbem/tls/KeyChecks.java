package org.xenwbem.tls;

import java.math.BigInteger;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;

/**
 * Whether a private key belongs to a certificate's public key: for an RSA key with its CRT parameters
 * (what PKCS#1, PKCS#8 and PKCS#12 files hold), the same modulus and public exponent and a modulus that is
 * the product of its primes; for any other key, sign a random challenge and verify it. The RSA check is
 * exact and costs no signature: an RSA-3072 signature made by cold code was ~0.13 s of CPU on every start
 * (issue #15 item 4).
 */
final class KeyChecks {
    private static final SecureRandom RANDOM = new SecureRandom();

    private KeyChecks() {
    }

    /**
     * True when {@code publicKey} verifies what {@code privateKey} signs.
     *
     * @throws NoSuchAlgorithmException when the key type cannot sign at all here (e.g. DH)
     */
    static boolean matches(PrivateKey privateKey, PublicKey publicKey) throws NoSuchAlgorithmException {
        if (!family(privateKey.getAlgorithm()).equals(family(publicKey.getAlgorithm()))) {
            return false;
        }
        if (privateKey instanceof RSAPrivateCrtKey crt && publicKey instanceof RSAPublicKey pub) {
            return crt.getModulus().equals(pub.getModulus()) && crt.getPublicExponent().equals(pub.getPublicExponent())
                    && consistent(crt);
        }
        byte[] challenge = new byte[32];
        RANDOM.nextBytes(challenge);
        String algorithm = signatureAlgorithm(privateKey.getAlgorithm());
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(privateKey);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(publicKey);
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (InvalidKeyException | SignatureException e) {
            return false;
        }
    }

    /**
     * True when the key's private half is whole: n = pq, and d, dP, dQ and qInv are the inverses they
     * must be. A damaged private part with the right modulus would otherwise pass, and the daemon would
     * start only to fail every handshake.
     */
    static boolean consistent(RSAPrivateCrtKey k) {
        BigInteger p = k.getPrimeP();
        BigInteger q = k.getPrimeQ();
        BigInteger e = k.getPublicExponent();
        if (p == null || q == null || p.signum() <= 0 || q.signum() <= 0 || !p.multiply(q).equals(k.getModulus())) {
            return false;
        }
        BigInteger p1 = p.subtract(BigInteger.ONE);
        BigInteger q1 = q.subtract(BigInteger.ONE);
        BigInteger lambda = p1.divide(p1.gcd(q1)).multiply(q1);
        return isOne(e.multiply(k.getPrivateExponent()), lambda) && isOne(e.multiply(k.getPrimeExponentP()), p1)
                && isOne(e.multiply(k.getPrimeExponentQ()), q1) && isOne(k.getCrtCoefficient().multiply(q), p);
    }

    private static boolean isOne(BigInteger v, BigInteger modulus) {
        return modulus.signum() > 0 && v.mod(modulus).equals(BigInteger.ONE);
    }

    private static String family(String keyAlgorithm) {
        return "ECDSA".equals(keyAlgorithm) ? "EC" : keyAlgorithm;
    }

    private static String signatureAlgorithm(String keyAlgorithm) throws NoSuchAlgorithmException {
        return switch (family(keyAlgorithm)) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "DSA" -> "SHA256withDSA";
            case "Ed25519", "Ed448", "EdDSA" -> keyAlgorithm;
            default -> throw new NoSuchAlgorithmException("unsupported private key type " + keyAlgorithm);
        };
    }
}
