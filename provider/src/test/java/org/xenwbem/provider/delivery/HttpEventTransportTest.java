package org.xenwbem.provider.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xenwbem.provider.cimom.indications.EventTransport;
import org.xenwbem.tls.OutboundTrust;

/** Posting to an https receiver with a self-signed certificate: refused unless the policy trusts it. */
class HttpEventTransportTest {
    @TempDir
    static Path dir;
    private static SelfSignedListener listener;
    private static HttpsServer server;
    private static final ExecutorService exchanges = Executors.newCachedThreadPool();
    private static final AtomicInteger received = new AtomicInteger();
    private static URI target;
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @BeforeAll
    static void start() throws Exception {
        listener = new SelfSignedListener(dir.resolve("listener"));
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(listener.serverContext()));
        server.createContext("/", ex -> {
            ex.getRequestBody().readAllBytes();
            received.incrementAndGet();
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        server.setExecutor(exchanges);
        server.start();
        target = URI.create("https://127.0.0.1:" + server.getAddress().getPort() + "/events");
    }

    @AfterAll
    static void stop() {
        server.stop(0);
        exchanges.shutdownNow();
    }

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    private EventTransport.Reply post(OutboundTrust trust) throws Exception {
        return new HttpEventTransport(threads, Duration.ofSeconds(5), trust).post(target,
                "<event/>".getBytes(StandardCharsets.UTF_8), Map.of("Content-Type", "application/xml"),
                Duration.ofSeconds(5));
    }

    @Test
    void anUntrustedSelfSignedReceiverGetsNothing() throws Exception {
        int before = received.get();
        assertThrows(SSLHandshakeException.class, () -> post(OutboundTrust.systemDefault()));
        assertEquals(before, received.get(), "the body never reached the receiver");
    }

    @Test
    void aPinnedReceiverIsDeliveredTo() throws Exception {
        int before = received.get();
        assertEquals(204, post(OutboundTrust.of(null, List.of(listener.sha256()))).status());
        assertEquals(before + 1, received.get());
    }

    @Test
    void aReceiverInTheTrustFileIsDeliveredTo() throws Exception {
        Path pem = listener.writePem(dir.resolve("trusted.pem"));
        EventTransport.Reply r = post(OutboundTrust.of(pem, List.of()));
        assertTrue(r.ok(), "HTTP " + r.status());
    }
}
