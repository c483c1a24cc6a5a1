package org.xenwbem.bridge.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.xenwbem.bridge.BridgeConfig;
import org.xenwbem.bridge.HostRecord;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.bridge.VbdRecord;
import org.xenwbem.bridge.VifRecord;
import org.xenwbem.bridge.VmRecord;
import org.xenwbem.bridge.XenBridge;
import org.xenwbem.bridge.connect.XenBridges;
import org.xenwbem.bridge.client.XenApiConnection;
import org.xenwbem.bridge.client.XenApiSession;
import org.xenwbem.bridge.ops.XenFailure;
import org.xenwbem.bridge.rrd.RrdReader;
import org.xenwbem.bridge.rrd.RrdSeries;
import org.xenwbem.bridge.rrd.RrdUpdates;
import org.xenwbem.bridge.sim.SimulatedPool;

/**
 * The RRD sampler against a simulated pool whose hosts each serve their own /rrd_updates: values
 * equal the simulator's RRD, one request per host per period and no XenAPI call once running,
 * failures keep the last values (logged once) and back off, hosts that leave lose their values.
 */
class RrdSamplerSimTest {
    private static final Duration PERIOD = Duration.ofSeconds(60);

    /** A clock the test moves by hand (the sampler's schedule; the simulator keeps real time). */
    static final class ManualClock extends Clock {
        private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    /** Delegates, counting requests per host, and fails for the hosts in {@link #failing}. */
    static final class InjectingSource implements RrdSource {
        final RrdSource inner;
        final Map<String, AtomicInteger> requests = new HashMap<>();
        final AtomicReference<String> failing = new AtomicReference<>("");

        InjectingSource(RrdSource inner) {
            this.inner = inner;
        }

        @Override
        public synchronized RrdUpdates latest(HostRecord host, Duration window) throws XenFailure {
            requests.computeIfAbsent(host.uuid(), u -> new AtomicInteger()).incrementAndGet();
            if (failing.get().equals(host.uuid())) {
                throw new XenFailure(XenFailure.Kind.UNAVAILABLE, "TRANSPORT", List.of(), "injected: host unreachable",
                        null);
            }
            return inner.latest(host, window);
        }

        synchronized int requests(String host) {
            AtomicInteger n = requests.get(host);
            return n == null ? 0 : n.get();
        }
    }

    private SimulatedPool pool;
    private XenBridge bridge;
    private ManualClock clock;
    private InjectingSource source;
    private RrdSampler sampler;

    @BeforeEach
    void start() throws Exception {
        pool = SimulatedPool.builder().hosts(2).vms(6).disksPerVm(2).nicsPerVm(2).seed(5).rootPassword("pw")
                .memberEndpoints(true).build();
        pool.start("127.0.0.1", 0);
        bridge = XenBridges.connect(BridgeConfig.builder().xapiUrl(pool.url()).serviceUser("root")
                .servicePassword("pw".toCharArray()).callTimeout(Duration.ofSeconds(5)).build());
        assertTrue(bridge.mirror().awaitInitialSync(Duration.ofSeconds(10)), "initial sync");
        clock = new ManualClock();
        source = new InjectingSource(new ServiceRrdSource(bridge));
        sampler = new RrdSampler(() -> bridge.mirror().current(), source, PERIOD, clock);
    }

    @AfterEach
    void stop() {
        sampler.close();
        bridge.close();
        pool.close();
    }

