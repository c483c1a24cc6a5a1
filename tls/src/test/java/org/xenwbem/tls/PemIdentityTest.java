package org.xenwbem.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ServerIdentity#loadPem} and {@link ServerIdentity#resolve}, on files laid out like xapi-ssl.pem. */
class PemIdentityTest {
    private static HostNames names;
    private static KeyPair rsa;
    private static X509Certificate rsaCert;
    private static KeyPair other;
    private static X509Certificate otherCert;
    private static PemObject dhParameters;

    @TempDir
    Path dir;

    @BeforeAll
    static void keys() throws Exception {
        names = HostNames.of("xcp1.example.org", List.of(InetAddress.getByName("192.0.2.10")));
        rsa = TestTls.rsa2048();
        rsaCert = SelfSignedCertificates.issue(rsa, names, Instant.now());
        other = TestTls.ecP256();
        otherCert = SelfSignedCertificates.issue(other, HostNames.of("ca.example.org", List.of()), Instant.now());
        dhParameters = TestTls.dhParameters();
    }

    @Test
    void pkcs1KeyWithCertificate() throws Exception {
        String text = TestTls.pem(rsa.getPrivate(), rsaCert);
        assertTrue(text.contains("BEGIN RSA PRIVATE KEY"));
        Path file = TestTls.write(dir, "xapi-ssl.pem", text);

        ServerIdentity identity = ServerIdentity.loadPem(file);

        assertEquals(rsaCert, identity.certificate());
        assertEquals(Fingerprints.sha256(rsaCert), identity.sha256Fingerprint());
        assertEquals("xcp1.example.org", identity.commonName());
        assertEquals("pem:" + file, identity.source());
    }

    @Test
    void pkcs8KeyWithCertificate() throws Exception {
        String text = TestTls.pem(TestTls.pkcs8(rsa.getPrivate()), rsaCert);
        assertTrue(text.contains("BEGIN PRIVATE KEY"));

        ServerIdentity identity = ServerIdentity.loadPem(TestTls.write(dir, "key.pem", text));

        assertEquals(rsaCert, identity.certificate());
    }

    @Test
    void dhParametersAreSkippedWherever() throws Exception {
        Path before = TestTls.write(dir, "before.pem", TestTls.pem(rsa.getPrivate(), dhParameters, rsaCert));
        Path after = TestTls.write(dir, "after.pem", TestTls.pem(rsa.getPrivate(), rsaCert, dhParameters));
        assertTrue(TestTls.pem(dhParameters).contains("BEGIN DH PARAMETERS"));

        assertEquals(rsaCert, ServerIdentity.loadPem(before).certificate());
        assertEquals(rsaCert, ServerIdentity.loadPem(after).certificate());
    }

    @Test
    void ecKeyAfterItsCertificate() throws Exception {
        String text = TestTls.pem(otherCert, TestTls.sec1((ECPrivateKey) other.getPrivate()));
        assertTrue(text.contains("BEGIN EC PRIVATE KEY"));

        assertEquals(otherCert, ServerIdentity.loadPem(TestTls.write(dir, "ec.pem", text)).certificate());
    }

    @Test
    void serverCertificateLeadsItsIssuersWhateverTheFileOrder() throws Exception {
        X509Certificate root = TestTls.caCertificate(other, "Test Root");
        KeyPair intermediateKeys = TestTls.ecP256();
        X509Certificate intermediate = TestTls.issuedBy(root, other, intermediateKeys, "Test Intermediate");
        X509Certificate leaf = TestTls.issuedBy(intermediate, intermediateKeys, rsa, "xcp1.example.org");
        Path file = TestTls.write(dir, "chain.pem",
                TestTls.pem(root, rsa.getPrivate(), dhParameters, leaf, intermediate));

        ServerIdentity identity = ServerIdentity.loadPem(file);

        assertEquals(List.of(leaf, intermediate, root), identity.chain());
        assertEquals(3, identity.keyStore().getCertificateChain(ServerIdentity.KEY_ALIAS).length);
    }

    @Test
    void unrelatedCertificatesAreLeftOut() throws Exception {
        Path file = TestTls.write(dir, "extra.pem", TestTls.pem(otherCert, rsa.getPrivate(), rsaCert));

        assertEquals(List.of(rsaCert), ServerIdentity.loadPem(file).chain());
    }

    @Test
    void keyNotMatchingTheCertificateIsRefused() throws Exception {
        Path file = TestTls.write(dir, "mismatch.pem", TestTls.pem(rsa.getPrivate(), otherCert));

        TlsConfigException e = assertThrows(TlsConfigException.class, () -> ServerIdentity.loadPem(file));
        assertTrue(e.getMessage().contains("does not match") && e.getMessage().contains(file.toString()),
                e.getMessage());
    }

