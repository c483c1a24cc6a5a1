package org.xenwbem.tests.bench;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.xenwbem.tests.ChildDaemon;
import org.xenwbem.tests.RawHttps;
import org.xenwbem.tests.WholeCatalog;

/**
 * Issue #17's figure: the largest pool at which one read-only request for the whole catalog (a WS-Man
 * Enumerate of CIM_ManagedElement, OptimizeEnumeration, MaxElements 1000000, no MaxEnvelopeSize), and
 * 64 of them at once, still answer without error within the 128 MB heap cap (goal: 10,000 VMs). Per
 * size, the simulated pool runs in a JVM of its own (it stands for xapi, whose memory is not ours) and
 * the daemon in another with the pack's flags ({@link ChildDaemon#PACK_JVM}). "Without error" means a
 * 200 answer holding a page within the 512 KiB ceiling and a context for the rest (each is then
 * released), and the daemon alive afterwards. Sizes grow until one fails; a daemon that cannot even
 * start (its first pool sync runs out of heap) is reported as such. Each size is measured twice: after
 * the daemon's first sync, and after the simulated xapi was restarted (stopped, and the same pool started
 * on its port), which makes the daemon log in again and resync while it holds the snapshot it serves.
 * Not asserted.
 * <p>
 * The 64 concurrent requests come from one address, and with the releases that follow them the client's
 * connection pool may briefly hold more than 64 connections; the daemon under test is therefore started
 * with {@code --max-connections-per-client 256} so that the figure measures the heap, not the per-client
 * connection cap (default 64). The sizes can be chosen with {@code -Dheapcap.sizes=5000,10000}; the
 * largest is measured first, and the others only when it fails ({@link #order}).
 */
@Tag("benchmark")
class HeapCapBenchmark {
    static final int[] SIZES = sizes(System.getProperty("heapcap.sizes", "1000,2000,3000,5000,10000"));
    static final int CONCURRENT = 64;
    static final String PASSWORD = "bench-Heap-17";
    private final HttpClient http = RawHttps.client();

    /** One round of requests: one alone, then {@value #CONCURRENT} at once; why is null when both answered. */
    private record Round(boolean one, boolean all, double oneMs, double allMs, String why) {
    }

    /** What one size gave: the rounds after the first sync and after the resync that follows a restart. */
    private record Outcome(boolean started, Round first, Round resynced, String why) {
        boolean one() {
            return started && first.one() && resynced.one();
        }

        boolean all() {
            return started && first.all() && resynced.all();
        }
    }

    @Test
    void largestPoolWithinTheHeapCap() throws Exception {
        BenchReport out = new BenchReport("heap-cap");
        int largestStart = 0;
        int largestOne = 0;
        int largestAll = 0;
        for (int vms : order(SIZES)) {
            Outcome o = measure(vms);
            out.print("heap-cap." + vms + ".daemon-started", o.started() ? 1 : 0, "(1=yes)");
            if (o.started()) {
                largestStart = Math.max(largestStart, vms);
                print(out, "heap-cap." + vms + ".", o.first());
                print(out, "heap-cap." + vms + ".after-resync.", o.resynced());
            }
            if (o.why() != null) {
                System.out.println("heap-cap " + vms + " VMs: " + o.why());
            }
            largestOne = o.one() ? Math.max(largestOne, vms) : largestOne;
            largestAll = o.all() ? Math.max(largestAll, vms) : largestAll;
            if ((vms == SIZES[SIZES.length - 1]) == (o.one() && o.all())) {
                break; // the goal held (smaller pools need less), or the sweep below it met its first failure
            }
        }
        out.print("heap-cap.largest-pool.daemon-starts", largestStart, "VMs(heap=128MB)");
        out.print("heap-cap.largest-pool.one-request", largestOne, "VMs(goal=10000)");
        out.print("heap-cap.largest-pool." + CONCURRENT + "-concurrent", largestAll, "VMs(goal=10000)");
    }

    private static void print(BenchReport out, String prefix, Round r) {
        out.print(prefix + "one-request", r.oneMs(), r.one() ? "ms(ok)" : "ms(FAILED)");
        out.print(prefix + CONCURRENT + "-concurrent", r.allMs(), r.all() ? "ms(ok)" : "ms(FAILED)");
    }