    @Test
    void everyDiskAndNicOfTheRunningVmsAndHostsHasTheValueTheHostsRrdHolds() throws Exception {
        PerfSnapshot p = sampler.sampleOnce();
        PoolSnapshot s = bridge.mirror().current();
        int disks = 0;
        int nics = 0;
        for (VmRecord vm : s.vms()) {
            if (vm.isATemplate() || vm.isASnapshot() || !running(vm)) {
                assertFalse(p.vm(vm.uuid()).isPresent(), "no values for a VM that does not run: " + vm.nameLabel());
                continue;
            }
            if (s.vbdsOf(vm.uuid()).isEmpty() && s.vifsOf(vm.uuid()).isEmpty()) {
                assertFalse(p.vm(vm.uuid()).isPresent(), "no devices, no values: " + vm.nameLabel());
                continue;
            }
            RrdUpdates truth = reference(s.host(vm.residentOnHostUuid()).orElseThrow());
            PerfValues v = p.vm(vm.uuid()).orElseThrow(() -> new AssertionError("values for " + vm.nameLabel()));
            long t = v.sampledAt().getEpochSecond();
            for (VbdRecord vbd : s.vbdsOf(vm.uuid())) {
                if (vbd.empty()) {
                    continue;
                }
                for (String suffix : List.of("_read", "_write", "_read_latency", "_write_latency")) {
                    String ds = "vbd_" + vbd.device() + suffix;
                    assertEquals(at(truth, "vm", vm.uuid(), ds, t), v.value(ds).orElseThrow(), ds);
                }
                disks++;
            }
            for (VifRecord vif : s.vifsOf(vm.uuid())) {
                for (String suffix : List.of("_rx", "_tx")) {
                    String ds = "vif_" + vif.device() + suffix;
                    assertEquals(at(truth, "vm", vm.uuid(), ds, t), p.vmValue(vm.uuid(), ds).orElseThrow(), ds);
                }
                nics++;
            }
            assertFalse(v.value("memory").isPresent(), "only disk and NIC sources are kept");
        }
        assertTrue(disks > 0 && nics > 0, "the pool runs guests with disks and NICs");
        for (HostRecord h : s.hosts()) {
            PerfValues v = p.host(h.uuid()).orElseThrow();
            RrdUpdates truth = reference(h);
            for (var pif : s.pifsOf(h.uuid())) {
                String ds = "pif_" + pif.device() + "_rx";
                assertEquals(at(truth, "host", h.uuid(), ds, v.sampledAt().getEpochSecond()), v.value(ds).orElseThrow(), ds);
            }
            assertFalse(v.value("cpu0").isPresent(), "only disk and NIC sources are kept");
        }
    }

    @Test
    void oneRequestPerHostPerPeriodAndNoXenApiCallOnceRunning() {
        sampler.sampleOnce();
        long calls = xenApiCalls();
        long requests = pool.httpRequests("/rrd_updates");
        PerfSnapshot before = sampler.current();
        sampler.sampleOnce();
        assertEquals(requests, pool.httpRequests("/rrd_updates"), "nothing is due before the period is over");
        assertTrue(sampler.current().generation() > before.generation());
        clock.advance(PERIOD);
        sampler.sampleOnce();
        assertEquals(requests + 2, pool.httpRequests("/rrd_updates"), "one request per host");
        assertEquals(calls, xenApiCalls(), "host addresses come from the mirror; the session is kept");
    }

    @Test
    void aFailingHostKeepsItsLastValuesLogsOnceAndBacksOff() {
        ListAppender<ILoggingEvent> log = capture();
        PerfSnapshot first = sampler.sampleOnce();
        String vm = guestWithDisks();
        String member = bridge.mirror().current().vm(vm).orElseThrow().residentOnHostUuid();
        PerfValues kept = first.vm(vm).orElseThrow();
        source.failing.set(member);
        int attempts = source.requests(member);
        for (int period = 1; period <= 8; period++) {
            clock.advance(PERIOD);
            PerfSnapshot p = sampler.sampleOnce();
            assertSame(kept, p.vm(vm).orElseThrow(), "the last values stay while the host fails");
            assertTrue(p.host(member).isPresent());
        }
        // failures at periods 1, 3 (after 2) and 7 (after 4 more): three attempts, not eight
        assertEquals(attempts + 3, source.requests(member), "retries back off");
        assertEquals(1, warnings(log, "cannot read the RRD"), "the failure is logged once");
        source.failing.set("");
        clock.advance(PERIOD.multipliedBy(8));
        sampler.sampleOnce();
        assertEquals(attempts + 4, source.requests(member));
        assertEquals(1, infos(log, "readable again"), "the recovery is logged once");
        clock.advance(PERIOD);
        sampler.sampleOnce();
        assertEquals(attempts + 5, source.requests(member), "back to one request per period");
    }

