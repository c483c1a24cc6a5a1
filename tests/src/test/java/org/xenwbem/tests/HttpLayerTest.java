package org.xenwbem.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** HTTP-level behaviour of the daemon: 401 + challenge, anonymous Identify, 413, no secrets in logs. */
class HttpLayerTest {
    private static final String IDENTIFY = "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\" "
            + "xmlns:wsmid=\"http://schemas.dmtf.org/wbem/wsman/identity/1/wsmanidentity.xsd\">"
            + "<s:Header/><s:Body><wsmid:Identify/></s:Body></s:Envelope>";
    private static DaemonFixture fx;
    private static HttpClient http;
    private static ListAppender<ILoggingEvent> logs;

    @BeforeAll
    static void start() throws Exception {
        logs = new ListAppender<>();
        logs.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
        fx = new DaemonFixture(4);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] c, String a) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] c, String a) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, new SecureRandom());
        http = HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(10)).build();
    }

    @AfterAll
    static void stop() {
        if (fx != null) {
            fx.close();
        }
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
    }

    private HttpResponse<String> post(String path, String body, String user, String password, String... headers)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + fx.port() + path))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/soap+xml;charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (user != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void noCredentialsGetsBasicChallenge() throws Exception {
        HttpResponse<String> r = post("/wsman", IDENTIFY, null, null);
        assertEquals(401, r.statusCode());
        assertEquals("Basic realm=\"xenwbem\"", r.headers().firstValue("WWW-Authenticate").orElse(""));
        HttpResponse<String> c = post("/cimom", "<CIM/>", null, null);
        assertEquals(401, c.statusCode());
    }

    @Test
    void anonymousIdentifyAnswersWithoutSecurityProfiles() throws Exception {
        HttpResponse<String> r = post("/wsman", IDENTIFY, null, null, "WSMANIDENTIFY", "unauthenticated");
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.body().contains("IdentifyResponse") && !r.body().contains("SecurityProfiles"), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/soap+xml"));
    }

    @Test
    void twentyMegabyteBodyIs413() throws Exception {
        String huge = "<s:Envelope>" + "x".repeat(20 * 1024 * 1024) + "</s:Envelope>";
        // its own client: the server closes a connection whose body it refused, which must not
        // race with the other tests' requests on a shared keep-alive pool
        HttpClient own = HttpClient.newBuilder().sslContext(http.sslContext()).build();
        HttpResponse<String> r = own.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + fx.port() + "/wsman"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        ("root:" + DaemonFixture.PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/soap+xml;charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(huge)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(413, r.statusCode());
        // the daemon is still fine afterwards
        assertEquals(200, post("/wsman", IDENTIFY, "root", DaemonFixture.PASSWORD).statusCode());
    }

    @Test
    void aChallengedRequestLeavesTheConnectionUsableForTheAuthenticatedRetry() throws Exception {
        byte[] body = IDENTIFY.getBytes(StandardCharsets.UTF_8);
        try (SSLSocket socket = (SSLSocket) RawHttps.trustAll().getSocketFactory().createSocket("127.0.0.1", fx.port())) {
            socket.setSoTimeout(10_000);
            var in = new java.io.BufferedInputStream(socket.getInputStream());
            var out = socket.getOutputStream();
            out.write(rawPost(body, null));
            out.flush();
            String first = readResponse(in);
            assertTrue(first.startsWith("HTTP/1.1 401"), first);
            assertFalse(first.toLowerCase(java.util.Locale.ROOT).contains("connection: close"), first);
            out.write(rawPost(body, "root:" + DaemonFixture.PASSWORD)); // the same connection, as WinRM does
            out.flush();
            String second = readResponse(in);
            assertTrue(second.startsWith("HTTP/1.1 200") && second.contains("IdentifyResponse"), second);
        }
    }

    @Test
    void aLargeUnauthenticatedBodyIsNotReadAndTheChallengeSaysTheConnectionCloses() throws Exception {
        HttpResponse<String> r = post("/wsman", "<s:Envelope>" + "x".repeat(200_000) + "</s:Envelope>", null, null);
        assertEquals(401, r.statusCode());
        assertEquals("close", r.headers().firstValue("Connection").orElse("").toLowerCase(java.util.Locale.ROOT));
    }

    private byte[] rawPost(byte[] body, String credentials) {
        String head = "POST /wsman HTTP/1.1\r\nHost: 127.0.0.1:" + fx.port() + "\r\n"
                + "Content-Type: application/soap+xml;charset=UTF-8\r\nContent-Length: " + body.length + "\r\n"
                + (credentials == null ? "" : "Authorization: Basic "
                        + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)) + "\r\n")
                + "\r\n";
        byte[] h = head.getBytes(StandardCharsets.US_ASCII);
        byte[] all = java.util.Arrays.copyOf(h, h.length + body.length);
        System.arraycopy(body, 0, all, h.length, body.length);
        return all;
    }

    /** One response: status line, headers, and a Content-Length body. */
    private static String readResponse(java.io.InputStream in) throws Exception {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                throw new java.io.EOFException("connection closed after: " + head);
            }
            head.append((char) c);
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)content-length: *(\\d+)").matcher(head);
        byte[] body = m.find() ? in.readNBytes(Integer.parseInt(m.group(1))) : new byte[0];
        return head + new String(body, StandardCharsets.UTF_8);
    }

    @Test
    void readOnlyUserMayRead() throws Exception {
        HttpResponse<String> r = post("/wsman", IDENTIFY, "reader", DaemonFixture.PASSWORD);
        assertEquals(200, r.statusCode(), r.body());
    }

    @Test
    void passwordsNeverReachTheLog() throws Exception {
        String wrong = "Wrong-Pa55-" + System.nanoTime();
        assertEquals(401, post("/wsman", IDENTIFY, "root", wrong).statusCode());
        assertEquals(200, post("/wsman", IDENTIFY, "root", DaemonFixture.PASSWORD).statusCode());
        boolean sawAuthLine = false;
        List<ILoggingEvent> lines;
        synchronized (logs) { // the appender appends under this lock; a request's line may still be coming
            lines = new java.util.ArrayList<>(logs.list);
        }
        for (ILoggingEvent e : lines) {
            String line = e.getFormattedMessage() + (e.getThrowableProxy() == null ? "" : e.getThrowableProxy().getMessage());
            assertFalse(line.contains(wrong), line);
            assertFalse(line.contains(DaemonFixture.PASSWORD), line);
            assertFalse(line.contains("OpaqueRef:"), "session references must not be logged: " + line);
            sawAuthLine |= line.contains("user=root") && line.contains("outcome=401 reason=bad-credentials");
        }
        assertTrue(sawAuthLine, "the failed login is logged (without its password)");
    }

    @Test
    void unknownPathIs404AndStatusPageIsPublic() throws Exception {
        assertEquals(404, post("/nothing", "", "root", DaemonFixture.PASSWORD).statusCode());
        HttpResponse<String> s = http.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + fx.port() + "/")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, s.statusCode());
        assertTrue(s.body().contains(fx.daemon.identity().sha256Fingerprint()), s.body());
    }
}
