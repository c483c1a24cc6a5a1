package org.xenwbem.tests.bench;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The load of issue #15 items 1 and 3: {@code clients} keep-alive clients, each asking 90 % of the time
 * for one random VM (Get) and 10 % for the whole Xen_ComputerSystem list (Enumerate and every Pull
 * until the end). Counts requests and errors, keeps the latency of each Get and of each whole list
 * (all its pages), and samples the daemon's RSS every 500 ms; halfway through, {@code midway} runs
 * once (the NMT summary under load).
 */
final class FootprintLoad {
    private static final Pattern CONTEXT = Pattern.compile("<wsen:EnumerationContext>([^<]+)</wsen:EnumerationContext>");

    /** What one load did: requests, errors, seconds, highest RSS (KiB), Get and whole-list latencies (ms). */
    record Result(long requests, long errors, double seconds, long peakRssKb, double[] getMs, double[] listMs) {
        double perSecond() {
            return requests / seconds;
        }
    }

    private final HttpClient http;
    private final String url;
    private final List<String> vms;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();

    FootprintLoad(HttpClient http, String url, List<String> vms) {
        this.http = http;
        this.url = url;
        this.vms = vms;
    }

    /** Runs the clients for {@code d}; {@code midway} once halfway through. */
    Result run(int clients, Duration d, LongSupplier rss, Runnable midway) throws Exception {
        long start = System.nanoTime();
        long end = start + d.toNanos();
        List<Thread> threads = new ArrayList<>();
        List<List<Double>> gets = new ArrayList<>();
        List<List<Double>> lists = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            List<Double> g = new ArrayList<>();
            List<Double> l = new ArrayList<>();
            gets.add(g);
            lists.add(l);
            Thread t = new Thread(() -> client(end, g, l), "footprint-client-" + i);
            t.start();
            threads.add(t);
        }
        long peak = 0;
        boolean half = false;
        while (System.nanoTime() < end) {
            peak = Math.max(peak, rss.getAsLong());
            if (!half && System.nanoTime() - start > d.toNanos() / 2) {
                half = true;
                midway.run();
            }
            Thread.sleep(500);
        }
        for (Thread t : threads) {
            t.join(120_000);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(requests.get(), errors.get(), seconds, Math.max(peak, rss.getAsLong()), flat(gets), flat(lists));
    }

    private static double[] flat(List<List<Double>> perClient) {
        return perClient.stream().flatMap(List::stream).mapToDouble(Double::doubleValue).toArray();
    }

    /** The first error, shown once on stdout; the others are counted. */
    private void failed(String what) {
        if (errors.getAndIncrement() == 0) {
            System.out.println("footprint: first error under load: " + what);
        }
    }

    private void client(long end, List<Double> getMs, List<Double> listMs) {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        while (System.nanoTime() < end) {
            boolean whole = r.nextInt(10) == 0;
            String xml = whole ? FootprintBenchmark.enumerate(url)
                    : FootprintBenchmark.get(url, vms.get(r.nextInt(vms.size())));
            long t0 = System.nanoTime();
            try {
                for (int page = 0; xml != null && page < 50; page++) {
                    HttpResponse<String> res = FootprintBenchmark.post(http, url, xml);
                    if (res.statusCode() != 200) {
                        failed("HTTP " + res.statusCode() + " " + res.body().substring(Math.max(0,
                                res.body().indexOf("<s:Body>")), Math.min(res.body().length(), 4000)));
                        xml = "failed";
                        break;
                    }
                    requests.incrementAndGet();
                    Matcher c = CONTEXT.matcher(res.body());
                    xml = c.find() && !res.body().contains("EndOfSequence") ? FootprintBenchmark.pull(url, c.group(1)) : null;
                }
                if (xml == null) {
                    (whole ? listMs : getMs).add((System.nanoTime() - t0) / 1e6);
                }
            } catch (Exception e) {
                failed(e.toString());
            }
        }
    }
}
