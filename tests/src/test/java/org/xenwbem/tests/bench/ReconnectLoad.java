package org.xenwbem.tests.bench;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.xenwbem.tests.RawHttps;

/**
 * Issue #15's other loads for FootprintBenchmark: a new TLS connection per request (what {@code winrm}
 * from a command prompt does), each an unauthenticated WS-Man Identify, from a few clients for a while,
 * with full handshakes (a new client context, so no session to resume) or resumed ones (one context,
 * whose session cache offers the daemon's ticket), sampling the daemon's RSS as it goes.
 */
final class ReconnectLoad {
    private static final byte[] IDENTIFY = ("<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\" "
            + "xmlns:wsmid=\"http://schemas.dmtf.org/wbem/wsman/identity/1/wsmanidentity.xsd\">"
            + "<s:Header/><s:Body><wsmid:Identify/></s:Body></s:Envelope>").getBytes(StandardCharsets.UTF_8);

    /** What one load did: requests answered, errors, seconds, highest RSS (KiB). */
    record Result(long requests, long errors, double seconds, long peakRssKb) {
        double perSecond() {
            return requests / seconds;
        }
    }

    private final int port;
    private final boolean resume;

    ReconnectLoad(int port, boolean resume) {
        this.port = port;
        this.resume = resume;
    }

    /** Runs the load; {@code midway} is called once, halfway through (FootprintBenchmark reads the NMT regions then). */
    Result run(int clients, Duration d, LongSupplier rss, Runnable midway) throws Exception {
        long start = System.nanoTime();
        long end = start + d.toNanos();
        AtomicLong ok = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        SSLContext shared = RawHttps.trustAll();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Thread t = new Thread(() -> {
                while (System.nanoTime() < end) {
                    try {
                        identify(resume ? shared : RawHttps.trustAll());
                        ok.incrementAndGet();
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                }
            }, "reconnect-load-" + i);
            t.start();
            threads.add(t);
        }
        long peak = 0;
        long half = start + d.toNanos() / 2;
        boolean halfway = false;
        while (System.nanoTime() < end) {
            peak = Math.max(peak, rss.getAsLong());
            if (!halfway && System.nanoTime() >= half) {
                halfway = true;
                midway.run();
            }
            Thread.sleep(100);
        }
        for (Thread t : threads) {
            t.join(60_000);
        }
        peak = Math.max(peak, rss.getAsLong());
        return new Result(ok.get(), errors.get(), (System.nanoTime() - start) / 1e9, peak);
    }

    /** One connection, one Identify, closed. */
    private void identify(SSLContext ctx) throws Exception {
        try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", port)) {
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            out.write(("POST /wsman HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nWSMANIDENTIFY: unauthenticated\r\n"
                    + "Content-Type: application/soap+xml;charset=UTF-8\r\nContent-Length: " + IDENTIFY.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(IDENTIFY);
            out.flush();
            InputStream in = s.getInputStream();
            byte[] answer = in.readAllBytes();
            if (answer.length < 12 || !new String(answer, 0, 12, StandardCharsets.US_ASCII).startsWith("HTTP/1.1 200")) {
                throw new IllegalStateException("not a 200 answer");
            }
        }
    }
}
