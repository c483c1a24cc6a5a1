package org.xenwbem.tests.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.xenwbem.bridge.BridgeConfig;
import org.xenwbem.bridge.PowerState;
import org.xenwbem.bridge.sim.SimFailover;
import org.xenwbem.bridge.sim.SimulatedPool;
import org.xenwbem.tests.ContinuousReader;
import org.xenwbem.tests.DaemonFixture;
import org.xenwbem.tests.RawHttps;
import org.xenwbem.tests.WsmanCalls;

/**
 * Issue #14 item 3, faults end to end against the daemon on a simulated pool: xapi restarted (its
 * endpoint killed and revived, every session lost) in the middle of a Pull sequence, of a method and of
 * a job; xapi gone for {@link #GONE} (30 s, as the issue says); {@code event.from} answering
 * EVENTS_LOST (xapi answering every call after 5 s: {@link SlowXapiTest}). Throughout, a reader enumerates Xen_ComputerSystem every
 * 100 ms and no read may fail; while xapi is away the mirror and the status page JSON say stale; writes
 * and jobs either complete or fail with a fault naming the cause (no stack trace). After each fault the
 * time from xapi's return to a healthy mirror plus a VM start that completes is printed as
 * {@code faults_recovery_<scenario>} (seconds) in target/bench/faults.txt and must stay within 10 s. At
 * the end a thread dump of this JVM (daemon and simulator run in it) must show no thread still inside a
 * xapi call or a socket read, and the thread count back near its baseline.
 */
class XapiFaultsTest {
    static final Duration GONE = Duration.ofSeconds(30);
    private static final Duration RECOVERY = Duration.ofSeconds(10);
    private static final Duration CALL_TIMEOUT = BridgeConfig.DEFAULT_CALL_TIMEOUT;
    private static final String CS = "Xen_ComputerSystem";
    private static final String WSEN = "http://schemas.xmlsoap.org/ws/2004/09/enumeration/";
    private static final Pattern CONTEXT = Pattern.compile("<wsen:EnumerationContext>([^<]+)</wsen:EnumerationContext>");

    private final HttpClient http = RawHttps.client();
    private DaemonFixture fx;
    private SimulatedPool pool;
    private WsmanCalls ws;
    private BenchReport report;

    @Test
    void readsSurviveEveryXapiFaultWritesNameTheCauseAndAllRecoversWithinTenSeconds() throws Exception {
        report = new BenchReport("faults");
        try (DaemonFixture f = new DaemonFixture(6, 1, 1)) {
            fx = f;
            pool = f.daemon.simulatedPool(SimulatedPool.class);
            ws = new WsmanCalls(f);
            ContinuousReader reader = new ContinuousReader(ws, f.systemVmUuids());
            Thread t = new Thread(reader, "faults-reader");
            ContinuousReader.eventually(Duration.ofSeconds(20), () -> f.daemon.mirrorHealth().healthy(), "healthy at start");
            startAndAwait(); // warm: every pool, client and job thread exists from here on
            int baseline = ManagementFactory.getThreadMXBean().getThreadCount();
            List<String> baselineNames = XapiThreads.names();
            t.start();
            try {
                restartDuringPullMethodAndJob();
                xapiGone();
                eventsLost();
            } finally {
                reader.stop.set(true);
                t.join(70_000);
            }
            assertEquals(List.of(), reader.failures, "every read succeeded");
            assertTrue(reader.ok.get() >= 50, "reads: " + reader.ok.get());
            noThreadStuck(baseline, baselineNames);
        }
    }

    /** (a) xapi restarts while a Pull sequence, a method and a job are under way. */
    private void restartDuringPullMethodAndJob() throws Exception {
        List<String> vms = fx.systemVmUuids();
        String first = post(envelope("Enumerate", "<n:Enumerate><w:OptimizeEnumeration/><w:MaxElements>2"
                + "</w:MaxElements></n:Enumerate>"));
        Matcher ctx = CONTEXT.matcher(first);
        assertTrue(ctx.find(), first);

        String vm = halted();
        pool.faults().on("VM.start").once().delay(Duration.ofSeconds(2));
        String job = start(vm); // the job's Async.VM.start is in flight (held 2 s) when xapi dies
        assertEquals("4096", WsmanCalls.value(job, "ReturnValue"), job);
        pool.faults().on("task.create").once().delay(Duration.ofSeconds(2));
        String vm2 = otherHalted(vm);
        CompletableFuture<String> method = CompletableFuture.supplyAsync(() -> startQuietly(vm2));
        Thread.sleep(500); // the method waits for its job's task.create when xapi dies
        String master = pool.failover().killMaster(SimFailover.Death.REFUSE);
        ContinuousReader.eventually(Duration.ofSeconds(10), () -> fx.daemon.mirrorHealth().stale(), "stale after the kill");
        assertTrue(statusSaysStale(), "status page JSON says stale");
        assertTrue(anonymousHealth().contains("degraded"), "anonymous status JSON says degraded");

        String page = post(pullEnvelope(ctx.group(1))); // the sequence goes on while xapi is down
        String during = start(otherHalted(vm2)); // and a method is called while nobody answers
        assertTrue(during.contains("Fault>"), during);
        assertPreciseFaultOrJob(during);
        long back = revive(master);
        String inFlight = method.get(60, TimeUnit.SECONDS);
        assertPreciseFaultOrJob(inFlight);
        System.out.println("method across the restart: " + (inFlight.contains("Fault>") ? "fault" : "job"));
        pullToTheEnd(first + page, page, vms);
        assertPreciseOutcome(ws.awaitJob("root", job), "job across the restart");
        if (inFlight.contains("<p:Job>")) {
            assertPreciseOutcome(ws.awaitJob("root", inFlight), "job of the method across the restart");
        }
        recovered("restart", back);
    }

