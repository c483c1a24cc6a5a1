package org.xenwbem.tls;

import java.io.IOException;
import java.math.BigInteger;
import java.io.StringWriter;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import javax.crypto.interfaces.DHPublicKey;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.pkcs.DHParameter;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;

/** Test-only helpers: key pairs, PEM text, and client SSL contexts (trust-all lives only here). */
final class TestTls {
    private TestTls() {
    }

    /** RSA 2048: quicker to generate than production's 3072; the readers do not care. */
    static KeyPair rsa2048() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    static KeyPair ecP256() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    /** PEM of each object as BC writes it: PrivateKey → PKCS#1 / SEC1, certificate, PemObject. */
    static String pem(Object... objects) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            for (Object object : objects) {
                writer.writeObject(object);
            }
        }
        return text.toString();
    }

    /** PKCS#8 {@code PRIVATE KEY} block. */
    static PemObject pkcs8(PrivateKey key) throws IOException {
        return new JcaPKCS8Generator(key, null).generate();
    }

    /**
     * SEC1 {@code EC PRIVATE KEY} with the curve named inside, as OpenSSL writes it (BC's writer
     * leaves the curve out for JDK keys).
     */
    static PemObject sec1(ECPrivateKey key) throws IOException {
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
        ASN1Encodable curve = info.getPrivateKeyAlgorithm().getParameters();
        int orderBits = key.getParams().getOrder().bitLength();
        return new PemObject("EC PRIVATE KEY",
                new org.bouncycastle.asn1.sec.ECPrivateKey(orderBits, key.getS(), curve).getEncoded());
    }

    /** A CA certificate for {@code keys}, subject {@code CN=<name>}, valid for a day around now. */
    static X509Certificate caCertificate(KeyPair keys, String name) throws Exception {
        X500Name subject = new X500Name("CN=" + name);
        return sign(subject, keys.getPublic(), subject, keys, true);
    }

    /** A server certificate for {@code subjectKeys} issued by {@code issuer}. */
    static X509Certificate issuedBy(X509Certificate issuer, KeyPair issuerKeys, KeyPair subjectKeys, String cn)
            throws Exception {
        return sign(new X500Name("CN=" + cn), subjectKeys.getPublic(),
                X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded()), issuerKeys, false);
    }

    private static X509Certificate sign(X500Name subject, PublicKey subjectKey, X500Name issuer, KeyPair issuerKeys,
            boolean ca) throws Exception {
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minusSeconds(3600)), Date.from(now.plusSeconds(86_400)), subject, subjectKey)
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        String algorithm = "EC".equals(issuerKeys.getPrivate().getAlgorithm()) ? "SHA256withECDSA" : "SHA256withRSA";
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder(algorithm).build(issuerKeys.getPrivate())));
    }

    /** A {@code DH PARAMETERS} block like the one xapi-ssl.pem may carry. */
    static PemObject dhParameters() throws GeneralSecurityException, IOException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("DH");
        generator.initialize(2048);
        DHPublicKey key = (DHPublicKey) generator.generateKeyPair().getPublic();
        DHParameter parameter = new DHParameter(key.getParams().getP(), key.getParams().getG(), 0);
        return new PemObject("DH PARAMETERS", parameter.getEncoded());
    }

    static Path write(Path dir, String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.US_ASCII);
    }

    /** Accepts any server certificate and skips host name checks. Tests only. */
    static SSLContext trustAll() throws GeneralSecurityException {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new TrustAll()}, null);
        return context;
    }

    /** Trusts exactly {@code certificate}, with the JDK's normal host name verification. */
    static SSLContext trusting(X509Certificate certificate) throws GeneralSecurityException, IOException {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server", certificate);
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    private static final class TrustAll extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
