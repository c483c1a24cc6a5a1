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
 * start (its first pool sync runs out of heap) is reported as such. Not asserted.
 * <p>
 * The 64 concurrent requests come from one address, and with the releases that follow them the client's
 * connection pool may briefly hold more than 64 connections; the daemon under test is therefore started
 * with {@code --max-connections-per-client 256} so that the figure measures the heap, not the per-client
 * connection cap (default 64). The sizes can be chosen with {@code -Dheapcap.sizes=5000,10000}.
 */
@Tag("benchmark")
class HeapCapBenchmark {
    static final int[] SIZES = sizes(System.getProperty("heapcap.sizes", "1000,2000,3000,5000,10000"));
    static final int CONCURRENT = 64;
    static final String PASSWORD = "bench-Heap-17";
    private final HttpClient http = RawHttps.client();

    /** What one size gave. */
    private record Outcome(boolean started, boolean one, boolean all, double oneMs, double allMs, String why) {
    }

    @Test
    void largestPoolWithinTheHeapCap() throws Exception {
        BenchReport out = new BenchReport("heap-cap");
        int largestStart = 0;
        int largestOne = 0;
        int largestAll = 0;
        for (int vms : SIZES) {
            Outcome o = measure(vms);
            out.print("heap-cap." + vms + ".daemon-started", o.started() ? 1 : 0, "(1=yes)");
            if (o.started()) {
                largestStart = vms;
                out.print("heap-cap." + vms + ".one-request", o.oneMs(), o.one() ? "ms(ok)" : "ms(FAILED)");
                out.print("heap-cap." + vms + "." + CONCURRENT + "-concurrent", o.allMs(), o.all() ? "ms(ok)" : "ms(FAILED)");
            }
            if (o.why() != null) {
                System.out.println("heap-cap " + vms + " VMs: " + o.why());
            }
            largestOne = o.one() ? vms : largestOne;
            largestAll = o.all() ? vms : largestAll;
            if (!o.one() || !o.all()) {
                break;
            }
        }
        out.print("heap-cap.largest-pool.daemon-starts", largestStart, "VMs(heap=128MB)");
        out.print("heap-cap.largest-pool.one-request", largestOne, "VMs(goal=10000)");
        out.print("heap-cap.largest-pool." + CONCURRENT + "-concurrent", largestAll, "VMs(goal=10000)");
    }

    private Outcome measure(int vms) throws Exception {
        try (ChildDaemon pool = ChildDaemon.pool(vms, PASSWORD, (256 + vms / 7) + "m")) {
            ChildDaemon daemon;
            try {
                daemon = ChildDaemon.serving(pool.xapiUrl(), PASSWORD, "--max-connections-per-client", "256");
            } catch (java.io.IOException e) {
                return new Outcome(false, false, false, 0, 0, "the daemon did not start: " + lastLine(e.getMessage()));
            }
            try (daemon) {
                long t0 = System.nanoTime();
                String one = enumerateAndRelease(daemon);
                double oneMs = (System.nanoTime() - t0) / 1e6;
                boolean oneOk = one == null && daemon.alive();
                long t1 = System.nanoTime();
                String all = concurrently(daemon);
                double allMs = (System.nanoTime() - t1) / 1e6;
                boolean allOk = all == null && daemon.alive();
                String why = oneOk && allOk ? null : (one != null ? one : all != null ? all : "the daemon died")
                        + (daemon.alive() ? "" : "; " + lastLine(daemon.logTail()));
                return new Outcome(true, oneOk, oneOk && allOk, oneMs, allMs, why);
            }
        }
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

    private static int[] sizes(String list) {
        return java.util.Arrays.stream(list.split(",")).map(String::trim).filter(t -> !t.isEmpty())
                .mapToInt(Integer::parseInt).toArray();
    }

    private static String lastLine(String s) {
        String t = s.strip();
        return t.substring(t.lastIndexOf('\n') + 1);
    }
}
