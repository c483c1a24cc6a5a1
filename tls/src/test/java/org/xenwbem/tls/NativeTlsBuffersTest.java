package org.xenwbem.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Conscrypt connection's native side is given back when the connection ends ({@link NativeTlsBuffers}):
 * a real Jetty connector wired by {@link TlsPolicy#connectionFactory}, clients that send one request
 * with {@code Connection: close} (what {@code winrm} from a command prompt does), and the server's
 * engines looked at once their connections have closed.
 */
class NativeTlsBuffersTest {
    private static final int CONNECTIONS = 40;
    @TempDir
    static Path dir;
    private static Server server;
    private static int port;
    private static final Queue<SSLEngine> ENGINES = new ConcurrentLinkedQueue<>();
    private static final Queue<SSLEngine> CLOSED = new ConcurrentLinkedQueue<>();
    /** The copy buffers new engines got from the pool (identities). */
    private static final java.util.Set<Integer> COPIES = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @BeforeAll
    static void startServer() throws Exception {
        assumeTrue("Linux".equals(System.getProperty("os.name")) && "amd64".equals(System.getProperty("os.arch")),
                "Conscrypt's bundled library is for Linux x86-64 (dom0)");
        ServerIdentity identity = ServerIdentity.loadOrGenerate(dir,
                HostNames.of("host1.example.com", List.of(InetAddress.getByName("192.0.2.10"))));
        server = new Server();
        HttpConfiguration https = new HttpConfiguration();
        https.addCustomizer(TlsPolicy.secureRequestCustomizer());
        SslConnectionFactory tls = TlsPolicy.connectionFactory(identity, "http/1.1");
        // on the factory, after the daemon's own listener: onClosed here runs once that one has
        tls.addEventListener(new Connection.Listener() {
            @Override
            public void onOpened(Connection c) {
                if (c instanceof SslConnection ssl) {
                    ENGINES.add(ssl.getSSLEngine());
                    try {
                        Object copy = field(conscryptEngine(ssl.getSSLEngine()), "lazyDirectBuffer");
                        if (copy != null) {
                            COPIES.add(System.identityHashCode(copy));
                        }
                    } catch (ReflectiveOperationException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }

            @Override
            public void onClosed(Connection c) {
                if (c instanceof SslConnection ssl) {
                    CLOSED.add(ssl.getSSLEngine());
                }
            }
        });
        ServerConnector connector = new ServerConnector(server, tls, new HttpConnectionFactory(https));
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                Content.Sink.write(response, true, "x".repeat(3000), callback);
                return true;
            }
        });
        server.start();
        port = connector.getLocalPort();
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void eachClosedConnectionGivesItsCopyBufferBackAndItsBoringSslStateIsFreed() throws Exception {
        assertEquals(TlsProvider.CONSCRYPT, TlsProvider.serverProvider().orElse(""));
        assertTrue(NativeTlsBuffers.reachesCopyBuffers(),
                "Conscrypt's engine fields (delegate, ssl, lazyDirectBuffer) were not found: another Conscrypt?");
        long madeBefore = NativeTlsBuffers.POOL.made();
        long reusedBefore = NativeTlsBuffers.POOL.reusedCopies();
        SSLContext client = TestTls.trustAll();
        for (int i = 0; i < CONNECTIONS; i++) {
            oneRequest(client);
            waitForClosed(i + 1);
        }
        assertEquals(CONNECTIONS, ENGINES.size());
        for (SSLEngine e : ENGINES) {
            Object engine = conscryptEngine(e);
            Object ssl = field(engine, "ssl");
            Method closed = ssl.getClass().getDeclaredMethod("isClosed");
            closed.setAccessible(true);
            assertTrue((Boolean) closed.invoke(ssl), "BoringSSL's connection was left to the engine's finalizer");
            assertEquals(null, field(engine, "lazyDirectBuffer"), "the copy buffer stayed with the closed engine");
        }
        // one connection at a time: each engine after the first took the buffer the previous one gave back
        long reused = NativeTlsBuffers.POOL.reusedCopies() - reusedBefore;
        assertTrue(reused >= CONNECTIONS - 1, reused + " of " + CONNECTIONS + " engines got a buffer given back");
        assertTrue(COPIES.size() <= 2, COPIES.size() + " different copy buffers for " + CONNECTIONS
                + " connections one after the other");
        assertTrue(NativeTlsBuffers.POOL.made() - madeBefore <= 2,
                (NativeTlsBuffers.POOL.made() - madeBefore) + " pool buffers made for " + CONNECTIONS + " connections");
        assertFalse(NativeTlsBuffers.POOL.free() == 0, "no buffer came back to the pool");
    }

    private static void oneRequest(SSLContext client) throws Exception {
        try (SSLSocket s = (SSLSocket) client.getSocketFactory().createSocket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            assertTrue(answer.startsWith("HTTP/1.1 200") && answer.endsWith("x".repeat(3000)), answer);
        }
    }

    private static void waitForClosed(int n) throws InterruptedException {
        for (int i = 0; i < 500 && CLOSED.size() < n; i++) {
            Thread.sleep(10);
        }
        assertEquals(n, CLOSED.size(), "the server did not close the connection");
    }

    private static Object conscryptEngine(SSLEngine e) throws ReflectiveOperationException {
        return e.getClass().getName().equals("org.conscrypt.Java8EngineWrapper") ? field(e, "delegate") : e;
    }

    private static Object field(Object o, String name) throws ReflectiveOperationException {
        Field f = o.getClass().getDeclaredField(name);
        f.setAccessible(true);
        return f.get(o);
    }
}
