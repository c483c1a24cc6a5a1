package org.xenwbem.tests.bench;

import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.xenwbem.tests.ChildDaemon;
import org.xenwbem.tests.RawHttps;

/**
 * Issue #14's load and soak: {@value #CLIENTS} concurrent clients (root, operator and reader in turn,
 * so each user stays within the per-user limits' defaults) mixing Get, Enumerate/Pull/Release in small
 * pages, the whole Xen_ComputerSystem list paged to its end, Invoke (CheckVirtualSystemIsMigratableToHost)
 * and pull-mode Subscribe/Unsubscribe ({@link SoakClient}) against the daemon in a JVM of its own with
 * the installed launcher's flags and environment ({@link ChildDaemon#INSTALLED_JVM}), its jars as the
 * pack installs them and its class-data archive, made by a first run as the launcher has it made
 * ({@link FootprintBenchmark.Installed}; signed jars without their signature: on the test classpath bcprov's
 * 835 KB signed manifest, parsed at start, sat in the heap as 3.3 MB behind a soft reference until the
 * collector cleared it some 70 s into the load, and the 2-minute run's heap rule compared that), on a
 * simulated pool of {@value #VMS} VMs in a third
 * JVM (it stands for xapi). Runs {@code -Dxenwbem.soak.minutes} (or {@code XENWBEM_SOAK_MINUTES})
 * minutes, 2 by default, after a 5 s warm-up that is not counted. After each minute the daemon's live
 * heap, its full collections and what it holds for clients are read from outside ({@link SoakGauge}),
 * and once more after the clients stopped (every context and subscription should be gone by then);
 * its resident size is read twice a second throughout, and its peak per minute and overall printed
 * (issue #15's bound, 160 MB, through this load too). The installed flags need Java 17.0.9 or later
 * (TrimNativeHeapInterval), as every benchmark of the installed daemon.
 * The live heap is read after a full collection, the honest figure for "flat", {@value #HEAP_SAMPLES}
 * times in the last 20 s of each minute, and the minute's figure is the median: one reading alone
 * counts whatever 64 clients have in flight at that instant (request and answer buffers, a whole-list
 * page being written), which swung single readings by several MB with no trend. Each reading's
 * collection is a pause under load, so they are few. A class histogram at the second minute (the
 * first in a two-minute run) and at the last names the classes that grew (the minute's last reading).
 * {@code -Dxenwbem.soak.jfr=FILE} records the daemon with JFR (profile settings) into FILE.
 * <p>
 * All clients come from one address, so the daemon allows 256 connections per address (the default 64
 * stands for one client machine, not for 64). Goals printed, never asserted: p99 ≤ 200 ms per kind,
 * 0 errors, live heap in the last minute within 10 % of the second's, no OutOfMemoryError.
 */
@Tag("benchmark")
class SoakBenchmark {
    static final int CLIENTS = 64;
    static final int VMS = 1000;
    static final String PASSWORD = "bench-Soak-14";
    static final String[] USERS = {"root", "operator", "reader"};
    private static final long WARMUP_SECONDS = 5;
    /** Live-heap readings per minute, the last at the minute's end; the minute's figure is their median. */
    static final int HEAP_SAMPLES = 3;
    static final long HEAP_SAMPLE_SPACING_SECONDS = 10;

    @Test
    void soak() throws Exception {
        int minutes = minutes();
        long setup = System.nanoTime();
        BenchReport out = new BenchReport("soak");
        Path work = Files.createTempDirectory("xenwbem-soak");
        try (ChildDaemon pool = ChildDaemon.pool(VMS, PASSWORD, "512m")) {
            // the archive-making first run serves this benchmark's own mix for a few seconds
            FootprintBenchmark.Installed installed = FootprintBenchmark.Installed.prepare(work, pool, PASSWORD, d -> {
                awaitSync(d);
                HttpClient http = RawHttps.client();
                run(http, d, targets(new SoakClient(http, d.wsmanUrl(), PASSWORD, null, null)), new SoakStats(),
                        WARMUP_SECONDS);
            });
            out.print("soak.class-data-archive", installed.archiveBytes() / 1e6, "MB(0:-not-made)");
            soak(out, minutes, setup, pool, installed);
        } finally {
            ChildDaemon.deleteTree(work);
        }
    }

