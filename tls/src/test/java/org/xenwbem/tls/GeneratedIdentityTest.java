package org.xenwbem.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The self-signed identity: one RSA 3072 key generated for the class, more only where a test needs one. */
class GeneratedIdentityTest {
    private static final String FINGERPRINT = "^([0-9A-F]{2}:){31}[0-9A-F]{2}$";

    @TempDir
    static Path shared;
    private static Path stateDir;
    private static HostNames names;
    private static ServerIdentity identity;

    @BeforeAll
    static void generateOnce() throws Exception {
        stateDir = shared.resolve("var/lib/xenwbem");
        names = HostNames.of("host1.example.com", List.of(InetAddress.getByName("10.0.0.5"),
                InetAddress.getByName("2001:db8::5")));
        identity = ServerIdentity.loadOrGenerate(stateDir, names);
    }

    @Test
    void reloadGivesTheSameCertificate() throws Exception {
        ServerIdentity again = ServerIdentity.loadOrGenerate(stateDir, names);

        assertEquals(identity.sha256Fingerprint(), again.sha256Fingerprint());
        assertEquals("generated:" + stateDir.resolve("server.p12"), again.source());
    }

    @Test
    void subjectAndAlternativeNamesFollowHostNames() throws Exception {
        X509Certificate cert = identity.certificate();

        assertEquals("CN=host1.example.com,O=xenwbem", cert.getSubjectX500Principal().getName());
        assertEquals(cert.getSubjectX500Principal(), cert.getIssuerX500Principal());
        assertEquals("host1.example.com", identity.commonName());
        Set<String> sans = cert.getSubjectAlternativeNames().stream()
                .map(entry -> entry.get(0) + ":" + entry.get(1)).collect(Collectors.toSet());
        assertEquals(Set.of("2:host1.example.com", "2:host1", "2:localhost", "7:10.0.0.5", "7:2001:db8:0:0:0:0:0:5",
                "7:127.0.0.1", "7:0:0:0:0:0:0:0:1"), sans);
    }

    @Test
    void keyAndExtensionsAreThoseOfATlsServerCertificate() throws Exception {
        X509Certificate cert = identity.certificate();

        assertEquals(3072, ((RSAPublicKey) cert.getPublicKey()).getModulus().bitLength());
        assertEquals("SHA256withRSA", cert.getSigAlgName());
        assertEquals(-1, cert.getBasicConstraints());
        assertTrue(cert.getCriticalExtensionOIDs().containsAll(Set.of("2.5.29.19", "2.5.29.15")));
        boolean[] usage = cert.getKeyUsage();
        assertTrue(usage[0] && usage[2], "digitalSignature and keyEncipherment");
        assertEquals(List.of("1.3.6.1.5.5.7.3.1"), cert.getExtendedKeyUsage());
        assertNotNull(cert.getExtensionValue("2.5.29.14"), "subject key identifier");
        assertTrue(cert.getSerialNumber().signum() > 0 && cert.getSerialNumber().bitLength() <= 128);
        cert.verify(cert.getPublicKey());
    }

    @Test
    void validForTenYearsFromYesterday() {
        Instant notBefore = identity.certificate().getNotBefore().toInstant();
        Instant notAfter = identity.certificate().getNotAfter().toInstant();

        Duration sinceStart = Duration.between(notBefore, Instant.now());
        assertTrue(sinceStart.compareTo(Duration.ofHours(23)) > 0 && sinceStart.compareTo(Duration.ofHours(25)) < 0);
        assertEquals(notBefore.atOffset(ZoneOffset.UTC).plusYears(10).toInstant(), notAfter);
    }

    @Test
    void fingerprintIsColonSeparatedUpperCaseSha256() throws Exception {
        assertTrue(identity.sha256Fingerprint().matches(FINGERPRINT), identity.sha256Fingerprint());
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(identity.certificate().getEncoded());
        assertEquals(HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest), identity.sha256Fingerprint());
    }

    @Test
    void keyStoreHoldsTheKeyUnderItsAlias() throws Exception {
        char[] password = identity.keyStorePassword();

        assertNotSame(password, identity.keyStorePassword());
        assertArrayEquals(password, identity.keyStorePassword());
        assertEquals(List.of("xenwbem"), java.util.Collections.list(identity.keyStore().aliases()));
        assertTrue(identity.keyStore().getKey("xenwbem", password) instanceof PrivateKey);
        assertEquals(identity.certificate(), identity.keyStore().getCertificate("xenwbem"));
    }

    @Test
    void stateFilesAreOwnerOnly() throws Exception {
        assumeTrue(stateDir.getFileSystem().supportedFileAttributeViews().contains("posix"));

        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(stateDir)));
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(stateDir.resolve("server.p12"))));
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(stateDir.resolve("server.p12.pass"))));
    }

    @Test
    void expiredCertificateIsReplaced(@TempDir Path dir) throws Exception {
        KeyPair keys = keyPairOf(identity);
        X509Certificate expired = SelfSignedCertificates.issue(keys, names,
                Instant.parse("2010-01-01T00:00:00Z"), Instant.parse("2011-01-01T00:00:00Z"));
        new GeneratedIdentityStore(dir).save(keys.getPrivate(), List.of(expired));

        ServerIdentity renewed = ServerIdentity.loadOrGenerate(dir, names);

        assertNotEquals(Fingerprints.sha256(expired), renewed.sha256Fingerprint());
        assertTrue(renewed.certificate().getNotAfter().toInstant().isAfter(Instant.now()));
        assertEquals(renewed.sha256Fingerprint(), ServerIdentity.loadOrGenerate(dir, names).sha256Fingerprint());
    }

    @Test
    void unreadableStoreIsReplaced(@TempDir Path dir) throws Exception {
        new GeneratedIdentityStore(dir).save(keyPairOf(identity).getPrivate(), identity.chain());
        Files.writeString(dir.resolve("server.p12.pass"), "wrong password");

        ServerIdentity renewed = ServerIdentity.loadOrGenerate(dir, names);

        assertNotEquals(identity.sha256Fingerprint(), renewed.sha256Fingerprint());
        assertEquals(renewed.sha256Fingerprint(), ServerIdentity.loadOrGenerate(dir, names).sha256Fingerprint());
    }

    @Test
    void addressOnlyHostGetsItsIpAsCommonName() throws Exception {
        HostNames ipOnly = HostNames.of(null, List.of(InetAddress.getByName("192.0.2.7")));
        X509Certificate cert = SelfSignedCertificates.issue(keyPairOf(identity), ipOnly, Instant.now());

        assertEquals("CN=192.0.2.7,O=xenwbem", cert.getSubjectX500Principal().getName());
    }

    private static KeyPair keyPairOf(ServerIdentity id) throws Exception {
        PrivateKey key = (PrivateKey) id.keyStore().getKey(ServerIdentity.KEY_ALIAS, id.keyStorePassword());
        return new KeyPair(id.certificate().getPublicKey(), key);
    }
}
