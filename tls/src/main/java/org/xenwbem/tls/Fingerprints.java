package org.xenwbem.tls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;

/** Certificate fingerprints as browsers and {@code openssl x509 -fingerprint} print them. */
final class Fingerprints {
    private static final HexFormat COLON_HEX = HexFormat.ofDelimiter(":").withUpperCase();

    private Fingerprints() {
    }

    /** SHA-256 of the DER encoding: 32 upper-case hex pairs joined by ':'. */
    static String sha256(X509Certificate certificate) throws CertificateEncodingException {
        try {
            return COLON_HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