    @Test
    void aForgottenServiceSessionIsReplacedAfterOneFailedRequest() {
        PerfSnapshot before = sampler.sampleOnce();
        List<String> hosts = pool.state().hostUuids();
        pool.state().invalidateAllSessions();
        clock.advance(PERIOD);
        PerfSnapshot after = sampler.sampleOnce();
        List<String> stale = hosts.stream()
                .filter(h -> after.host(h).orElseThrow() == before.host(h).orElseThrow()).toList();
        assertEquals(1, stale.size(), "the first request gets HTTP 401 and keeps its host's values; the next one "
                + "logs in again");
        clock.advance(PERIOD.multipliedBy(2));
        PerfSnapshot recovered = sampler.sampleOnce();
        assertTrue(recovered.host(stale.get(0)).orElseThrow() != before.host(stale.get(0)).orElseThrow(),
                "read again with the new session");
    }

    @Test
    void aHostThatStopsHeartBeatingLosesItsValues() throws Exception {
        sampler.sampleOnce();
        String vm = guestWithDisks();
        String member = bridge.mirror().current().vm(vm).orElseThrow().residentOnHostUuid();
        assertTrue(sampler.current().vm(vm).isPresent());
        pool.state().setHostLive(member, false);
        eventually(() -> !bridge.mirror().current().host(member).orElseThrow().live(), "mirror sees the host dead");
        clock.advance(PERIOD);
        PerfSnapshot p = sampler.sampleOnce();
        assertFalse(p.host(member).isPresent());
        assertFalse(p.vm(vm).isPresent());
        assertTrue(p.hostCount() == 1 && !p.host(member).isPresent(), "the other host still reports");
    }

    @Test
    void theBackgroundThreadSamplesAndStopsOnClose() throws Exception {
        sampler.start();
        eventually(() -> sampler.current().hostCount() == 2, "a first sample");
        sampler.close();
        eventually(() -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().equals("xenwbem-rrd-sampler")), "the sampler thread ended");
        assertEquals(2, sampler.current().hostCount(), "the last snapshot stays readable");
    }

    private long xenApiCalls() {
        return pool.totalCalls() - pool.callCount("event.from");
    }

    private String guestWithDisks() {
        return bridge.mirror().current().vms().stream()
                .filter(v -> !v.isControlDomain() && !v.isATemplate() && running(v))
                .filter(v -> !bridge.mirror().current().vbdsOf(v.uuid()).isEmpty())
                .map(VmRecord::uuid).findFirst().orElseThrow();
    }

    private static boolean running(VmRecord vm) {
        return vm.powerState() == org.xenwbem.bridge.PowerState.Running
                || vm.powerState() == org.xenwbem.bridge.PowerState.Paused;
    }

    /** The host's last two minutes, read independently of the sampler. */
    private RrdUpdates reference(HostRecord h) throws Exception {
        XenApiSession session = XenApiConnection.create(pool.url(), Duration.ofSeconds(2), Duration.ofSeconds(5))
                .login("root", "pw".toCharArray(), "reference");
        try {
            return new RrdReader(session).fetch(Instant.now().minusSeconds(120), Duration.ofSeconds(5), h.uuid());
        } finally {
            session.logout();
        }
    }

    private static double at(RrdUpdates u, String kind, String uuid, String ds, long t) {
        RrdSeries s = u.series(kind, uuid, ds).orElseThrow(() -> new AssertionError("no " + ds + " for " + uuid));
        for (int i = 0; i < s.size(); i++) {
            if (s.timestamp(i) == t) {
                return s.value(i);
            }
        }
        throw new AssertionError("no row at " + t + " in " + s);
    }

    private static ListAppender<ILoggingEvent> capture() {
        Logger logger = (Logger) LoggerFactory.getLogger(RrdSampler.class);
        ListAppender<ILoggingEvent> a = new ListAppender<>();
        a.start();
        logger.addAppender(a);
        return a;
    }

    private static long warnings(ListAppender<ILoggingEvent> a, String text) {
        return a.list.stream().filter(e -> e.getLevel() == Level.WARN && e.getMessage().contains(text)).count();
    }

    private static long infos(ListAppender<ILoggingEvent> a, String text) {
        return a.list.stream().filter(e -> e.getLevel() == Level.INFO && e.getMessage().contains(text)).count();
    }

    private static void eventually(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 10 s: " + what);
            }
            Thread.sleep(10);
        }
    }
}