    /**
     * Starts the pool and the daemon, runs a round, then stops the pool and starts the same pool (same
     * seed) on its port, as a restarted xapi: the daemon logs in again and resyncs, and a second round runs.
     */
    private Outcome measure(int vms) throws Exception {
        String heap = (256 + vms / 7) + "m";
        try (ChildDaemon pool = ChildDaemon.pool(vms, PASSWORD, heap)) {
            ChildDaemon daemon;
            try {
                daemon = ChildDaemon.serving(pool.xapiUrl(), PASSWORD, "--max-connections-per-client", "256");
            } catch (java.io.IOException e) {
                Round none = new Round(false, false, 0, 0, null);
                return new Outcome(false, none, none, "the daemon did not start: " + lastLine(e.getMessage()));
            }
            try (daemon) {
                Round first = round(daemon);
                pool.close();
                try (ChildDaemon again = ChildDaemon.pool(vms, PASSWORD, heap, pool.port())) {
                    String resync = awaitSecondSync(daemon);
                    Round second = resync == null ? round(daemon) : new Round(false, false, 0, 0, resync);
                    String why = first.why() != null ? first.why() : second.why();
                    return new Outcome(true, first, second, why == null ? null : why
                            + (daemon.alive() ? "" : "; " + lastLine(daemon.logTail())));
                }
            }
        }
    }

    private Round round(ChildDaemon daemon) throws Exception {
        long t0 = System.nanoTime();
        String one = enumerateAndRelease(daemon);
        double oneMs = (System.nanoTime() - t0) / 1e6;
        boolean oneOk = one == null && daemon.alive();
        long t1 = System.nanoTime();
        String all = concurrently(daemon);
        double allMs = (System.nanoTime() - t1) / 1e6;
        boolean allOk = all == null && daemon.alive();
        String why = oneOk && allOk ? null : one != null ? one : all != null ? all : "the daemon died";
        return new Round(oneOk, oneOk && allOk, oneMs, allMs, why);
    }

    /** Null once the daemon logged its second pool sync; else what went wrong. */
    private static String awaitSecondSync(ChildDaemon daemon) throws InterruptedException {
        long deadline = System.nanoTime() + java.time.Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline && daemon.alive()) {
            if (daemon.log().split("pool mirror synced", -1).length > 2) {
                return null;
            }
            Thread.sleep(500);
        }
        return daemon.alive() ? "no resync within 5 minutes" : "the daemon died resyncing";
    }

    private String concurrently(ChildDaemon daemon) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(CONCURRENT);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < CONCURRENT; i++) {
                results.add(threads.submit(() -> enumerateAndRelease(daemon)));
            }
            String failure = null;
            for (Future<String> f : results) {
                String r = f.get();
                failure = failure == null ? r : failure;
            }
            return failure;
        } finally {
            threads.shutdownNow();
        }
    }

    /** The reproduction, then Release of its context; null when it was answered properly, else what went wrong. */
    private String enumerateAndRelease(ChildDaemon daemon) {
        String url = daemon.wsmanUrl();
        try {
            HttpResponse<byte[]> r = WholeCatalog.wsman(http, url, "reader", PASSWORD, WholeCatalog.enumerateEverything(url));
            String x = new String(r.body(), StandardCharsets.UTF_8);
            String ctx = WholeCatalog.context(x);
            if (ctx != null) {
                WholeCatalog.wsman(http, url, "reader", PASSWORD, WholeCatalog.release(url, ctx));
            }
            if (r.statusCode() != 200 || r.body().length > 512 * 1024 || !x.contains("<wsman:Items>")) {
                return "HTTP " + r.statusCode() + ", " + r.body().length + " octets: " + x.substring(0, Math.min(600, x.length()));
            }
            return null;
        } catch (Exception e) {
            return e.toString();
        }
    }

    /**
     * The largest size (the goal) first: when it holds, the smaller ones are not run (a smaller pool
     * needs less heap, so they would only repeat what the goal showed, at a pair of JVM starts and two
     * syncs each). Only when it fails are the others tried, smallest first, to find the largest that holds.
     */
    static int[] order(int[] sizes) {
        int[] o = new int[sizes.length];
        o[0] = sizes[sizes.length - 1];
        System.arraycopy(sizes, 0, o, 1, sizes.length - 1);
        return o;
    }

    private static int[] sizes(String list) {
        return java.util.Arrays.stream(list.split(",")).map(String::trim).filter(t -> !t.isEmpty())
                .mapToInt(Integer::parseInt).toArray();
    }

    private static String lastLine(String s) {
        String t = s.strip();
        return t.substring(t.lastIndexOf('\n') + 1);
    }
}
