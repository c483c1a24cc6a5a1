package org.xenwbem.tls;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPrivateCrtKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** KeyChecks: an RSA key is matched to its certificate's key without a signature, and exactly. */
class KeyChecksTest {
    private static KeyPair pair;
    private static KeyPair other;

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        pair = g.generateKeyPair();
        other = g.generateKeyPair();
    }

    @Test
    void theRightKeyMatchesAndAnotherDoesNot() throws Exception {
        assertTrue(KeyChecks.matches(pair.getPrivate(), pair.getPublic()));
        assertFalse(KeyChecks.matches(other.getPrivate(), pair.getPublic()));
    }

    @Test
    void aDamagedPrivatePartWithTheRightModulusIsRefused() throws Exception {
        RSAPrivateCrtKey k = (RSAPrivateCrtKey) pair.getPrivate();
        BigInteger two = BigInteger.TWO;
        BigInteger[][] damaged = {
            {k.getPrivateExponent().add(two), k.getPrimeExponentP(), k.getPrimeExponentQ(), k.getCrtCoefficient()},
            {k.getPrivateExponent(), k.getPrimeExponentP().add(two), k.getPrimeExponentQ(), k.getCrtCoefficient()},
            {k.getPrivateExponent(), k.getPrimeExponentP(), k.getPrimeExponentQ().add(two), k.getCrtCoefficient()},
            {k.getPrivateExponent(), k.getPrimeExponentP(), k.getPrimeExponentQ(), k.getCrtCoefficient().add(two)},
        };
        KeyFactory f = KeyFactory.getInstance("RSA");
        for (BigInteger[] d : damaged) {
            RSAPrivateCrtKey bad = (RSAPrivateCrtKey) f.generatePrivate(new RSAPrivateCrtKeySpec(k.getModulus(),
                    k.getPublicExponent(), d[0], k.getPrimeP(), k.getPrimeQ(), d[1], d[2], d[3]));
            assertFalse(KeyChecks.consistent(bad));
            assertFalse(KeyChecks.matches(bad, pair.getPublic()));
        }
    }
}
