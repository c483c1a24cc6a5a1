package org.xenwbem.bridge.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
 * xapi over https: an xapi whose self-signed certificate the tls module's policy does not trust
 * gets no call (the handshake fails, the password is never sent); pinned, it answers.
 */
class HttpsXapiTrustTest {
    /** A login answer in XML-RPC, as xapi gives it. */
    private static final String LOGIN_OK = "<?xml version=\"1.0\"?><methodResponse><params><param><value><struct>"
            + "<member><name>Status</name><value>Success</value></member><member><name>Value</name>"
            + "<value>OpaqueRef:session</value></member></struct></value></param></params></methodResponse>";
    @TempDir
    static Path dir;
    private static HttpsServer xapi;
    private static ServerIdentity identity;
    private static final ExecutorService exchanges = Executors.newCachedThreadPool();
    private static URI url;

    @BeforeAll
    static void start() throws Exception {
        identity = ServerIdentity.loadOrGenerate(dir, HostNames.of("xapi.invalid",
                List.of(InetAddress.getByName("192.0.2.9"))));
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(identity.keyStore(), identity.keyStorePassword());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        xapi = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        xapi.setHttpsConfigurator(new HttpsConfigurator(context));
        xapi.createContext("/", ex -> {
            ex.getRequestBody().readAllBytes();
            byte[] body = LOGIN_OK.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "text/xml");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        xapi.setExecutor(exchanges);
        xapi.start();
        url = URI.create("https://127.0.0.1:" + xapi.getAddress().getPort() + "/");
    }

    @AfterAll
    static void stop() {
        xapi.stop(0);
        exchanges.shutdownNow();
    }

    private static XenApiConnection connection(OutboundTrust trust) {
        return new XenApiConnection(url, new XenApiClients(Duration.ofSeconds(5), trust, exchanges),
                Duration.ofSeconds(10));
    }

    @Test
    void anUntrustedXapiGetsNoCall() throws Exception {
        XenApiTransportException e = assertThrows(XenApiTransportException.class,
                () -> connection(OutboundTrust.systemDefault()).login("root", "secret".toCharArray(), "test"));
        assertInstanceOf(SSLHandshakeException.class, e.getCause(), "refused at the handshake: " + e);
    }

    @Test
    void theDefaultClientTrustsOnlyTheSystemStore() {
        XenApiConnection c = new XenApiConnection(url, XenApiClients.of(Duration.ofSeconds(5)),
                Duration.ofSeconds(10));
        XenApiTransportException e = assertThrows(XenApiTransportException.class,
                () -> c.login("root", "secret".toCharArray(), "test"));
        assertInstanceOf(SSLHandshakeException.class, e.getCause(), "refused at the handshake: " + e);
    }

    @Test
    void aPinnedXapiAnswers() throws Exception {
        XenApiSession s = connection(OutboundTrust.of(null, List.of(identity.sha256Fingerprint())))
                .login("root", "secret".toCharArray(), "test");
        assertEquals("root", s.user(), "logged in over the pinned connection");
    }
}
