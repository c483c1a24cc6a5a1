package org.xenwbem.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The doctor's trust in the local daemon: the certificate the daemon serves, found read-only and pinned. */
class LocalDaemonTrustTest {
    @TempDir
    static Path shared;
    private static Path stateDir;
    private static ServerIdentity generated;

    @BeforeAll
    static void generateOnce() throws Exception {
        stateDir = shared.resolve("state");
        generated = ServerIdentity.loadOrGenerate(stateDir,
                HostNames.of("host1.example.com", List.of(InetAddress.getByName("10.0.0.5"))));
    }

    @Test
    void theGeneratedCertificateIsFoundWhenNoPemIsThere() throws Exception {
        Path noPem = shared.resolve("no-xapi-ssl.pem");
        assertEquals(generated.certificate(), LocalDaemonTrust.servedCertificate(null, stateDir, noPem).orElseThrow());
        assertEquals("the system trust store, 1 pinned certificate(s)",
                LocalDaemonTrust.of(null, stateDir, noPem).toString());
    }

    @Test
    void nothingIsGeneratedWhereTheDaemonHasNotRunYet() throws Exception {
        Path fresh = shared.resolve("fresh-state");
        assertTrue(LocalDaemonTrust.servedCertificate(null, fresh, null).isEmpty());
        assertFalse(Files.exists(fresh), "a read-only look writes nothing");
        assertEquals("the system trust store", LocalDaemonTrust.of(null, fresh, null).toString());
    }

    @Test
    void theConfiguredPemWinsThenXapisPem() throws Exception {
        KeyPair keys = TestTls.rsa2048();
        X509Certificate cert = TestTls.caCertificate(keys, "configured");
        Path pem = TestTls.write(shared, "configured.pem", TestTls.pem(keys.getPrivate(), cert));
        assertEquals(cert, LocalDaemonTrust.servedCertificate(pem, stateDir, null).orElseThrow());
        assertEquals(cert, LocalDaemonTrust.servedCertificate(null, stateDir, pem).orElseThrow(),
                "a readable default PEM is served before the generated certificate");
    }

    @Test
    void anUnreadableDefaultPemFallsBackLikeTheDaemonButAConfiguredOneFails() throws Exception {
        Path broken = TestTls.write(shared, "broken.pem", "not a PEM\n");
        assertEquals(generated.certificate(), LocalDaemonTrust.servedCertificate(null, stateDir, broken).orElseThrow());
        assertThrows(TlsConfigException.class, () -> LocalDaemonTrust.servedCertificate(broken, stateDir, null));
    }
}
