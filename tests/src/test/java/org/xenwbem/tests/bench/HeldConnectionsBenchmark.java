package org.xenwbem.tests.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.xenwbem.tests.DaemonFixture;
import org.xenwbem.tests.RawHttps;
import org.xenwbem.tests.RawSockets;

/**
 * Identify latency for a normal client while {@value #HELD} slow or idle connections are held
 * (issue #17: about 29 slow connections used to hang the daemon). Of the held connections, 400 are
 * plain TCP that never send a byte, 400 finished the TLS handshake and send their request headers a
 * byte every 2 s, and 200 are authenticated POSTs (Content-Length 100,000) whose body comes a byte
 * every 2 s: each of these used to hold one of the 32 request threads. They come from
 * {@value #ADDRESSES} loopback addresses (127.0.0.20 …), 62 or 63 each, under the default
 * per-client cap of 64 and, with the normal client's, under the default total of 1024: the figure
 * is for a crowd the caps let in, not for one client (whose 65th connection is refused at
 * accept). The header and body deadlines are raised to 120 s for the run, or they would end the
 * held connections 20 s after they began: the figure is the worst case in which they are all still
 * there. The normal client, on 127.0.0.1, measures {@value #FRESH} Identify requests each on a new
 * TLS connection (session resumption allowed, as clients do) and {@value #KEEP_ALIVE} on one
 * keep-alive connection, first with nothing held (baseline), then with the crowd held; printed:
 * p50, p99 and their ratios to the baseline, the connections still held at the end, and the heap
 * the crowd costs (server and test client together: an upper bound). About 45 s.
 */
@Tag("benchmark")
class HeldConnectionsBenchmark {
    static final int HELD = 1000;
    static final int IDLE = 400;
    static final int SLOW_HEADERS = 400;
    static final int ADDRESSES = 16;
    static final int FRESH = 100;
    static final int KEEP_ALIVE = 300;

    @Test
    void identifyLatencyWhileAThousandConnectionsAreHeld() throws Exception {
        BenchReport out = new BenchReport("held-connections");
        try (DaemonFixture fx = new DaemonFixture(4, 1, 1, o -> {
            o.headerTimeout = Duration.ofSeconds(120);
            o.bodyTimeout = Duration.ofSeconds(120);
        })) {
            SSLContext client = RawHttps.trustAll();
            measure(fx, client, FRESH, KEEP_ALIVE); // warm-up: the same work, so the baseline is not the JIT's
            double[][] base = measure(fx, client, FRESH, KEEP_ALIVE);
            long heap0 = usedHeapAfterGc();
            Crowd crowd = new Crowd(fx.port());
            try {
                crowd.open();
                long heap1 = usedHeapAfterGc();
                double[][] held = measure(fx, client, FRESH, KEEP_ALIVE);
                int stillHeld = crowd.stillHeld();
                report(out, "fresh_connection", base[0], held[0]);
                report(out, "keep_alive", base[1], held[1]);
                out.print("held.connections_at_end", stillHeld, "connections");
                out.print("held.refused_at_accept", fx.daemon.connectionsRefused(), "connections");
                out.print("held.heap_per_connection", Math.round((heap1 - heap0) / (double) HELD), "bytes");
                assertEquals(HELD, stillHeld, "the crowd was held for the whole measurement");
                assertEquals(0, fx.daemon.connectionsRefused(), "the caps let this crowd in");
            } finally {
                crowd.close();
            }
        }
    }

    private static void report(BenchReport out, String what, double[] base, double[] held) {
        double b50 = BenchReport.percentile(base, 50);
        double b99 = BenchReport.percentile(base, 99);
        double h50 = BenchReport.percentile(held, 50);
        double h99 = BenchReport.percentile(held, 99);
        out.print("held.identify_" + what + ".baseline_p50", b50, "ms");
        out.print("held.identify_" + what + ".baseline_p99", b99, "ms");
        out.print("held.identify_" + what + ".held_p50", h50, "ms");
        out.print("held.identify_" + what + ".held_p99", h99, "ms");
        out.print("held.identify_" + what + ".ratio_p50", h50 / b50, "x");
        out.print("held.identify_" + what + ".ratio_p99", h99 / b99, "x");
    }

