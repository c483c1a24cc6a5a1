package org.xenwbem.bridge.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * {@link TcpTransport#get} as xapi's HTTP handlers use it ({@code /rrd_updates}, {@code /export_raw_vdi}):
 * the body streams to the caller, its close gives a wholly read connection back to the pool, a non-200
 * answer keeps its status and never its body, and the timeout bounds each read of a long body.
 */
class TcpTransportGetTest {
    private final TcpTransport transport = new TcpTransport(Duration.ofSeconds(2), TcpTransportTest.trust());

    private static URI at(ScriptedHttpServer xapi) {
        return xapi.url("http").resolve("/rrd_updates?start=1&session_id=OpaqueRef%3Asecret");
    }

    @Test
    void aBodyReadToItsEndGivesTheConnectionBackOnClose() throws Exception {
        try (ScriptedHttpServer xapi = new ScriptedHttpServer((n, head, out) -> {
            assertTrue(head.startsWith("GET /rrd_updates?start=1&session_id=OpaqueRef%3Asecret HTTP/1.1\r\n"), head);
            out.write(ScriptedHttpServer.ok("<xport>" + n + "</xport>"));
            return true;
        })) {
            for (int i = 0; i < 3; i++) {
                try (InputStream in = transport.get(at(xapi), Duration.ofSeconds(5), "/rrd_updates")) {
                    assertEquals("<xport>" + i + "</xport>", new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
            assertEquals(1, xapi.connections(), "one connection for the three GETs");
            assertEquals(1, transport.idleCount());
        }
    }

    @Test
    void aBodyLeftUnreadClosesItsConnection() throws Exception {
        try (ScriptedHttpServer xapi = new ScriptedHttpServer((n, head, out) -> {
            out.write(ScriptedHttpServer.ok("x".repeat(100_000)));
            return true;
        })) {
            try (InputStream in = transport.get(at(xapi), Duration.ofSeconds(5), "/export_raw_vdi")) {
                assertEquals('x', in.read());
            }
            assertEquals(0, transport.idleCount(), "not drained for long: closed");
        }
    }

    @Test
    void aKeptAliveConnectionClosedAsTheRequestWentOutIsAskedAgainOnANewOne() throws Exception {
        try (ScriptedHttpServer xapi = new ScriptedHttpServer((n, head, out) -> {
            if (n == 1) {
                return false; // the second GET: read, then the connection closed with no answer
            }
            out.write(ScriptedHttpServer.ok("<xport>" + n + "</xport>"));
            return true;
        })) {
            try (InputStream in = transport.get(at(xapi), Duration.ofSeconds(5), "/rrd_updates")) {
                assertEquals("<xport>0</xport>", new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
            try (InputStream in = transport.get(at(xapi), Duration.ofSeconds(5), "/rrd_updates")) {
                assertEquals("<xport>2</xport>", new String(in.readAllBytes(), StandardCharsets.UTF_8),
                        "a GET is idempotent: asked again");
            }
            assertEquals(2, xapi.connections());
        }
    }

    @Test
    void aRefusalKeepsItsStatusAndNotItsBody() throws Exception {
        try (ScriptedHttpServer xapi = new ScriptedHttpServer((n, head, out) -> {
            out.write("HTTP/1.1 403 Forbidden\r\nContent-Length: 6\r\n\r\nsecret".getBytes(StandardCharsets.ISO_8859_1));
            return true;
        })) {
            XenApiTransportException e = assertThrows(XenApiTransportException.class,
                    () -> transport.get(at(xapi), Duration.ofSeconds(5), "/rrd_updates"));
            assertEquals("/rrd_updates: HTTP 403 from 127.0.0.1", e.getMessage());
            assertEquals(403, e.httpStatus());
        }
    }

    @Test
    void theTimeoutBoundsEachReadOfALongBodyNotTheWhole() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (ScriptedHttpServer xapi = new ScriptedHttpServer((n, head, out) -> {
            out.write("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n12345".getBytes(StandardCharsets.ISO_8859_1));
            for (char c : "678".toCharArray()) {
                out.flush();
                Thread.sleep(250); // each pause shorter than the timeout, all of them longer
                out.write(c);
            }
            out.flush();
            release.await(); // then it stalls
            return false;
        })) {
            try (InputStream in = transport.get(at(xapi), Duration.ofMillis(400), "/export_raw_vdi")) {
                assertEquals("12345678", new String(in.readNBytes(8), StandardCharsets.US_ASCII));
                long t0 = System.nanoTime();
                IOException e = assertThrows(IOException.class, in::readAllBytes);
                long ms = (System.nanoTime() - t0) / 1_000_000;
                assertInstanceOf(SocketTimeoutException.class, e, "the stalled read times out");
                assertTrue(ms >= 350 && ms < 3_000, "one read of up to 400 ms: " + ms);
                long c0 = System.nanoTime();
                in.close();
                long closeMs = (System.nanoTime() - c0) / 1_000_000;
                assertTrue(closeMs < 350, "a broken body closes without waiting for the rest again: " + closeMs + " ms");
                assertThrows(IOException.class, in::read, "nothing is read from a closed body");
            }
            assertFalse(transport.idleCount() > 0, "a cut body's connection is not kept");
        } finally {
            release.countDown();
        }
    }
}
