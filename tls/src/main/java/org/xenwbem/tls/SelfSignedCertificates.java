package org.xenwbem.tls;

import java.math.BigInteger;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Issues the daemon's self-signed server certificate with Bouncy Castle (signing and key
 * generation use the JDK's providers; BC is not installed as a JCA provider).
 *
 * <p>Key: RSA 3072. RSA because every client the daemon must serve — SCVMM/WinRM on Windows
 * Schannel, curl with OpenSSL or GnuTLS, Python, Java, openwsman/wbemcli on old distributions —
 * accepts RSA server certificates, and xapi's own certificate is RSA; ECDSA certificates still trip
 * up some older Schannel and embedded stacks. 3072 bits rather than 2048 because the certificate is
 * valid for ten years, well past 2030, when NIST SP 800-57 retires 112-bit strength; the extra
 * handshake cost is irrelevant for a management endpoint and key generation happens once.
 */
final class SelfSignedCertificates {
    static final String KEY_ALGORITHM = "RSA";
    static final int KEY_BITS = 3072;
    static final String ORGANIZATION = "xenwbem";
    static final int VALIDITY_YEARS = 10;
    private static final SecureRandom RANDOM = new SecureRandom();

    private SelfSignedCertificates() {
    }

    static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(KEY_ALGORITHM);
            generator.initialize(KEY_BITS, RANDOM);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides RSA", e);
        }
    }

    /** A certificate for {@code names}, valid from one day before {@code now} for ten years. */
    static X509Certificate issue(KeyPair keys, HostNames names, Instant now) throws GeneralSecurityException {
        Instant notBefore = now.minusSeconds(24 * 3600);
        Instant notAfter = notBefore.atOffset(ZoneOffset.UTC).plusYears(VALIDITY_YEARS).toInstant();
        return issue(keys, names, notBefore, notAfter);
    }

    /** A certificate for {@code names} with the given validity (tests use past dates). */
    static X509Certificate issue(KeyPair keys, HostNames names, Instant notBefore, Instant notAfter)
            throws GeneralSecurityException {
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, ORGANIZATION)
                .addRDN(BCStyle.CN, names.commonName())
                .build();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serialNumber(),
                Date.from(notBefore), Date.from(notAfter), subject, keys.getPublic());
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.subjectAlternativeName, false, subjectAltNames(names))
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true,
                            new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
                    .addExtension(Extension.extendedKeyUsage, false,
                            new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(keys.getPublic()));
            ContentSigner signer = new JcaContentSignerBuilder(signatureAlgorithm(keys)).build(keys.getPrivate());
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (CertIOException | OperatorCreationException e) {
            throw new GeneralSecurityException("cannot build the certificate for " + names.commonName(), e);
        }
    }

    /** SHA-256 with RSA for the keys generated here; ECDSA keys (tests, imported keys) work too. */
    private static String signatureAlgorithm(KeyPair keys) {
        return "EC".equals(keys.getPublic().getAlgorithm()) ? "SHA256withECDSA" : "SHA256withRSA";
    }

    /** Positive, 128 random bits (RFC 5280 allows up to 20 octets). */
    private static BigInteger serialNumber() {
        BigInteger serial;
        do {
            serial = new BigInteger(128, RANDOM);
        } while (serial.signum() == 0);
        return serial;
    }

    private static GeneralNames subjectAltNames(HostNames names) {
        List<GeneralName> entries = new ArrayList<>();
        for (String dns : names.dnsNames()) {
            entries.add(new GeneralName(GeneralName.dNSName, dns));
        }
        for (InetAddress ip : names.ipAddresses()) {
            entries.add(new GeneralName(GeneralName.iPAddress, new DEROctetString(ip.getAddress())));
        }
        return new GeneralNames(entries.toArray(GeneralName[]::new));
    }
}
