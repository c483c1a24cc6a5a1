package org.xenwbem.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
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

/**
 * The server's TLS provider (Conscrypt where its library loads: Linux x86-64 here and in dom0) and
 * TLS 1.3 resumption through it, seen by OpenSSL's own client: a second connection offering the first
 * one's ticket is "Reused". Without the tickets turned on for Conscrypt's engines every reconnection
 * would be "New" (a full handshake).
 */
class TlsProviderTest {
    @TempDir
    static Path dir;
    private static SslContextFactory.Server factory;
    private static Server server;
    private static int port;

    @BeforeAll
    static void startServer() throws Exception {
        ServerIdentity identity = ServerIdentity.loadOrGenerate(dir,
                HostNames.of("host1.example.com", List.of(InetAddress.getByName("192.0.2.10"))));
        factory = TlsPolicy.serverContextFactory(identity);
        server = new Server();
        HttpConfiguration https = new HttpConfiguration();
        https.addCustomizer(TlsPolicy.secureRequestCustomizer());
        ServerConnector connector = new ServerConnector(server, new SslConnectionFactory(factory, "http/1.1"),
                new HttpConnectionFactory(https));
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                Content.Sink.write(response, true, "hello", callback);
                return true;
            }
        });
        server.start();
        port = connector.getLocalPort();
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.stop();
    }

    @Test
    void conscryptServesWhereItsLibraryLoads() {
        assumeTrue(isLinuxX8664(), "Conscrypt's bundled library is for Linux x86-64 (dom0)");
        assertEquals(Optional.of(TlsProvider.CONSCRYPT), TlsProvider.serverProvider());
        assertEquals(TlsProvider.CONSCRYPT, factory.getSslContext().getProvider().getName());
    }

    @Test
    void aSecondConnectionResumesTheFirstOnesSession() throws Exception {
        assumeTrue(openssl(), "openssl is not installed");
        Path ticket = dir.resolve("session.pem");
        String first = sClient("-sess_out", ticket.toString());
        assertTrue(first.contains("New, TLSv1.3"), first);
        assertTrue(Files.size(ticket) > 0, "the server sent no session ticket");
        String second = sClient("-sess_in", ticket.toString());
        assertTrue(second.contains("Reused, TLSv1.3"), second);
        assertTrue(second.contains("hello"), second);
    }

    @Test
    void conscryptsConnectionsUseDirectBuffers() throws Exception {
        assumeTrue(isLinuxX8664(), "Conscrypt's bundled library is for Linux x86-64 (dom0)");
        ServerIdentity identity = ServerIdentity.loadOrGenerate(dir.resolve("direct"),
                HostNames.of("host1.example.com", List.of(InetAddress.getByName("192.0.2.10"))));
        SslConnectionFactory tls = TlsPolicy.connectionFactory(identity, "http/1.1");
        assertTrue(tls.isDirectBuffersForEncryption(), "heap buffers are copied by Conscrypt's engine on every wrap");
        assertTrue(tls.isDirectBuffersForDecryption(), "heap buffers are copied by Conscrypt's engine on every unwrap");
    }

    @Test
    void jdkSettingKeepsTheJdksProvider() {
        assertEquals(Optional.empty(), TlsProvider.choose("jdk"));
    }

    /** OpenSSL's client: one HTTP/1.0 request (the ticket arrives before the answer), its output. */
    private static String sClient(String... session) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + port,
                "-tls1_3", "-ign_eof"));
        cmd.addAll(List.of(session));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        p.getOutputStream().close();
        java.util.concurrent.CompletableFuture<byte[]> read = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return p.getInputStream().readAllBytes();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        boolean ended = p.waitFor(30, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly(); // a server that keeps the connection open fails the test, never hangs it
        }
        assertTrue(ended, "openssl s_client ended within 30 s");
        try {
            return new String(read.get(5, TimeUnit.SECONDS), StandardCharsets.UTF_8);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the output of openssl s_client", e);
        }
    }

    private static boolean openssl() {
        try {
            return new ProcessBuilder("openssl", "version").start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    static boolean isLinuxX8664() {
        String arch = System.getProperty("os.arch");
        return System.getProperty("os.name").startsWith("Linux") && ("amd64".equals(arch) || "x86_64".equals(arch));
    }
}