    /** Latencies (ms) of Identify on fresh connections, then on one keep-alive connection. */
    private static double[][] measure(DaemonFixture fx, SSLContext client, int freshCount, int keptCount)
            throws Exception {
        byte[] request = RawSockets.identify(fx.port());
        double[] fresh = new double[freshCount];
        for (int i = 0; i < freshCount; i++) {
            long t0 = System.nanoTime();
            try (SSLSocket s = (SSLSocket) client.getSocketFactory().createSocket("127.0.0.1", fx.port())) {
                s.setSoTimeout(30_000);
                exchange(s.getOutputStream(), s.getInputStream(), request);
            }
            fresh[i] = (System.nanoTime() - t0) / 1e6;
        }
        double[] kept = new double[keptCount];
        try (SSLSocket s = (SSLSocket) client.getSocketFactory().createSocket("127.0.0.1", fx.port())) {
            s.setSoTimeout(30_000);
            s.startHandshake();
            for (int i = 0; i < keptCount; i++) {
                long t0 = System.nanoTime();
                exchange(s.getOutputStream(), s.getInputStream(), request);
                kept[i] = (System.nanoTime() - t0) / 1e6;
            }
        }
        return new double[][] {fresh, kept};
    }

    private static void exchange(OutputStream out, InputStream in, byte[] request) throws IOException {
        out.write(request);
        out.flush();
        String r = RawSockets.readResponse(in);
        if (!r.startsWith("HTTP/1.1 200 ")) {
            throw new IOException("Identify failed: " + r.lines().findFirst().orElse(r));
        }
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** The held connections and the thread that keeps the slow ones trickling. */
    private static final class Crowd implements AutoCloseable {
        private final int port;
        private final List<SocketChannel> idle = Collections.synchronizedList(new ArrayList<>());
        private final List<SSLSocket> slow = Collections.synchronizedList(new ArrayList<>());
        private volatile boolean trickling = true;
        private Thread trickler;

        Crowd(int port) {
            this.port = port;
        }

        private static String address(int i) {
            return "127.0.0." + (20 + i % ADDRESSES);
        }

        void open() throws Exception {
            for (int i = 0; i < IDLE; i++) {
                idle.add(RawSockets.tcp(port, address(i)));
            }
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<?>> done = new ArrayList<>();
            for (int i = IDLE; i < HELD; i++) {
                String from = address(i);
                String start = i < IDLE + SLOW_HEADERS ? "POST /wsman HTTP/1.1\r\nHost: x\r\nX-Slow: "
                        : RawSockets.postHead(port, "/wsman", "application/soap+xml;charset=UTF-8", 100_000, true);
                done.add(pool.submit(() -> {
                    SSLSocket s = RawSockets.tls(port, from);
                    s.getOutputStream().write(start.getBytes(StandardCharsets.US_ASCII));
                    slow.add(s);
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(120, TimeUnit.SECONDS);
            }
            pool.shutdown();
            trickler = new Thread(this::trickle, "bench-trickler");
            trickler.setDaemon(true);
            trickler.start();
        }

        private void trickle() {
            while (trickling) {
                for (SSLSocket s : List.copyOf(slow)) {
                    try {
                        s.getOutputStream().write('a');
                        s.getOutputStream().flush();
                    } catch (IOException e) {
                        slow.remove(s);
                    }
                }
                try {
                    Thread.sleep(2000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        /** Connections still open: the idle ones the server has not closed, the slow ones still writable. */
        int stillHeld() {
            return RawSockets.countOpen(idle) + slow.size();
        }

        @Override
        public void close() throws Exception {
            trickling = false;
            if (trickler != null) {
                trickler.interrupt();
                trickler.join(5000);
            }
            for (SocketChannel c : idle) {
                c.close();
            }
            for (SSLSocket s : slow) {
                s.close();
            }
        }
    }
}
