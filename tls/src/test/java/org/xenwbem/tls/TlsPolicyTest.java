package org.xenwbem.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.io.Content;
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

/** A real Jetty HTTPS connector on 127.0.0.1, wired the way the daemon must wire it. */
class TlsPolicyTest {
    @TempDir
    static Path stateDir;
    private static ServerIdentity identity;
    private static SslContextFactory.Server sslContextFactory;
    private static Server server;
    private static URI base;

    @BeforeAll
    static void startServer() throws Exception {
        // The SANs name host1.example.com and loopback; clients below also use names outside them.
        identity = ServerIdentity.loadOrGenerate(stateDir,
                HostNames.of("host1.example.com", List.of(InetAddress.getByName("192.0.2.10"))));
        sslContextFactory = TlsPolicy.serverContextFactory(identity);
        server = new Server();
        HttpConfiguration https = new HttpConfiguration();
        https.addCustomizer(TlsPolicy.secureRequestCustomizer());
        ServerConnector connector = new ServerConnector(server,
                new SslConnectionFactory(sslContextFactory, HttpVersion.HTTP_1_1.asString()),
                new HttpConnectionFactory(https));
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new Hello());
        server.start();
        base = URI.create("https://127.0.0.1:" + connector.getLocalPort() + "/");
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.stop();
    }

    @Test
    void tls13ByDefault() throws Exception {
        HttpResponse<String> response = get(TestTls.trustAll(), null);

        assertEquals(200, response.statusCode());
        assertEquals("hello", response.body());
        assertEquals("TLSv1.3", session(response).getProtocol());
    }

    @Test
    void tls12WithForwardSecretAead() throws Exception {
        HttpResponse<String> response = get(TestTls.trustAll(), "TLSv1.2");

        assertEquals(200, response.statusCode());
        SSLSession session = session(response);
        assertEquals("TLSv1.2", session.getProtocol());
        assertTrue(session.getCipherSuite().matches("TLS_ECDHE_RSA_WITH_(AES_\\d+_GCM_SHA\\d+|CHACHA20_POLY1305_SHA256)"),
                session.getCipherSuite());
    }

    @Test
    void tls11IsRefused() throws Exception {
        // JDK 17 disables TLS 1.1 for clients too, so the failure alone proves little: the server's
        // own selection is asserted below as well.
        assertThrows(IOException.class, () -> get(TestTls.trustAll(), "TLSv1.1"));
        assertArrayEquals(new String[] {"TLSv1.3", "TLSv1.2"}, sslContextFactory.getSelectedProtocols());
    }

    @Test
    void onlyAeadSuitesWithForwardSecrecyAreSelected() {
        List<String> suites = Arrays.asList(sslContextFactory.getSelectedCipherSuites());
        List<Pattern> allowed = Arrays.stream(TlsPolicy.CIPHER_SUITE_PATTERNS).map(Pattern::compile).toList();

        assertTrue(suites.contains("TLS_AES_128_GCM_SHA256"), suites.toString());
        assertTrue(suites.contains("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"), suites.toString());
        for (String suite : suites) {
            assertTrue(allowed.stream().anyMatch(p -> p.matcher(suite).matches()), suite);
            assertFalse(suite.contains("_CBC_") || suite.startsWith("TLS_RSA_") || suite.contains("_DHE_"), suite);
        }
    }

    @Test
    void noClientCertificateIsAsked() {
        assertFalse(sslContextFactory.getNeedClientAuth());
        assertFalse(sslContextFactory.getWantClientAuth());
        assertFalse(sslContextFactory.isSniRequired());
    }

    @Test
    void noClientCertificateChainIsAskedOfTheSession() {
        java.util.concurrent.atomic.AtomicInteger asked = new java.util.concurrent.atomic.AtomicInteger();
        SSLSession session = (SSLSession) java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {SSLSession.class}, (proxy, method, args) -> {
                    asked.incrementAndGet();
                    throw new javax.net.ssl.SSLPeerUnverifiedException("No peer certificates");
                });
        SslContextFactory.Server factory = TlsPolicy.serverContextFactory(identity);
        assertEquals(null, factory.getX509CertChain(session));
        assertEquals(0, asked.get(), "the session was asked for a chain no client can have sent");
        factory.setWantClientAuth(true);
        assertEquals(null, factory.getX509CertChain(session));
        assertEquals(1, asked.get(), "asked once client certificates may be there");
    }

    @Test
    void verifyingClientAcceptsTheCertificateFor127001() throws Exception {
        HttpResponse<String> response = get(TestTls.trusting(identity.certificate()), null);

        assertEquals(200, response.statusCode());
    }

    @Test
    void hostAndSniOutsideTheCertificateAreServed() throws Exception {
        String status = rawGet("other.example.net", "other.example.net");

        assertEquals("HTTP/1.1 200 OK", status);
    }

    private static HttpResponse<String> get(SSLContext context, String protocol) throws Exception {
        SSLParameters parameters = new SSLParameters();
        if (protocol != null) {
            parameters.setProtocols(new String[] {protocol});
        }
        HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .sslContext(context)
                .sslParameters(parameters)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        HttpRequest request = HttpRequest.newBuilder(base).timeout(Duration.ofSeconds(10)).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static SSLSession session(HttpResponse<?> response) {
        return response.sslSession().orElseThrow();
    }

    /** One HTTP/1.1 request over a raw socket, with chosen SNI and Host; returns the status line. */
    private static String rawGet(String sni, String host) throws Exception {
        try (SSLSocket socket = (SSLSocket) TestTls.trustAll().getSocketFactory()
                .createSocket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setServerNames(List.of(new SNIHostName(sni)));
            socket.setSSLParameters(parameters);
            OutputStream out = socket.getOutputStream();
            out.write(("GET / HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            return in.readLine();
        }
    }

    private static final class Hello extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            response.getHeaders().put("Content-Type", "text/plain; charset=utf-8");
            Content.Sink.write(response, true, "hello", callback);
            return true;
        }
    }
}