    @Test
    void sameAlgorithmButOtherKeyIsRefused() throws Exception {
        KeyPair stranger = TestTls.ecP256();
        Path file = TestTls.write(dir, "stranger.pem", TestTls.pem(stranger.getPrivate(), otherCert));

        assertThrows(TlsConfigException.class, () -> ServerIdentity.loadPem(file));
    }

    @Test
    void missingFileSaysSo() {
        Path file = dir.resolve("absent.pem");

        TlsConfigException e = assertThrows(TlsConfigException.class, () -> ServerIdentity.loadPem(file));
        assertTrue(e.getMessage().contains("does not exist") && e.getMessage().contains(file.toString()));
    }

    @Test
    void fileWithoutKeySaysSo() throws Exception {
        Path file = TestTls.write(dir, "cert-only.pem", TestTls.pem(rsaCert));

        TlsConfigException e = assertThrows(TlsConfigException.class, () -> ServerIdentity.loadPem(file));
        assertTrue(e.getMessage().contains("no private key") && e.getMessage().contains(file.toString()));
    }

    @Test
    void fileWithoutCertificateSaysSo() throws Exception {
        Path file = TestTls.write(dir, "key-only.pem", TestTls.pem(rsa.getPrivate(), dhParameters));

        TlsConfigException e = assertThrows(TlsConfigException.class, () -> ServerIdentity.loadPem(file));
        assertTrue(e.getMessage().contains("no certificate") && e.getMessage().contains(file.toString()));
    }

    @Test
    void encryptedKeyIsRefused() throws Exception {
        PemObject encrypted = new JcaPKCS8Generator(rsa.getPrivate(),
                new JceOpenSSLPKCS8EncryptorBuilder(JcaPKCS8Generator.AES_256_CBC)
                        .setProvider(new BouncyCastleProvider()) // test only: BC is never installed globally
                        .setPassword("secret".toCharArray()).build()).generate();
        Path file = TestTls.write(dir, "encrypted.pem", TestTls.pem(encrypted, rsaCert));

        TlsConfigException e = assertThrows(TlsConfigException.class, () -> ServerIdentity.loadPem(file));
        assertTrue(e.getMessage().contains("encrypted"), e.getMessage());
    }

    @Test
    void corruptPemIsRefused() throws Exception {
        Path file = TestTls.write(dir, "corrupt.pem",
                "-----BEGIN CERTIFICATE-----\nnot base64 at all!\n-----END CERTIFICATE-----\n");

        assertThrows(TlsConfigException.class, () -> ServerIdentity.loadPem(file));
    }

    @Test
    void resolvePrefersTheExplicitPem() throws Exception {
        Path explicit = TestTls.write(dir, "explicit.pem", TestTls.pem(otherCert, TestTls.pkcs8(other.getPrivate())));
        Path xapi = TestTls.write(dir, "xapi-ssl.pem", TestTls.pem(rsa.getPrivate(), rsaCert));

        ServerIdentity identity = ServerIdentity.resolve(explicit, dir.resolve("state"), names, xapi);

        assertEquals("pem:" + explicit, identity.source());
    }

    @Test
    void resolveFailsOnABrokenExplicitPem() throws Exception {
        Path explicit = TestTls.write(dir, "explicit.pem", TestTls.pem(otherCert));
        Path xapi = TestTls.write(dir, "xapi-ssl.pem", TestTls.pem(rsa.getPrivate(), rsaCert));

        assertThrows(TlsConfigException.class, () -> ServerIdentity.resolve(explicit, dir, names, xapi));
    }

    @Test
    void resolveUsesXapiCertificateWhenPresent() throws Exception {
        Path xapi = TestTls.write(dir, "xapi-ssl.pem", TestTls.pem(rsa.getPrivate(), rsaCert, dhParameters));

        ServerIdentity identity = ServerIdentity.resolve(null, dir.resolve("state"), names, xapi);

        assertEquals("pem:" + xapi, identity.source());
        assertEquals(rsaCert, identity.certificate());
    }

    @Test
    void resolveFallsBackToTheStateDirectory() throws Exception {
        Path state = dir.resolve("state");
        new GeneratedIdentityStore(state).save(other.getPrivate(), List.of(otherCert));
        Path broken = TestTls.write(dir, "xapi-ssl.pem", TestTls.pem(otherCert));

        ServerIdentity absent = ServerIdentity.resolve(null, state, names, dir.resolve("absent.pem"));
        ServerIdentity unusable = ServerIdentity.resolve(null, state, names, broken);

        assertEquals("generated:" + state.resolve("server.p12"), absent.source());
        assertEquals(Fingerprints.sha256(otherCert), absent.sha256Fingerprint());
        assertEquals(absent.sha256Fingerprint(), unusable.sha256Fingerprint());
    }
}