    private void soak(BenchReport out, int minutes, long setup, ChildDaemon pool, FootprintBenchmark.Installed installed)
            throws Exception {
        try (ChildDaemon daemon = ChildDaemon.serving(installed.classpath(), jvmFlags(installed.jvm()),
                ChildDaemon.INSTALLED_ENV, pool.xapiUrl(), PASSWORD, "--max-connections-per-client", "256")) {
            awaitSync(daemon);
            // its resident size twice a second from here on: issue #15's bound through the soak's load too,
            // the warm-up included (C2 compiles most of the mix's paths then)
            try (RssPeak rss = new RssPeak(daemon.pid())) {
                load(out, minutes, setup, daemon, rss);
            }
        }
    }

    /** The warm-up and the measured minutes on a daemon whose resident size {@code rss} reads. */
    private void load(BenchReport out, int minutes, long setup, ChildDaemon daemon, RssPeak rss) throws Exception {
        HttpClient http = RawHttps.client();
        SoakClient.Targets targets = targets(new SoakClient(http, daemon.wsmanUrl(), PASSWORD, null, null));
        out.print("soak.pool.vms", targets.vmUuids().size(), "VMs");
        run(http, daemon, targets, new SoakStats(), WARMUP_SECONDS);
        out.print("soak.warm-up.rss-peak", rss.takeMb(), "MB(resident at the most during the warm-up; -1: not read)");
        out.print("soak.setup-and-warmup", (System.nanoTime() - setup) / 1e9, "s");
        out.print("soak.machine.load-average-before", SoakGauge.loadAverage(), "(2 cores; others' work included)");
        SoakGauge gauge = new SoakGauge(daemon.pid(), daemon.port(), PASSWORD);
        double cpu0 = gauge.cpuSeconds();
        SoakStats stats = new SoakStats();
        List<SoakGauge.Reading> readings = new ArrayList<>();
        long started = System.nanoTime();
        runMeasured(http, daemon, targets, stats, minutes, gauge, readings, out, rss);
        double seconds = (System.nanoTime() - started) / 1e9;
        double cpu = gauge.cpuSeconds() - cpu0;
        out.print("soak.machine.load-average-after", SoakGauge.loadAverage(), "(2 cores; others' work included)");
        out.print("soak.daemon-cpu", cpu / seconds * 100, "%(of one core, averaged; 200 = both cores)");
        out.print("soak.daemon-cpu-per-request", cpu * 1000 / Math.max(1, stats.requests()), "ms(CPU, gauge included)");
        SoakGauge.Reading after = gauge.read();
        report(out, stats, readings, after, seconds, daemon);
        out.print("soak.rss-peak", rss.overallMb(),
                "MB(goal<=160, issue #15: the daemon as installed, its class-data archive included; -1: not read)");
        out.print("soak.after.rss", Nmt.rssKb(daemon.pid()) / 1024.0, "MB(goal<=160; issue #15)");
    }

