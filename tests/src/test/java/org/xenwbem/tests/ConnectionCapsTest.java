package org.xenwbem.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue #17: one client opening plain TCP connections exhausted the daemon's file descriptors.
 * Now a client holds at most --max-connections-per-client (default 64) and the daemon at most
 * --max-connections; the rest are reset at accept, counted, and logged as one line per period.
 */
class ConnectionCapsTest {
    private ListAppender<ILoggingEvent> logs;
    private final List<SocketChannel> sockets = new ArrayList<>();

    @BeforeEach
    void capture() {
        logs = RawSockets.captureLog();
    }

    @AfterEach
    void release() {
        for (SocketChannel c : sockets) {
            try {
                c.close();
            } catch (IOException e) {
                // already reset
            }
        }
        RawSockets.stopCapture(logs);
    }

    private List<SocketChannel> open(int port, String from, int n) throws IOException {
        List<SocketChannel> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(RawSockets.tcp(port, from));
        }
        sockets.addAll(out);
        return out;
    }

    /** Waits (up to 10 s) until {@code expected} of the channels are still open; returns how many are. */
    private static int settle(List<SocketChannel> channels, int expected) throws InterruptedException {
        return settle(channels, expected, 10_000);
    }

    private static int settle(List<SocketChannel> channels, int expected, int millis) throws InterruptedException {
        int open = -1;
        for (int i = 0; i < millis / 100 && open != expected; i++) {
            Thread.sleep(100);
            open = RawSockets.countOpen(channels);
        }
        return open;
    }

    private static int identify(HttpClient http, DaemonFixture fx) throws Exception {
        HttpResponse<byte[]> r = RawHttps.send(http, RawHttps.post(fx.wsmanUrl(),
                RawSockets.IDENTIFY.getBytes(StandardCharsets.UTF_8), "application/soap+xml;charset=UTF-8"));
        return r.statusCode();
    }

    @Test
    void oneAddressHoldsAtMostSixtyFourConnectionsAndOthersAreStillServed() throws Exception {
        try (DaemonFixture fx = new DaemonFixture(2)) {
            List<SocketChannel> flood = open(fx.port(), "127.0.0.3", 100);
            assertEquals(64, settle(flood, 64), "the default per-client cap holds");
            assertEquals(36, fx.daemon.connectionsRefused());
            long t0 = System.nanoTime();
            assertEquals(200, identify(RawHttps.client(), fx), "another client is served while the flood is held");
            assertTrue(System.nanoTime() - t0 < 10_000_000_000L);
            List<String> refusals = RawSockets.lines(logs, "connection refused");
            assertTrue(!refusals.isEmpty() && refusals.size() <= 2, "one line per period, not one per connection: "
                    + refusals);
            assertTrue(refusals.get(0).startsWith("WARN") && refusals.get(0).contains("client=127.0.0.3")
                    && refusals.get(0).contains("--max-connections-per-client"), refusals.get(0));
            assertEquals(List.of(), RawSockets.stackTraces(logs));

            for (SocketChannel c : flood) {
                c.close();
            }
            int reopened = 0;
            for (int attempt = 0; attempt < 10 && reopened != 64; attempt++) { // released as Jetty sees them close
                Thread.sleep(200);
                List<SocketChannel> again = open(fx.port(), "127.0.0.3", 64);
                reopened = settle(again, 64, 2000);
                for (SocketChannel c : again) {
                    c.close();
                }
            }
            assertEquals(64, reopened, "closed connections no longer count against the client");
        }
    }

    @Test
    void theTotalCapRefusesEveryoneUntilConnectionsClose() throws Exception {
        try (DaemonFixture fx = new DaemonFixture(2, 1, 1, o -> o.maxConnections = 20)) {
            List<SocketChannel> a = open(fx.port(), "127.0.0.4", 12);
            List<SocketChannel> b = open(fx.port(), "127.0.0.5", 12);
            List<SocketChannel> all = new ArrayList<>(a);
            all.addAll(b);
            assertEquals(20, settle(all, 20));
            assertEquals(4, fx.daemon.connectionsRefused());
            HttpClient http = RawHttps.client();
            assertThrows(IOException.class, () -> identify(http, fx), "the daemon is full");
            assertTrue(RawSockets.lines(logs, "connection refused").get(0).contains("--max-connections)"),
                    RawSockets.lines(logs, "connection refused").toString());
            for (SocketChannel c : all) {
                c.close();
            }
            int status = 0;
            for (int i = 0; i < 50 && status != 200; i++) {
                Thread.sleep(100);
                try {
                    status = identify(RawHttps.client(), fx);
                } catch (IOException e) {
                    status = -1;
                }
            }
            assertEquals(200, status, "served again once the held connections closed");
            assertEquals(List.of(), RawSockets.stackTraces(logs));
        }
    }
}
