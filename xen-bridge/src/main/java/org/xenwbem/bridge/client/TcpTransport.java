package org.xenwbem.bridge.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLSocketFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xenwbem.tls.OutboundTrust;

/**
 * {@link HttpTransport} over TCP: a minimal HTTP/1.1 client (RFC 9112) on {@link TcpConnection}s, TLS
 * verified by an {@link OutboundTrust} for https. It has no thread of its own: the calling thread
 * connects, writes and reads, every read bounded by the call's deadline.
 * <p>
 * Keep-alive: a connection whose answer was read to its end and allowed it goes back to a small pool,
 * at most {@value #MAX_IDLE} idle connections per target ({@value #MAX_IDLE_TOTAL} in all), each closed
 * when found idle for more than {@link #IDLE_LIMIT} on reuse or when another connection comes back.
 * xapi closes idle connections itself: one it closed is seen before the request is sent ({@link TcpConnection#stale()}) and replaced by a new one, and a reused connection
 * that fails while the request is being sent is sent once more on a new one (xapi reads a request
 * whole before running it). A request sent whole is never sent again here, even when the connection
 * closes before the first byte of the answer: xapi may have run it ({@link XenApiConnection} repeats
 * read-only calls once, as it did over the JDK client).
 */
final class TcpTransport implements HttpTransport, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TcpTransport.class);
    static final int MAX_IDLE = 8;
    /** Idle connections over all targets (the pool's members), at most. */
    static final int MAX_IDLE_TOTAL = 32;
    static final Duration IDLE_LIMIT = Duration.ofSeconds(30);
    /** More than this after the document, and the connection is closed rather than read to its end. */
    private static final int DRAIN_BYTES = 8 << 10;
    /** Below this, the head and the body go out in one write (one TCP segment, one TLS record). */
    private static final int JOIN_BYTES = 16 << 10;

    private final Duration connectTimeout;
    private final OutboundTrust trust;
    private final Map<String, ArrayDeque<TcpConnection>> idle = new HashMap<>();
    private SSLSocketFactory tls;
    private boolean closed;

    TcpTransport(Duration connectTimeout, OutboundTrust trust) {
        this.connectTimeout = connectTimeout;
        this.trust = trust;
    }

    @Override
    public <T> T post(URI target, String path, String contentType, byte[] body, Duration timeout, String what,
                      BodyReader<T> reader) throws XenApiTransportException {
        long deadline = System.nanoTime() + timeout.toNanos();
        byte[] head = head("POST", target, path, "\r\nContent-Type: " + contentType + "\r\nContent-Length: "
                + body.length);
        TcpConnection c = null;
        try {
            c = sent(target, head, body, deadline, what);
            return receive(c, target, what, reader);
        } catch (IOException e) {
            if (c != null) {
                c.close();
            }
            throw failure(what, target, e);
        }
    }

    /**
     * {@code GET target} (path and query as given, never shown in messages): the body of a 200 answer, to
     * be closed by the caller. {@code timeout} bounds the wait for the answer's head, then each read of
     * the body (a disk export streams for as long as it lasts). Closing the body read to its end gives
     * the connection back to the pool.
     */
    InputStream get(URI target, Duration timeout, String what) throws XenApiTransportException {
        String path = target.getRawPath() + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
        byte[] head = head("GET", target, path, "");
        long deadline = System.nanoTime() + timeout.toNanos();
        TcpConnection c = null;
        try {
            c = sent(target, head, new byte[0], deadline, what);
            Http1Response response;
            try {
                response = Http1Response.read(c.input());
            } catch (IOException e) {
                if (!mayResend(c)) {
                    throw e;
                }
                // a kept-alive connection the server closed as the request went out: a GET may go again
                LOG.debug("{}: kept-alive connection to {} closed before the answer; asking again on a new one",
                        what, target.getHost());
                c.close();
                c = sentOnNew(target, head, new byte[0], deadline);
                response = Http1Response.read(c.input());
            }
            if (response.status() != 200) {
                c.close();
                throw new XenApiTransportException(what + ": HTTP " + response.status() + " from "
                        + target.getHost(), response.status());
            }
            c.perRead(timeout);
            return new PooledBody(this, c, response);
        } catch (IOException e) {
            if (c != null) {
                c.close();
            }
            throw failure(what, target, e);
        }
    }

    /** A connection that carried the request whole: a kept-alive one, or a new one if that failed while sending. */
    private TcpConnection sent(URI target, byte[] head, byte[] body, long deadline, String what) throws IOException {
        TcpConnection c = take(target, deadline);
        c.begin(deadline);
        try {
            send(c, head, body);
            return c;
        } catch (IOException e) {
            c.close();
            if (!mayResend(c)) {
                throw e;
            }
            // closed by the server while idle: the request did not get through whole
            LOG.debug("{}: kept-alive connection to {} failed while sending; sending again on a new one", what,
                    target.getHost());
        }
        return sentOnNew(target, head, body, deadline);
    }

    /** A new connection that carried the request whole (closed if it did not). */
    private TcpConnection sentOnNew(URI target, byte[] head, byte[] body, long deadline) throws IOException {
        TcpConnection fresh = open(target, deadline);
        fresh.begin(deadline);
        try {
            send(fresh, head, body);
            return fresh;
        } catch (IOException e) {
            fresh.close();
            throw e;
        }
    }

    /** A request that failed on {@code c} may go again on a new connection: {@code c} was kept alive, no interrupt. */
    private static boolean mayResend(TcpConnection c) {
        return c.reused() && !Thread.currentThread().isInterrupted();
    }

    /** The answer on {@code c}; {@code c} is back in the pool or closed when this returns. */
    private <T> T receive(TcpConnection c, URI target, String what, BodyReader<T> reader)
            throws IOException, XenApiTransportException {
        InputStream in = c.input();
        Http1Response response = Http1Response.read(in);
        if (response.status() != 200) {
            c.close();
            throw new XenApiTransportException(what + ": HTTP " + response.status() + " from " + target.getHost());
        }
        InputStream framed = response.body(in);
        boolean done = false;
        try {
            T result = reader.read(framed);
            done = response.reusable() && drained(framed);
            return result;
        } finally {
            if (done) {
                release(c);
            } else {
                c.close();
            }
        }
    }

    private static void send(TcpConnection c, byte[] head, byte[] body) throws IOException {
        if (body.length <= JOIN_BYTES) {
            byte[] all = new byte[head.length + body.length];
            System.arraycopy(head, 0, all, 0, head.length);
            System.arraycopy(body, 0, all, head.length, body.length);
            c.write(all);
        } else {
            c.write(head);
            c.write(body);
        }
        c.flush();
    }

    /** Reads what follows the document (a newline, say); true when the body ended within a few KiB. */
    static boolean drained(InputStream body) throws IOException {
        byte[] rest = new byte[512];
        for (int total = 0, n; total <= DRAIN_BYTES; total += n) {
            n = body.read(rest);
            if (n < 0) {
                return true;
            }
        }
        return false;
    }

    private static byte[] head(String method, URI target, String path, String fields) {
        String host = target.getPort() < 0 ? target.getHost() : target.getHost() + ":" + target.getPort();
        return (method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\nUser-Agent: " + XenApiConnection.USER_AGENT
                + fields + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The same message shapes as the JDK client's transport had: never a body, never a session ref. */
    private static XenApiTransportException failure(String what, URI target, IOException e) {
        if (Thread.currentThread().isInterrupted() || e instanceof java.nio.channels.ClosedByInterruptException) {
            Thread.currentThread().interrupt();
            return new XenApiTransportException(what + ": interrupted", e);
        }
        return new XenApiTransportException(what + ": " + e.getClass().getSimpleName() + " talking to "
                + target.getHost() + ":" + target.getPort(), e);
    }

    /** An idle connection to {@code target} not idle for too long, or a new one. */
    private TcpConnection take(URI target, long deadline) throws IOException {
        String key = key(target);
        long now = System.nanoTime();
        List<TcpConnection> stale = new ArrayList<>();
        TcpConnection found = null;
        synchronized (this) {
            ArrayDeque<TcpConnection> q = idle.get(key);
            while (q != null && found == null && !q.isEmpty()) {
                TcpConnection c = q.pollLast();
                if (now - c.idleSince() > IDLE_LIMIT.toNanos() || c.stale()) {
                    stale.add(c);
                } else {
                    found = c;
                }
            }
            if (q != null && q.isEmpty()) {
                idle.remove(key);
            }
        }
        stale.forEach(TcpConnection::close);
        return found != null ? found : open(target, deadline);
    }

    private TcpConnection open(URI target, long deadline) throws IOException {
        long left = (deadline - System.nanoTime()) / 1_000_000L;
        int connectMillis = (int) Math.max(1, Math.min(connectTimeout.toMillis(), left));
        boolean https = "https".equals(target.getScheme().toLowerCase(Locale.ROOT));
        int port = target.getPort() >= 0 ? target.getPort() : https ? 443 : 80;
        return TcpConnection.open(key(target), target.getHost(), port, connectMillis, deadline,
                https ? tls() : null, https ? trust.clientParameters() : null);
    }

    /** The TLS client factory, made at the first https call (one context: its sessions are resumed). */
    private synchronized SSLSocketFactory tls() {
        if (tls == null) {
            tls = trust.clientContext().getSocketFactory();
        }
        return tls;
    }

    /**
     * Puts {@code c} back in the pool, unless its target has {@value #MAX_IDLE} idle ones or the pool holds
     * {@value #MAX_IDLE_TOTAL}; idle connections of every target past {@link #IDLE_LIMIT} are closed on the way.
     */
    void release(TcpConnection c) {
        long now = System.nanoTime();
        c.idle(now);
        List<TcpConnection> expired = new ArrayList<>();
        boolean kept = false;
        synchronized (this) {
            for (var it = idle.values().iterator(); it.hasNext(); ) {
                ArrayDeque<TcpConnection> q = it.next();
                while (!q.isEmpty() && now - q.peekFirst().idleSince() > IDLE_LIMIT.toNanos()) {
                    expired.add(q.pollFirst());
                }
                if (q.isEmpty()) {
                    it.remove();
                }
            }
            int total = idle.values().stream().mapToInt(ArrayDeque::size).sum();
            if (!closed && total < MAX_IDLE_TOTAL) {
                ArrayDeque<TcpConnection> q = idle.computeIfAbsent(c.key(), k -> new ArrayDeque<>());
                kept = q.size() < MAX_IDLE && q.add(c);
                if (q.isEmpty()) {
                    idle.remove(c.key());
                }
            }
        }
        expired.forEach(TcpConnection::close);
        if (!kept) {
            c.close();
        }
    }

    private static String key(URI target) {
        return target.getScheme().toLowerCase(Locale.ROOT) + "://" + target.getHost() + ":" + target.getPort();
    }

    /** Idle connections in the pool, over all targets (for tests). */
    synchronized int idleCount() {
        return idle.values().stream().mapToInt(ArrayDeque::size).sum();
    }

    /** Closes the idle connections; later calls still work, each on a connection of its own closed after it. */
    @Override
    public void close() {
        List<TcpConnection> all = new ArrayList<>();
        synchronized (this) {
            closed = true;
            idle.values().forEach(all::addAll);
            idle.clear();
        }
        all.forEach(TcpConnection::close);
    }
}