    /** The clients for {@code minutes}, a gauge reading after each. */
    private void runMeasured(HttpClient http, ChildDaemon daemon, SoakClient.Targets targets, SoakStats stats,
                             int minutes, SoakGauge gauge, List<SoakGauge.Reading> readings, BenchReport out,
                             RssPeak rss) throws Exception {
        long begin = System.nanoTime();
        java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
        ExecutorService threads = start(http, daemon, targets, stats, running::get);
        try {
            Map<String, Long> baseHistogram = null;
            int base = minutes >= 3 ? 2 : 1;
            for (int m = 1; m <= minutes; m++) {
                long mark = begin + TimeUnit.MINUTES.toNanos(m);
                List<SoakGauge.Reading> samples = new ArrayList<>();
                for (int i = HEAP_SAMPLES - 1; i >= 0; i--) {
                    long wait = mark - TimeUnit.SECONDS.toNanos(HEAP_SAMPLE_SPACING_SECONDS * i) - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000);
                    }
                    samples.add(gauge.read());
                }
                SoakGauge.Reading r = SoakGauge.median(samples);
                readings.add(r);
                out.print("soak.minute-" + m + ".live-heap", r.liveHeapMb(), "MB(median of " + HEAP_SAMPLES
                        + " readings " + HEAP_SAMPLE_SPACING_SECONDS + " s apart, each after a full GC; cap 128)");
                out.print("soak.minute-" + m + ".live-heap-spread", SoakGauge.spreadMb(samples),
                        "MB(largest minus smallest of the minute's readings: what is in flight at a reading)");
                out.print("soak.minute-" + m + ".open-enumeration-contexts", r.contexts() + r.pulls(), "contexts");
                out.print("soak.minute-" + m + ".operations-in-progress", r.operations(), "requests");
                out.print("soak.minute-" + m + ".rss-peak", rss.takeMb(),
                        "MB(resident at the most, read every 0.5 s; -1: not read)");
                out.print("soak.minute-" + m + ".requests", stats.requests(), "requests(cumulative)");
                if (m == base) {
                    baseHistogram = gauge.lastHistogram();
                }
                if (m == minutes && baseHistogram != null) {
                    growth(out, baseHistogram, gauge.lastHistogram(), base, m);
                }
            }
        } finally {
            // the clients stop once the last minute has been read (so that every reading is under load), or
            // at once if a reading failed
            running.set(false);
            threads.shutdown();
            threads.awaitTermination(2, TimeUnit.MINUTES);
        }
    }

    /**
     * The classes whose live bytes grew most from minute {@code from} to minute {@code to}, and those
     * that fell most (what the base minute still held that the daemon let go of later).
     */
    private static void growth(BenchReport out, Map<String, Long> before, Map<String, Long> after, int from, int to) {
        java.util.Set<String> classes = new java.util.HashSet<>(after.keySet());
        classes.addAll(before.keySet());
        classes.remove(SoakGauge.TOTAL);
        List<Map.Entry<String, Long>> change = classes.stream()
                .map(c -> Map.entry(c, after.getOrDefault(c, 0L) - before.getOrDefault(c, 0L)))
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).toList();
        change.stream().limit(8).forEach(e -> out.print("soak.live-growth-minute-" + from + "-to-" + to + "."
                + e.getKey(), e.getValue() / 1024.0, "KB(live bytes of the class, histogram after a full GC)"));
        change.stream().skip(Math.max(8, change.size() - 6)).filter(e -> e.getValue() < 0)
                .forEach(e -> out.print("soak.live-fall-minute-" + from
                + "-to-" + to + "." + e.getKey(), e.getValue() / 1024.0, "KB(live bytes of the class)"));
    }

    private void run(HttpClient http, ChildDaemon daemon, SoakClient.Targets targets, SoakStats stats, long seconds)
            throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        ExecutorService threads = start(http, daemon, targets, stats, () -> System.nanoTime() < end);
        threads.shutdown();
        threads.awaitTermination(seconds + 120, TimeUnit.SECONDS);
    }

    private ExecutorService start(HttpClient http, ChildDaemon daemon, SoakClient.Targets targets, SoakStats stats,
                                  java.util.function.BooleanSupplier going) {
        ExecutorService threads = Executors.newFixedThreadPool(CLIENTS);
        SoakClient client = new SoakClient(http, daemon.wsmanUrl(), PASSWORD, targets, stats);
        for (int i = 0; i < CLIENTS; i++) {
            String user = USERS[i % USERS.length];
            threads.submit(() -> {
                while (going.getAsBoolean()) {
                    client.step(user);
                }
            });
        }
        return threads;
    }

    private static void report(BenchReport out, SoakStats stats, List<SoakGauge.Reading> readings,
                               SoakGauge.Reading after, double seconds, ChildDaemon daemon) {
        double worstP99 = 0;
        for (Map.Entry<String, SoakStats.Kind> e : stats.kinds().entrySet()) {
            double[] ms = e.getValue().millis();
            if (ms.length == 0) {
                continue;
            }
            double p99 = BenchReport.percentile(ms, 99);
            boolean total = e.getKey().endsWith("(total)");
            worstP99 = total ? worstP99 : Math.max(worstP99, p99);
            out.print("soak." + e.getKey() + ".count", ms.length, "requests");
            out.print("soak." + e.getKey() + ".p50", BenchReport.percentile(ms, 50), "ms");
            out.print("soak." + e.getKey() + ".p99", p99, total ? "ms(several requests; no goal)" : "ms(goal<=200)");
            out.print("soak." + e.getKey() + ".errors", e.getValue().errors.get(), "(goal=0)");
            e.getValue().reasons.forEach((why, n) -> System.out.println("soak " + e.getKey() + " error x" + n + ": " + why));
        }
        out.print("soak.requests", stats.requests(), "requests");
        out.print("soak.throughput", stats.requests() / seconds, "req/s");
        out.print("soak.errors", stats.errors(), "(goal=0)");
        out.print("soak.worst-p99", worstP99, worstP99 <= 200 ? "ms(goal<=200: met)" : "ms(goal<=200: MISSED)");
        heap(out, readings);
        out.print("soak.full-gcs", after.fullGcs(), "collections(not counting the gauge's own)");
        out.print("soak.full-gc-time", after.fullGcSeconds(), "s");
        out.print("soak.young-gcs", after.youngGcs(), "collections");
        out.print("soak.after.open-enumeration-contexts", after.contexts() + after.pulls(), "contexts(expected 0)");
        out.print("soak.after.operations-in-progress", after.operations(), "requests(expected 0: the gauge's own read)");
        boolean oom = daemon.log().contains("OutOfMemoryError");
        out.print("soak.out-of-memory", oom ? 1 : 0, "(goal=0; 1 = an OutOfMemoryError in the daemon's log)");
        out.print("soak.daemon-alive", daemon.alive() ? 1 : 0, "(1=yes)");
    }

    /**
     * Heap flat: the last minute's live heap within 10 % of the second minute's (of the first's in a
     * two-minute run, where the second is the last).
     */
    private static void heap(BenchReport out, List<SoakGauge.Reading> readings) {
        if (readings.size() < 2) {
            return;
        }
        int base = readings.size() >= 3 ? 1 : 0;
        double from = readings.get(base).liveHeapMb();
        double last = readings.get(readings.size() - 1).liveHeapMb();
        double change = from == 0 ? 0 : (last - from) / from * 100;
        out.print("soak.heap-change-last-vs-" + (base == 1 ? "second" : "first") + "-minute", change,
                Math.abs(change) <= 10 ? "%(goal within 10: met)" : "%(goal within 10: MISSED)");
    }

    private static SoakClient.Targets targets(SoakClient c) throws Exception {
        List<String> vms = c.selectorSets(SoakClient.CS, "XenServer Host");
        List<String> uuids = vms.stream().map(s -> SoakClient.selector(s, "Name")).toList();
        List<String> hosts = c.selectorSets(SoakClient.P + "Xen_HostComputerSystem", null).stream()
                .map(s -> SoakClient.selector(s, "Name")).toList();
        List<String> migration = c.selectorSets(SoakClient.MIGRATION, null);
        if (vms.size() < VMS || hosts.isEmpty() || migration.isEmpty()) {
            throw new AssertionError("the daemon lists " + vms.size() + " VMs, " + hosts.size() + " hosts, "
                    + migration.size() + " migration services");
        }
        return new SoakClient.Targets(vms, uuids, hosts, migration.get(0));
    }

    private static void awaitSync(ChildDaemon daemon) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (System.nanoTime() < deadline && daemon.alive() && !daemon.log().contains("pool mirror synced")) {
            Thread.sleep(200);
        }
    }

    /**
     * The installed launcher's flags and the measuring instrument's. {@code MarkSweepDeadRatio=0}: the serial collector's full
     * collection otherwise leaves up to 5 % of the old generation's dead objects in place as int[]
     * fillers, which a class histogram counts as live; the readings' [I swung from 0.5 to 5 MB with no
     * allocation of int[] to explain it (JFR: 2.7 MB of int[] in 20 s, all short-lived), and a 4-minute
     * run read minute 2 at 27.7 MB and minute 4 at 24.4 MB, 3.55 MB of it [I. With the flag every
     * reading's full collection compacts all: the figure is what is live.
     */
    private static List<String> jvmFlags(List<String> installed) {
        String jfr = System.getProperty("xenwbem.soak.jfr");
        List<String> flags = new ArrayList<>(installed);
        flags.add("-XX:MarkSweepDeadRatio=0");
        if (jfr != null && !jfr.isBlank()) {
            flags.add("-XX:StartFlightRecording=filename=" + jfr + ",settings=profile,dumponexit=true");
        }
        return flags;
    }

    static int minutes() {
        String v = System.getProperty("xenwbem.soak.minutes", System.getenv().getOrDefault("XENWBEM_SOAK_MINUTES", "2"));
        return Math.max(1, Integer.parseInt(v.trim()));
    }
}
