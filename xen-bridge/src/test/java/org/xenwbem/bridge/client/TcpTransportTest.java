package org.xenwbem.bridge.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.xenwbem.tls.OutboundTrust;

/**
 * {@link TcpTransport} against a scripted HTTP/1.1 server on 127.0.0.1: keep-alive (counted server side),
 * the one retry of a kept-alive connection the server closed, none after part of an answer, the three
 * framings, {@code Connection: close}, statuses, the call timeout and an interrupt of the waiting caller.
 */
class TcpTransportTest {
    private static final Duration CALL = Duration.ofSeconds(5);
    private final TcpTransport transport = new TcpTransport(Duration.ofSeconds(2), trust());

    static OutboundTrust trust() {
        try {
            return OutboundTrust.systemDefault();
        } catch (org.xenwbem.tls.TlsConfigException e) {
            throw new IllegalStateException(e);
        }
    }

    static String post(TcpTransport t, URI url, Duration timeout) throws XenApiTransportException {
        return t.post(url, "/", "text/xml", "<call/>".getBytes(StandardCharsets.UTF_8), timeout, "VM.get_all",
                in -> new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void keepAliveCarriesEveryCallOnOneConnection() throws Exception {
        try (ScriptedHttpServer xapi = new ScriptedHttpServer((n, head, out) -> {
            out.write(ScriptedHttpServer.ok("answer " + n));
            return true;
        })) {
            for (int i = 0; i < 5; i++) {
                assertEquals("answer " + i, post(transport, xapi.url("http"), CALL));
            }
            assertEquals(1, xapi.connections(), "one connection for five calls");
            assertEquals(1, transport.idleCount());
        }
    }

    @Test
    void atMostEightIdleConnectionsAreKeptPerTarget() throws Exception {
        CountDownLatch allIn = new CountDownLatch(10);
        try (ScriptedHttpServer xapi = new ScriptedHttpServer((n, head, out) -> {
            allIn.countDown();
            allIn.await(); // ten calls at once: ten connections
            out.write(ScriptedHttpServer.ok("answer"));
            return true;
        })) {
            java.util.List<Thread> callers = new java.util.ArrayList<>();
            java.util.concurrent.atomic.AtomicInteger answered = new java.util.concurrent.atomic.AtomicInteger();
            for (int i = 0; i < 10; i++) {
                Thread t = new Thread(() -> {
                    try {
                        answered.addAndGet("answer".equals(post(transport, xapi.url("http"), CALL)) ? 1 : 0);
                    } catch (XenApiTransportException e) {
                        throw new IllegalStateException(e);
                    }
                });
                t.start();
                callers.add(t);
            }
            for (Thread t : callers) {
                t.join(10_000);
            }
            assertEquals(10, answered.get());
            assertEquals(10, xapi.connections());
            assertEquals(TcpTransport.MAX_IDLE, transport.idleCount(), "two closed, eight kept");
        }
    }

    @Test
    void chunkedAnswersAreReadAndKeepTheConnection() throws Exception {
        try (ScriptedHttpServer xapi = new ScriptedHttpServer((n, head, out) -> {
            out.write("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;x=1\r\nhel".getBytes(
                    StandardCharsets.ISO_8859_1));
            out.flush();
            Thread.sleep(50); // a chunk split across reads
            out.write(("lo\r\n1\r\n" + n + "\r\n0\r\nTrailer: t\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            return true;
        })) {
            assertEquals("hello0", post(transport, xapi.url("http"), CALL));
            assertEquals("hello1", post(transport, xapi.url("http"), CALL));
            assertEquals(1, xapi.connections());
        }
    }

    @Test
    void connectionCloseIsHonouredAndAnEndDelimitedBodyIsReadToTheEnd() throws Exception {
        try (ScriptedHttpServer xapi = new ScriptedHttpServer((n, head, out) -> {
            if (n % 2 == 0) {
                out.write(ScriptedHttpServer.ok("closing " + n, "Connection: close"));
            } else {
                out.write(("HTTP/1.0 200 OK\r\n\r\nuntil the end " + n).getBytes(StandardCharsets.ISO_8859_1));
            }
            return false;
        })) {
            for (int i = 0; i < 4; i++) {
                assertTrue(post(transport, xapi.url("http"), CALL).endsWith(" " + i));
            }
            assertEquals(4, xapi.connections(), "a new connection for each call");
            assertEquals(0, transport.idleCount(), "none kept");
        }
    }

    @Test
    void anIdleConnectionTheServerClosedIsReplacedBeforeTheCallIsSent() throws Exception {
        CountDownLatch closed = new CountDownLatch(1);
        try (ScriptedHttpServer xapi = new ScriptedHttpServer((n, head, out) -> {
            out.write(ScriptedHttpServer.ok("answer " + n)); // says nothing of closing, then closes: idle timeout
            out.flush();
            closed.countDown();
            return false;
        })) {
            assertEquals("answer 0", post(transport, xapi.url("http"), CALL));
            assertTrue(closed.await(5, TimeUnit.SECONDS));
            Thread.sleep(100); // the FIN has reached the client's socket
            assertEquals("answer 1", post(transport, xapi.url("http"), CALL), "sent on a new connection");
            assertEquals(2, xapi.connections());
            assertEquals(2, xapi.requests(), "the closed connection got no request");
        }
    }

    @Test
    void aRequestSentWholeIsNeverSentAgainWhenTheConnectionClosesWithoutAnAnswer() throws Exception {
        try (ScriptedHttpServer xapi = new ScriptedHttpServer((n, head, out) -> {
            if (n == 0) {
                out.write(ScriptedHttpServer.ok("first"));
                return true;
            }
            return false; // read the request (xapi may have run it), then closed
        })) {
            assertEquals("first", post(transport, xapi.url("http"), CALL));
            XenApiTransportException e = assertThrows(XenApiTransportException.class,
                    () -> post(transport, xapi.url("http"), CALL));
            assertTrue(e.getMessage().startsWith("VM.get_all: EOFException talking to 127.0.0.1:"), e.getMessage());
            assertEquals(1, xapi.connections(), "no second connection");
            assertEquals(2, xapi.requests(), "the call went out once");
        }
    }

    @Test
    void aReusedConnectionResetWhileTheRequestIsSentSendsItOnceMoreOnANewOne() throws Exception {
        try (ResettingServer xapi = new ResettingServer()) {
            URI url = URI.create("http://127.0.0.1:" + xapi.port() + "/");
            assertEquals("kept", post(transport, url, CALL));
            byte[] big = new byte[16 << 20]; // more than the socket buffers hold: the write is still going on
            String answer = transport.post(url, "/", "text/xml", big, CALL, "VM.import", in -> new String(
                    in.readAllBytes(), StandardCharsets.UTF_8));
            assertEquals("whole " + big.length, answer);
            assertEquals(2, xapi.connections(), "the reset connection, then a new one");
        }
    }

    @Test
    void aCallWhoseAnswerHadBegunIsNeverRepeated() throws Exception {
        try (ScriptedHttpServer xapi = new ScriptedHttpServer((n, head, out) -> {
            if (n == 0) {
                out.write(ScriptedHttpServer.ok("first"));
                return true;
            }
            out.write("HTTP/1.1 200 OK\r\nContent-Le".getBytes(StandardCharsets.ISO_8859_1));
            return false;
        })) {
            assertEquals("first", post(transport, xapi.url("http"), CALL));
            XenApiTransportException e = assertThrows(XenApiTransportException.class,
                    () -> post(transport, xapi.url("http"), CALL));
            assertTrue(e.getMessage().startsWith("VM.get_all: EOFException talking to 127.0.0.1:"), e.getMessage());
            assertEquals(1, xapi.connections(), "no second connection");
            assertEquals(2, xapi.requests(), "the call went out once");
        }
    }

    @Test
    void aBodyCutShortFailsAndIsNotRepeated() throws Exception {
        try (ScriptedHttpServer xapi = new ScriptedHttpServer((n, head, out) -> {
            out.write("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly part".getBytes(StandardCharsets.ISO_8859_1));
            return false;
        })) {
            assertThrows(XenApiTransportException.class, () -> post(transport, xapi.url("http"), CALL));
            assertEquals(1, xapi.requests());
            assertEquals(0, transport.idleCount());
        }
    }

    @Test
    void anythingButTwoHundredIsATransportFailureWithoutTheBody() throws Exception {
        try (ScriptedHttpServer xapi = new ScriptedHttpServer((n, head, out) -> {
            out.write(("HTTP/1.1 500 Internal Error\r\nContent-Length: 12\r\n\r\nsecret stuff")
                    .getBytes(StandardCharsets.ISO_8859_1));
            return true;
        })) {
            XenApiTransportException e = assertThrows(XenApiTransportException.class,
                    () -> post(transport, xapi.url("http"), CALL));
            assertEquals("VM.get_all: HTTP 500 from 127.0.0.1", e.getMessage());
            assertEquals(0, transport.idleCount(), "the connection is not kept");
        }
    }

    @Test
    void aServerThatNeverAnswersTimesOutWithinTheCallTimeout() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (ScriptedHttpServer xapi = new ScriptedHttpServer((n, head, out) -> {
            release.await();
            return false;
        })) {
            long t0 = System.nanoTime();
            XenApiTransportException e = assertThrows(XenApiTransportException.class,
                    () -> post(transport, xapi.url("http"), Duration.ofMillis(400)));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertInstanceOf(SocketTimeoutException.class, e.getCause());
            assertFalse(e.getCause() instanceof TcpConnection.ConnectTimeoutException, "connected, then silent");
            assertTrue(ms >= 350 && ms < 3_000, "took " + ms + " ms");
            assertEquals(1, xapi.requests(), "a timeout is not retried");
        } finally {
            release.countDown();
        }
    }

    @Test
    void anInterruptEndsAWaitAtOnce() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (ScriptedHttpServer xapi = new ScriptedHttpServer((n, head, out) -> {
            release.await();
            return false;
        })) {
            AtomicReference<Exception> failure = new AtomicReference<>();
            AtomicReference<Boolean> flag = new AtomicReference<>();
            Thread caller = new Thread(() -> {
                try {
                    post(transport, xapi.url("http"), Duration.ofSeconds(30));
                } catch (XenApiTransportException e) {
                    failure.set(e);
                    flag.set(Thread.currentThread().isInterrupted());
                }
            });
            caller.start();
            while (xapi.requests() == 0) {
                Thread.sleep(10);
            }
            caller.interrupt();
            caller.join(3_000);
            assertFalse(caller.isAlive(), "no thread stuck in a read");
            assertEquals("VM.get_all: interrupted", failure.get().getMessage());
            assertEquals(Boolean.TRUE, flag.get(), "the interrupt flag is set again");
        } finally {
            release.countDown();
        }
    }

    @Test
    void nothingListeningIsAConnectFailure() throws Exception {
        URI nowhere;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            nowhere = URI.create("http://127.0.0.1:" + s.getLocalPort() + "/");
        }
        XenApiTransportException e = assertThrows(XenApiTransportException.class, () -> post(transport, nowhere, CALL));
        assertInstanceOf(java.net.ConnectException.class, e.getCause());
        assertEquals("VM.get_all: ConnectException talking to 127.0.0.1:" + nowhere.getPort(), e.getMessage());
    }

    @Test
    void closingThePoolClosesItsIdleConnections() throws Exception {
        try (ScriptedHttpServer xapi = new ScriptedHttpServer((n, head, out) -> {
            out.write(ScriptedHttpServer.ok("x"));
            return true;
        })) {
            post(transport, xapi.url("http"), CALL);
            assertEquals(1, transport.idleCount());
            transport.close();
            assertEquals(0, transport.idleCount());
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (xapi.ended() < 1 && System.nanoTime() < until) {
                Thread.sleep(10);
            }
            assertEquals(1, xapi.ended(), "the server saw the idle connection closed");
            assertEquals("x", post(transport, xapi.url("http"), CALL), "still usable, without a pool");
            assertEquals(0, transport.idleCount());
        }
    }
}