    /** Pulls the rest of a sequence (across xapi's return); every VM must be in it. */
    private void pullToTheEnd(String seenSoFar, String lastPage, List<String> vms) throws Exception {
        StringBuilder seen = new StringBuilder(seenSoFar);
        String page = lastPage;
        while (true) {
            assertFalse(page.contains("Fault>"), page);
            Matcher m = CONTEXT.matcher(page);
            if (page.contains("EndOfSequence") || !m.find()) {
                break;
            }
            page = post(pullEnvelope(m.group(1)));
            seen.append(page);
        }
        for (String u : vms) {
            assertTrue(seen.toString().contains(u), "Pull sequence lost " + u);
        }
    }

    private String startQuietly(String vm) {
        try {
            return start(vm);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** (b) xapi gone for {@link #GONE}. */
    private void xapiGone() throws Exception {
        String master = pool.failover().killMaster(SimFailover.Death.REFUSE);
        long t0 = System.nanoTime();
        ContinuousReader.eventually(Duration.ofSeconds(10), () -> fx.daemon.mirrorHealth().stale(), "stale while xapi is gone");
        assertTrue(statusSaysStale(), "status page JSON says stale");
        String r = start(halted());
        assertTrue(r.contains("Fault>") && r.contains("xapi cannot be reached"), r);
        assertPreciseFaultOrJob(r);
        Thread.sleep(Math.max(0, GONE.toMillis() - (System.nanoTime() - t0) / 1_000_000));
        assertTrue(fx.daemon.mirrorHealth().stale(), "still stale: " + fx.daemon.mirrorHealth());
        recovered("gone_" + GONE.toSeconds() + "s", revive(master));
    }

    /** (c) event.from answers EVENTS_LOST: the mirror reloads and sees a change made meanwhile. */
    private void eventsLost() throws Exception {
        String vm = fx.systemVmUuids().get(0);
        String name = "after-events-lost-" + UUID.randomUUID();
        pool.faults().on("event.from").once().fail("EVENTS_LOST");
        long t0 = System.nanoTime();
        fx.sim().setField("VM", vm, "name_label", name);
        ContinuousReader.eventually(RECOVERY, () -> {
            try {
                return ws.get("root", CS, keys(vm)).contains(name) && fx.daemon.mirrorHealth().healthy();
            } catch (Exception e) {
                return false;
            }
        }, "the change after EVENTS_LOST is served");
        recovered("events_lost", t0);
    }

    /** Waits for a healthy mirror and a VM start that completes; prints and bounds the time since {@code back}. */
    private void recovered(String scenario, long back) throws Exception {
        ContinuousReader.eventually(RECOVERY, () -> fx.daemon.mirrorHealth().healthy(), scenario + ": healthy again");
        startAndAwait();
        double s = (System.nanoTime() - back) / 1e9;
        report.print("faults_recovery_" + scenario, s, "s");
        assertTrue(s <= RECOVERY.toSeconds(), scenario + " recovered in " + s + " s");
        assertFalse(statusSaysStale(), "status page JSON no longer says stale");
    }

    private void startAndAwait() throws Exception {
        long deadline = System.nanoTime() + RECOVERY.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            String r = start(halted());
            if (r.contains("<p:Job>")) {
                last = ws.awaitJob("root", r);
                if ("7".equals(WsmanCalls.value(last, "JobState"))) {
                    return;
                }
            } else {
                last = r;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no VM start completed within " + RECOVERY + ": " + last);
    }

    private long revive(String hostUuid) {
        pool.failover().revive(hostUuid);
        return System.nanoTime();
    }

    private boolean statusSaysStale() throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + fx.port() + "/"))
                .timeout(Duration.ofSeconds(30)).header("Accept", "application/json")
                .header("Authorization", RawHttps.basic("root", DaemonFixture.PASSWORD)).GET().build();
        String body = http.send(req, HttpResponse.BodyHandlers.ofString()).body();
        return body.replace(" ", "").contains("\"stale\":true");
    }

    private String anonymousHealth() throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + fx.port() + "/"))
                .timeout(Duration.ofSeconds(30)).header("Accept", "application/json").GET().build();
        return http.send(req, HttpResponse.BodyHandlers.ofString()).body();
    }

    private static void assertPreciseFaultOrJob(String r) {
        assertTrue(r.contains("<p:Job>") || r.contains("Fault>"), r);
        assertFalse(stackTrace(r), "no stack trace: " + r);
        if (r.contains("Fault>")) {
            assertTrue(r.contains("xapi"), "the fault names the cause: " + r);
        }
    }

    private static boolean stackTrace(String body) {
        return body.contains("at org.") || body.contains("at java.") || body.contains("Caused by") || body.contains(".java:");
    }

    private static void assertPreciseOutcome(String job, String what) {
        String state = WsmanCalls.value(job, "JobState");
        assertTrue("7".equals(state) || "10".equals(state), what + ": " + job);
        assertFalse(stackTrace(job), what + ", no stack trace: " + job);
        if ("10".equals(state)) {
            String why = String.valueOf(WsmanCalls.value(job, "ErrorDescription"));
            assertTrue(why.startsWith("xapi cannot be reached: ") || why.matches("[A-Z][A-Z_]+( .*)?"),
                    what + " names the cause: " + job);
        }
        System.out.println(what + ": JobState " + state + " " + WsmanCalls.value(job, "ErrorDescription"));
    }

    private void noThreadStuck(int baseline, List<String> baselineNames) throws InterruptedException {
        Thread.sleep(1_000);
        List<String> stuck = XapiThreads.inXapiCalls();
        int now = ManagementFactory.getThreadMXBean().getThreadCount();
        System.out.println("threads: baseline " + baseline + ", after the faults " + now);
        assertEquals(List.of(), stuck, "threads inside a xapi call or a socket read with nothing in flight");
        Duration quiet = Duration.between(fx.daemon.mirrorHealth().lastHeardAt().orElseThrow(), java.time.Instant.now());
        assertTrue(quiet.compareTo(CALL_TIMEOUT) < 0, "the mirror's event poll answers (last heard " + quiet + " ago)");
        List<String> added = XapiThreads.names();
        added.removeAll(baselineNames);
        System.out.println("threads not there at the baseline: " + added);
        long daemonBefore = baselineNames.stream().filter(XapiThreads::daemonThread).count();
        long daemonNow = XapiThreads.names().stream().filter(XapiThreads::daemonThread).count();
        System.out.println("daemon and bridge threads: baseline " + daemonBefore + ", after the faults " + daemonNow);
        // Jetty's pool and the job pool (4) may each grow a little; a thread per fault or per call would not fit
        assertTrue(daemonNow <= daemonBefore + 6, "daemon threads " + daemonNow + " vs " + daemonBefore + ", new: " + added);
        assertTrue(now <= baseline + 12, "thread count " + now + " vs baseline " + baseline + ", new: " + added);
    }

    private String start(String vm) throws Exception {
        return ws.invoke("root", CS, keys(vm), "RequestStateChange", "<q:RequestedState>2</q:RequestedState>");
    }

    private static Map<String, String> keys(String vm) {
        return Map.of("CreationClassName", CS, "Name", vm);
    }

    private String halted() {
        return otherHalted(null);
    }

    private String otherHalted(String except) {
        return haltedVm(fx, except);
    }

    /** An ordinary VM of {@code fx}'s pool set to Halted (not {@code except}; a halted one first). */
    static String haltedVm(DaemonFixture fx, String except) {
        String u = fx.systemVmUuids().stream()
                .filter(x -> !Boolean.TRUE.equals(fx.sim().vmRecord(x).get("is_control_domain")) && !x.equals(except))
                .sorted((a, b) -> Boolean.compare(fx.sim().vmPowerState(a) == PowerState.Running,
                        fx.sim().vmPowerState(b) == PowerState.Running))
                .findFirst().orElseThrow();
        fx.sim().setVmPowerState(u, PowerState.Halted);
        return u;
    }

    private String post(String xml) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(fx.wsmanUrl())).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/soap+xml;charset=UTF-8")
                .header("Authorization", RawHttps.basic("root", DaemonFixture.PASSWORD))
                .POST(HttpRequest.BodyPublishers.ofString(xml)).build();
        return http.send(req, HttpResponse.BodyHandlers.ofString()).body();
    }

    private String pullEnvelope(String context) {
        return envelope("Pull", "<n:Pull><n:EnumerationContext>" + context
                + "</n:EnumerationContext><n:MaxElements>2</n:MaxElements></n:Pull>");
    }

    private String envelope(String action, String body) {
        return "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\" "
                + "xmlns:a=\"http://schemas.xmlsoap.org/ws/2004/08/addressing\" xmlns:n=\"" + WSEN.substring(0, WSEN.length() - 1)
                + "\" xmlns:w=\"http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd\"><s:Header><a:To>" + fx.wsmanUrl()
                + "</a:To><w:ResourceURI s:mustUnderstand=\"true\">" + DaemonFixture.P + CS + "</w:ResourceURI>"
                + "<a:ReplyTo><a:Address s:mustUnderstand=\"true\">"
                + "http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</a:Address></a:ReplyTo>"
                + "<a:Action s:mustUnderstand=\"true\">" + WSEN + action + "</a:Action><a:MessageID>uuid:"
                + UUID.randomUUID() + "</a:MessageID></s:Header><s:Body>" + body + "</s:Body></s:Envelope>";
    }
}
