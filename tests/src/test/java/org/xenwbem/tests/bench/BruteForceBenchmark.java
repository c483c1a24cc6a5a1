package org.xenwbem.tests.bench;

import org.xenwbem.bridge.sim.SimulatedPool;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.xenwbem.tests.DaemonFixture;
import org.xenwbem.tests.RawHttps;

/**
 * Issue #17 figure: how many password guesses from one address the daemon checks with xapi in a
 * brute-force run. {@value #ATTACKERS} connections from 127.0.0.1 send guesses back to back (random
 * user names out of {@value #USERS}, random passwords) for {@code xenwbem.bench.bruteForceSeconds}
 * (default 62, to cover the first minute); the simulated xapi answers a wrong password after 5 s, as
 * xapi does. A guess the daemon answers {@code reason=bad-credentials} was checked with xapi; one
 * answered {@code reason=throttled} was not. Printed: the checked guesses in the run's first minute
 * (by the daemon's access-log times) and in the whole run, the login calls that reached xapi, the
 * attempts and unchecked refusals, and the Identify latency of a verified user from the same address
 * meanwhile. Printed, not asserted.
 */
@Tag("benchmark")
class BruteForceBenchmark {
    static final int ATTACKERS = 16;
    static final int USERS = 20;
    private static final String THROTTLED = "too many failed logins";

    @Test
    void guessesPerMinuteFromOneAddress() throws Exception {
        BenchReport out = new BenchReport("brute-force");
        Duration run = Duration.ofSeconds(Long.getLong("xenwbem.bench.bruteForceSeconds", 62));
        HttpClient client = RawHttps.client();
        try (DaemonFixture fx = new DaemonFixture(2)) {
            assertEquals(200, client.send(identify(fx, "root", DaemonFixture.PASSWORD),
                    HttpResponse.BodyHandlers.discarding()).statusCode());
            fx.daemon.simulatedPool(SimulatedPool.class).faults().authFailureDelay(Duration.ofSeconds(5)); // as xapi does
            long loginsBefore = fx.daemon.simulatedPool(SimulatedPool.class).callCount("session.login_with_password");
            ListAppender<ILoggingEvent> access = new ListAppender<>();
            access.start();
            Logger accessLog = (Logger) LoggerFactory.getLogger("xenwbem.access");
            accessLog.addAppender(access);
            AtomicLong throttled = new AtomicLong();
            AtomicLong attempts = new AtomicLong();
            long start = System.nanoTime();
            long end = start + run.toNanos();
            ExecutorService pool = Executors.newFixedThreadPool(ATTACKERS + 1);
            for (int t = 0; t < ATTACKERS; t++) {
                pool.submit(() -> guess(client, fx, end, throttled, attempts));
            }
            List<Double> verified = Collections.synchronizedList(new ArrayList<>());
            AtomicLong verifiedFailed = new AtomicLong();
            pool.submit(() -> verifiedUser(client, fx, end, verified, verifiedFailed));
            pool.shutdown();
            pool.awaitTermination(run.toSeconds() + 60, TimeUnit.SECONDS);
            long logins = fx.daemon.simulatedPool(SimulatedPool.class).callCount("session.login_with_password") - loginsBefore;
            accessLog.detachAppender(access);
            long startMillis = System.currentTimeMillis() - (System.nanoTime() - start) / 1_000_000;
            List<Long> checked = List.copyOf(access.list).stream()
                    .filter(e -> e.getFormattedMessage().contains("reason=bad-credentials"))
                    .map(ILoggingEvent::getTimeStamp).toList(); // when the daemon answered: its own clock
            out.print("bruteforce.checked-guesses-first-minute", checked.stream().filter(t -> t < startMillis + 60_000).count(),
                    "guesses(one-address;ceiling-12/min)");
            out.print("bruteforce.checked-guesses", checked.size(), "guesses-in-" + run.toSeconds() + "s");
            out.print("bruteforce.xapi-logins", logins, "calls-in-" + run.toSeconds() + "s(guesses+verified-user-recheck)");
            out.print("bruteforce.attempts", attempts.get(), "requests-in-" + run.toSeconds() + "s");
            out.print("bruteforce.throttled", throttled.get(), "refused-unchecked");
            double[] v = verified.stream().mapToDouble(Double::doubleValue).toArray();
            out.print("bruteforce.verified-user-identify-p50", v.length == 0 ? -1 : BenchReport.median(v), "ms");
            out.print("bruteforce.verified-user-identify-max", v.length == 0 ? -1 : BenchReport.percentile(v, 100), "ms");
            out.print("bruteforce.verified-user-refused", verifiedFailed.get(), "requests(of-" + (v.length + verifiedFailed.get()) + ")");
        }
    }

    private static void guess(HttpClient client, DaemonFixture fx, long end, AtomicLong throttled, AtomicLong attempts) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (System.nanoTime() < end) {
            try {
                HttpResponse<String> r = client.send(identify(fx, "user" + random.nextInt(USERS),
                        Long.toHexString(random.nextLong())), HttpResponse.BodyHandlers.ofString());
                attempts.incrementAndGet();
                if (r.body().contains(THROTTLED)) {
                    throttled.incrementAndGet();
                }
            } catch (Exception e) {
                attempts.incrementAndGet(); // a closed connection: counted, then the next guess
            }
        }
    }

    /** A verified user's Identify every 500 ms from the same address: its latency in ms. */
    private static void verifiedUser(HttpClient client, DaemonFixture fx, long end, List<Double> latencies,
                                     AtomicLong failed) {
        while (System.nanoTime() < end) {
            try {
                long t0 = System.nanoTime();
                HttpResponse<Void> r = client.send(identify(fx, "root", DaemonFixture.PASSWORD),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    latencies.add((System.nanoTime() - t0) / 1e6);
                } else {
                    failed.incrementAndGet();
                }
                Thread.sleep(500);
            } catch (Exception e) {
                failed.incrementAndGet();
            }
        }
    }

    private static HttpRequest identify(DaemonFixture fx, String user, String password) {
        return HttpRequest.newBuilder(URI.create(fx.wsmanUrl())).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/soap+xml;charset=UTF-8")
                .header("Authorization", RawHttps.basic(user, password))
                .POST(HttpRequest.BodyPublishers.ofString("<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\" "
                        + "xmlns:wsmid=\"http://schemas.dmtf.org/wbem/wsman/identity/1/wsmanidentity.xsd\">"
                        + "<s:Header/><s:Body><wsmid:Identify/></s:Body></s:Envelope>")).build();
    }
}
