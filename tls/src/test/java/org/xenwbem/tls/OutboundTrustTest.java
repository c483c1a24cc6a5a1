package org.xenwbem.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLHandshakeException;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outbound trust policy against real HTTPS servers on 127.0.0.1: a self-signed listener whose
 * certificate names 127.0.0.1, and a CA-issued one whose certificate names only other.example.
 */
class OutboundTrustTest {
    @TempDir
    static Path dir;
    private static ServerIdentity selfSigned;
    private static X509Certificate ca;
    private static X509Certificate otherLeaf;
    private static Server server;
    private static URI selfSignedUri;
    private static URI otherNameUri;

    @BeforeAll
    static void startServers() throws Exception {
        selfSigned = ServerIdentity.loadOrGenerate(dir.resolve("state"),
                HostNames.of("listener.example", List.of(InetAddress.getByName("192.0.2.20"))));
        KeyPair caKeys = TestTls.rsa2048();
        KeyPair leafKeys = TestTls.rsa2048();
        ca = TestTls.caCertificate(caKeys, "Test CA");
        otherLeaf = TestTls.issuedBy(ca, caKeys, leafKeys, "other.example");
        KeyStore other = KeyStore.getInstance("PKCS12");
        other.load(null, null);
        other.setKeyEntry("leaf", leafKeys.getPrivate(), "pw".toCharArray(), new Certificate[] {otherLeaf, ca});
        server = new Server();
        connector(TlsPolicy.serverContextFactory(selfSigned));
        SslContextFactory.Server otherFactory = new SslContextFactory.Server();
        otherFactory.setKeyStore(other);
        otherFactory.setKeyStorePassword("pw");
        connector(otherFactory);
        server.setHandler(new Ok());
        server.start();
        selfSignedUri = URI.create("https://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort());
        otherNameUri = URI.create("https://127.0.0.1:" + ((ServerConnector) server.getConnectors()[1]).getLocalPort());
    }

    private static void connector(SslContextFactory.Server factory) {
        HttpConfiguration https = new HttpConfiguration();
        https.addCustomizer(TlsPolicy.secureRequestCustomizer());
        ServerConnector c = new ServerConnector(server,
                new SslConnectionFactory(factory, HttpVersion.HTTP_1_1.asString()), new HttpConnectionFactory(https));
        c.setHost("127.0.0.1");
        c.setPort(0);
        server.addConnector(c);
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
    }

    private static int get(OutboundTrust trust, URI uri) throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(trust.clientContext())
                .sslParameters(trust.clientParameters()).connectTimeout(Duration.ofSeconds(5)).build();
        return client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void anUntrustedSelfSignedCertificateIsRefused() {
        assertThrows(SSLHandshakeException.class, () -> get(OutboundTrust.systemDefault(), selfSignedUri));
        assertThrows(SSLHandshakeException.class, () -> get(OutboundTrust.of(null, List.of()), selfSignedUri));
    }

    @Test
    void aCertificateOfTheTrustFileIsTrusted() throws Exception {
        Path file = TestTls.write(dir, "listener.pem", "comment line\n" + TestTls.pem(selfSigned.certificate()));
        OutboundTrust trust = OutboundTrust.of(file, List.of());
        assertEquals(200, get(trust, selfSignedUri));
        assertTrue(trust.toString().contains("1 certificate(s) of " + file), trust.toString());
    }

    @Test
    void aTrustedIssuerStillNeedsTheHostName() throws Exception {
        Path file = TestTls.write(dir, "ca.pem", TestTls.pem(ca));
        SSLHandshakeException e = assertThrows(SSLHandshakeException.class,
                () -> get(OutboundTrust.of(file, List.of()), otherNameUri));
        // the chain is good (the issuer is trusted); the JDK's host name check refuses it
        assertTrue(String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT)
                .contains("subject alternative names"), e.getMessage());
    }

    @Test
    void aPinnedCertificateIsTrustedWhateverItsIssuerAndNames() throws Exception {
        assertEquals(200, get(OutboundTrust.of(null, List.of(selfSigned.sha256Fingerprint())), selfSignedUri));
        String plain = Fingerprints.sha256(otherLeaf).replace(":", "").toLowerCase(java.util.Locale.ROOT);
        assertEquals(200, get(OutboundTrust.of(null, List.of("sha256:" + plain)), otherNameUri));
    }

    @Test
    void anotherPinDoesNotHelp() throws Exception {
        OutboundTrust trust = OutboundTrust.of(null, List.of(Fingerprints.sha256(otherLeaf)));
        assertThrows(SSLHandshakeException.class, () -> get(trust, selfSignedUri));
    }

    @Test
    void badConfigurationIsRefusedNamingWhatIsWrong() throws IOException {
        Path missing = dir.resolve("missing.pem");
        assertTrue(assertThrows(TlsConfigException.class, () -> OutboundTrust.of(missing, List.of()))
                .getMessage().contains(missing.toString()));
        Path empty = TestTls.write(dir, "empty.pem", "no certificate here\n");
        assertTrue(assertThrows(TlsConfigException.class, () -> OutboundTrust.of(empty, List.of()))
                .getMessage().contains("holds no certificate"));
        assertTrue(assertThrows(TlsConfigException.class, () -> OutboundTrust.of(null, List.of("AB:CD")))
                .getMessage().contains("AB:CD"));
        assertThrows(TlsConfigException.class, () -> OutboundTrust.pin("zz".repeat(32)));
    }

    @Test
    void pinsAreNormalisedToTheFingerprintForm() throws Exception {
        String fp = selfSigned.sha256Fingerprint();
        assertEquals(fp, OutboundTrust.pin(fp.toLowerCase(java.util.Locale.ROOT)));
        assertEquals(fp, OutboundTrust.pin(" " + fp.replace(":", "") + " "));
    }

    @Test
    void clientCertificatesAreNeverTrusted() throws Exception {
        OutboundTrustManager m = new OutboundTrustManager(null, null, java.util.Set.of());
        assertThrows(java.security.cert.CertificateException.class,
                () -> m.checkClientTrusted(new X509Certificate[] {selfSigned.certificate()}, "RSA"));
    }

    private static final class Ok extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            response.setStatus(200);
            callback.succeeded();
            return true;
        }
    }
}
