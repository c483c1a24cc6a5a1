package org.xenwbem.bridge.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xenwbem.tls.HostNames;
import org.xenwbem.tls.OutboundTrust;
import org.xenwbem.tls.ServerIdentity;

/**
 * {@link TcpTransport} over TLS against a self-signed xapi certificate naming 127.0.0.1 (not 127.0.0.2):
 * trusted through a trust file when the address connected to is named in it (the https host check
 * applies), refused when it is not, accepted by a pin whatever the name, refused by the system store;
 * kept-alive TLS connections carry several calls.
 */
class TcpTransportHttpsTest {
    @TempDir
    static Path dir;
    private static ServerIdentity identity;
    private static Path trustFile;
    private static ScriptedHttpServer named;
    private static ScriptedHttpServer unnamed;

    @BeforeAll
    static void start() throws Exception {
        identity = ServerIdentity.loadOrGenerate(dir, HostNames.of("xapi.invalid",
                List.of(InetAddress.getByName("192.0.2.9"))));
        trustFile = dir.resolve("xapi.pem");
        Files.writeString(trustFile, "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(identity.certificate().getEncoded()) + "\n-----END CERTIFICATE-----\n");
        named = server("127.0.0.1");
        unnamed = server("127.0.0.2");
    }

    private static ScriptedHttpServer server(String address) throws Exception {
        return server(address, true);
    }

    /** {@code keep}: false to close each connection (close_notify, FIN) after its answer, saying nothing. */
    private static ScriptedHttpServer server(String address, boolean keep) throws Exception {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(identity.keyStore(), identity.keyStorePassword());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        ServerSocket listener = context.getServerSocketFactory().createServerSocket();
        listener.bind(new InetSocketAddress(address, 0));
        return new ScriptedHttpServer((n, head, out) -> {
            out.write(ScriptedHttpServer.ok("over tls " + n));
            return keep;
        }, listener);
    }

    @AfterAll
    static void stop() throws Exception {
        named.close();
        unnamed.close();
    }

    private static String post(OutboundTrust trust, URI url) throws XenApiTransportException {
        return TcpTransportTest.post(new TcpTransport(Duration.ofSeconds(2), trust), url, Duration.ofSeconds(10));
    }

    @Test
    void aTrustFileCertificateNamingTheAddressIsAcceptedAndKeptAlive() throws Exception {
        TcpTransport t = new TcpTransport(Duration.ofSeconds(2), OutboundTrust.of(trustFile, List.of()));
        int before = named.connections();
        String first = TcpTransportTest.post(t, named.url("https"), Duration.ofSeconds(10));
        String second = TcpTransportTest.post(t, named.url("https"), Duration.ofSeconds(10));
        assertEquals(List.of(true, true), List.of(first.startsWith("over tls "), second.startsWith("over tls ")));
        assertEquals(before + 1, named.connections(), "one TLS connection for both calls");
        t.close();
    }

    @Test
    void anIdleTlsConnectionTheServerClosedIsReplacedBeforeTheCallIsSent() throws Exception {
        try (ScriptedHttpServer closing = server("127.0.0.1", false)) {
            TcpTransport t = new TcpTransport(Duration.ofSeconds(2), OutboundTrust.of(trustFile, List.of()));
            assertEquals("over tls 0", TcpTransportTest.post(t, closing.url("https"), Duration.ofSeconds(10)));
            Thread.sleep(200); // the close_notify and the FIN have arrived
            assertEquals("over tls 1", TcpTransportTest.post(t, closing.url("https"), Duration.ofSeconds(10)));
            assertEquals(2, closing.connections());
            assertEquals(2, closing.requests(), "the closed connection got no request");
        }
    }

    @Test
    void aTrustedCertificateThatDoesNotNameTheAddressIsRefused() throws Exception {
        int before = unnamed.requests();
        XenApiTransportException e = assertThrows(XenApiTransportException.class,
                () -> post(OutboundTrust.of(trustFile, List.of()), unnamed.url("https")));
        assertInstanceOf(SSLHandshakeException.class, e.getCause(), "refused at the handshake: " + e);
        assertEquals(before, unnamed.requests(), "nothing sent");
    }

    @Test
    void aPinnedCertificateIsAcceptedWhateverItNames() throws Exception {
        String answer = post(OutboundTrust.of(null, List.of(identity.sha256Fingerprint())), unnamed.url("https"));
        assertEquals(true, answer.startsWith("over tls "));
    }

    @Test
    void theSystemStoreAloneRefusesASelfSignedXapi() throws Exception {
        int before = named.requests();
        XenApiTransportException e = assertThrows(XenApiTransportException.class,
                () -> post(OutboundTrust.systemDefault(), named.url("https")));
        assertInstanceOf(SSLHandshakeException.class, e.getCause(), "refused at the handshake: " + e);
        assertEquals(before, named.requests(), "nothing sent");
    }
}
