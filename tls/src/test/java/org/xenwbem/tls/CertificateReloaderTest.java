package org.xenwbem.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When the PEM is re-read, what is reloaded and what is refused (the daemon-level test: CertificateRotationTest). */
class CertificateReloaderTest {
    @TempDir
    Path dir;
    private Path pem;
    private ServerIdentity first;
    private SslContextFactory.Server factory;
    private CertificateReloader reloader;
    private final List<ServerIdentity> told = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        pem = TestTls.write(dir, "xapi-ssl.pem", identityPem("first.example"));
        first = ServerIdentity.loadPem(pem);
        factory = TlsPolicy.serverContextFactory(first);
        factory.start();
        reloader = new CertificateReloader(pem, first, List.of(factory)).onReload(told::add);
    }

    private static String identityPem(String cn) throws Exception {
        KeyPair keys = TestTls.rsa2048();
        X509Certificate cert = TestTls.caCertificate(keys, cn);
        return TestTls.pem(keys.getPrivate(), cert);
    }

    @Test
    void theSameCertificateIsNotReloaded() {
        assertFalse(reloader.check());
        assertFalse(reloader.check());
        assertSame(first, reloader.current());
        assertEquals(List.of(), told);
    }

    @Test
    void aNewPemIsServedAndTold() throws Exception {
        TestTls.write(dir, "xapi-ssl.pem", identityPem("second.example"));
        assertTrue(reloader.check());
        assertEquals("second.example", reloader.current().commonName());
        assertEquals(List.of(reloader.current()), told);
        X509Certificate served = (X509Certificate) factory.getKeyStore().getCertificate(ServerIdentity.KEY_ALIAS);
        assertEquals(reloader.current().certificate(), served, "the factory's key store holds the new certificate");
        assertFalse(reloader.check(), "nothing changed since");
    }

    @Test
    void aBrokenOrMissingPemIsRefusedAndTheOldOneKeptUntilTheFileIsWhole() throws Exception {
        String next = identityPem("second.example");
        TestTls.write(dir, "xapi-ssl.pem", next.substring(0, next.length() - 40));
        assertFalse(reloader.check());
        Files.delete(pem);
        assertFalse(reloader.check());
        assertSame(first, reloader.current());
        assertEquals(first.certificate(), factory.getKeyStore().getCertificate(ServerIdentity.KEY_ALIAS));
        TestTls.write(dir, "xapi-ssl.pem", next);
        assertTrue(reloader.check(), "the finished file is taken up");
        assertEquals("second.example", reloader.current().commonName());
    }
}
