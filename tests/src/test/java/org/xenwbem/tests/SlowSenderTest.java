package org.xenwbem.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue #17: unauthenticated requests whose body dribbles in (Content-Length: 1000, one byte every
 * few seconds) are answered 401 at once with {@code Connection: close}, and closed: the body is never
 * waited for on a request thread, so 30+ of them cannot starve a normal client. The same for
 * malformed and wrong credentials.
 */
class SlowSenderTest {
    private static final String CS = DaemonFixture.P + "Xen_ComputerSystem";
    private static final int SLOW = 36;
    private static DaemonFixture fx;
    private static HttpClient http;

    @BeforeAll
    static void start() throws Exception {
        fx = new DaemonFixture(4);
        http = RawHttps.client();
    }

    @AfterAll
    static void stop() {
        if (fx != null) {
            fx.close();
        }
    }

    /** A connection that sent a POST head declaring 1000 bytes and only the first few of them. */
    private static LoopbackHttps slowSender(String source, String credentials) throws IOException {
        LoopbackHttps c = LoopbackHttps.open(fx.port(), source);
        c.send(LoopbackHttps.head(fx.port(), "/wsman", credentials, 1000));
        c.send("<s:Envelope".getBytes(StandardCharsets.US_ASCII));
        return c;
    }

    @Test
    void slowUnauthenticatedSendersAreAnsweredAtOnceAndCannotStarveANormalClient() throws Exception {
        List<LoopbackHttps> slow = new ArrayList<>();
        ScheduledExecutorService drip = Executors.newSingleThreadScheduledExecutor();
        try {
            long t0 = System.nanoTime();
            for (int i = 0; i < SLOW; i++) {
                slow.add(slowSender("127.0.0." + (20 + i % 8), null));
            }
            drip.scheduleAtFixedRate(() -> slow.forEach(SlowSenderTest::oneByte), 2, 2, TimeUnit.SECONDS);
            SoapReply id = send(WinrmShapes.identify());
            assertEquals(200, id.status, id.toString());
            assertTrue(id.has(SoapReply.WSMID, "IdentifyResponse"), id.toString());
            SoapReply en = send(new WinrmShapes(fx.wsmanUrl()).enumerate(CS, WinrmShapes.upperUuid(), true));
            assertEquals(200, en.status, en.toString());
            assertTrue(en.has(SoapReply.WSMAN, "Items"), en.toString());
            for (LoopbackHttps c : slow) {
                c.timeout(3000);
                LoopbackHttps.Reply r = c.read(t0);
                assertEquals(401, r.status(), r.toString());
                assertTrue(r.closes(), "the body is incomplete, so the connection closes: " + r);
                assertTrue(c.closedByServer(3000), "and the server closes it");
            }
        } finally {
            drip.shutdownNow();
            for (LoopbackHttps c : slow) {
                c.close();
            }
        }
    }

    @Test
    void malformedAndWrongCredentialsWithAnUnfinishedBodyAreAnsweredAtOnce() throws Exception {
        String[] credentials = {"no-colon-here", "root:wrong-password"};
        for (String cred : credentials) {
            try (LoopbackHttps c = slowSender("127.0.0.30", cred)) {
                c.timeout(5000);
                long t0 = System.nanoTime();
                LoopbackHttps.Reply r = c.read(t0);
                assertEquals(401, r.status(), cred + ": " + r);
                assertTrue(r.closes(), r.toString());
                assertTrue(c.closedByServer(3000));
            }
        }
    }

    @Test
    void aWholeBodyKeepsTheConnectionForTheAuthenticatedRetry() throws Exception {
        byte[] body = WinrmShapes.identify().getBytes(StandardCharsets.UTF_8);
        try (LoopbackHttps c = LoopbackHttps.open(fx.port(), "127.0.0.31")) {
            byte[] head = LoopbackHttps.head(fx.port(), "/wsman", null, body.length);
            byte[] all = java.util.Arrays.copyOf(head, head.length + body.length);
            System.arraycopy(body, 0, all, head.length, body.length);
            c.send(all);
            LoopbackHttps.Reply first = c.read(System.nanoTime());
            assertEquals(401, first.status());
            assertFalse(first.closes(), first.toString());
            c.send(LoopbackHttps.head(fx.port(), "/wsman", "root:" + DaemonFixture.PASSWORD, body.length));
            c.send(body);
            LoopbackHttps.Reply second = c.read(System.nanoTime());
            assertEquals(200, second.status(), second.toString());
        }
    }

    private static void oneByte(LoopbackHttps c) {
        try {
            c.send(new byte[] {' '});
        } catch (IOException e) {
            // closed by the server, as it should be
        }
    }

    /** As root, with a 5 s deadline: "promptly". */
    private static SoapReply send(String xml) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(fx.wsmanUrl())).timeout(Duration.ofSeconds(5))
                .header("Content-Type", WinrmShapes.UTF8)
                .header("Authorization", RawHttps.basic("root", DaemonFixture.PASSWORD))
                .POST(HttpRequest.BodyPublishers.ofString(xml)).build();
        return SoapReply.of(http.send(req, HttpResponse.BodyHandlers.ofByteArray()));
    }
}
