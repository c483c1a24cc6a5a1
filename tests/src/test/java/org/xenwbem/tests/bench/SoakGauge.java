package org.xenwbem.tests.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.xenwbem.tests.RawHttps;

/**
 * Reads the daemon under soak from outside, as an admin would: its live heap (the total of
 * {@code jcmd GC.class_histogram}, which collects first), its collections
 * ({@code jstat -gc}: full GC count and seconds, less the ones this gauge asked for), and what it holds
 * for clients (the status page's {@code load} member: open enumeration contexts, pull enumerations,
 * operations in progress).
 */
final class SoakGauge {
    /** The histogram's key for its total (no class is named so). */
    static final String TOTAL = "(total)";
    private static final Pattern TOTAL_LINE = Pattern.compile("(?m)^Total\\s+\\d+\\s+(\\d+)");
    private static final Pattern HISTOGRAM = Pattern.compile("(?m)^\\s*\\d+:\\s+\\d+\\s+(\\d+)\\s+(\\S+)");
    private static final Pattern LOAD = Pattern.compile(
            "\"load\":\\{\"enumerationContexts\":(\\d+),\"pullEnumerations\":(\\d+),\"operationsInProgress\":(\\d+)}");

    /** One reading. */
    record Reading(double liveHeapMb, long fullGcs, double fullGcSeconds, long youngGcs, int contexts, int pulls,
                   int operations) {
    }

    private final long pid;
    private final String statusUrl;
    private final String password;
    private final HttpClient http = RawHttps.client();
    private long forcedGcs;
    private Map<String, Long> last = Map.of();
    private double forcedGcSeconds;

    SoakGauge(long pid, int port, String password) {
        this.pid = pid;
        this.statusUrl = "https://127.0.0.1:" + port + "/";
        this.password = password;
    }

    /**
     * One reading; its live heap is the class histogram's total, the bytes of the objects the
     * histogram's own full collection kept. (It used to be GC.run and then GC.heap_info's used
     * figures: under 64 clients the young generation filled again between the two jcmd calls, and
     * the "live" heap swung by 20 MB from one minute to the next.)
     */
    Reading read() throws Exception {
        Map<String, Long> h = histogram();
        last = h;
        double used = h.getOrDefault(TOTAL, 0L) / (1024.0 * 1024.0);
        Map<String, Double> now = jstat();
        int[] load = load();
        return new Reading(used, (long) (double) now.get("FGC") - forcedGcs, now.get("FGCT") - forcedGcSeconds,
                (long) (double) now.get("YGC"), load[0], load[1], load[2]);
    }

    /** {@code samples}' last reading with the median of their live heaps (the middle one; the upper of two). */
    static Reading median(List<Reading> samples) {
        double[] heaps = samples.stream().mapToDouble(Reading::liveHeapMb).sorted().toArray();
        Reading last = samples.get(samples.size() - 1);
        return new Reading(heaps[heaps.length / 2], last.fullGcs(), last.fullGcSeconds(), last.youngGcs(),
                last.contexts(), last.pulls(), last.operations());
    }

    /** The largest live heap of {@code samples} minus the smallest, in MB. */
    static double spreadMb(List<Reading> samples) {
        java.util.DoubleSummaryStatistics s = samples.stream().mapToDouble(Reading::liveHeapMb).summaryStatistics();
        return s.getMax() - s.getMin();
    }

    /** The class histogram of the last {@link #read}. */
    Map<String, Long> lastHistogram() {
        return last;
    }

    /**
     * {@code jcmd GC.class_histogram} (live objects: it collects first, and that collection is not
     * counted as the daemon's): bytes per class name.
     */
    Map<String, Long> histogram() throws Exception {
        Map<String, Double> before = jstat();
        String text = run(jdkTool("jcmd"), Long.toString(pid), "GC.class_histogram");
        Map<String, Double> after = jstat();
        forcedGcs += (long) (after.get("FGC") - before.get("FGC"));
        forcedGcSeconds += after.get("FGCT") - before.get("FGCT");
        Map<String, Long> out = new HashMap<>();
        Matcher m = HISTOGRAM.matcher(text);
        while (m.find()) {
            out.merge(m.group(2), Long.parseLong(m.group(1)), Long::sum);
        }
        Matcher t = TOTAL_LINE.matcher(text);
        if (!t.find()) {
            throw new IOException("no Total line in the class histogram");
        }
        out.put(TOTAL, Long.parseLong(t.group(1)));
        return out;
    }

    /** The status page's load member, as root: contexts, pull enumerations, operations in progress. */
    int[] load() throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(statusUrl)).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json").header("Authorization", RawHttps.basic("root", password)).GET()
                .build();
        String json = http.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).body();
        Matcher m = LOAD.matcher(json);
        if (!m.find()) {
            throw new IOException("no load member in the status page: " + json.substring(0, Math.min(300, json.length())));
        }
        return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))};
    }

    /** The daemon's CPU time so far (user + system, from /proc), in seconds; 0 where /proc is missing. */
    double cpuSeconds() {
        try {
            String stat = java.nio.file.Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** The machine's one-minute load average (other work on the machine included); -1 where unknown. */
    static double loadAverage() {
        try {
            return Double.parseDouble(java.nio.file.Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private Map<String, Double> jstat() throws Exception {
        String[] lines = run(jdkTool("jstat"), "-gc", Long.toString(pid)).strip().split("\n");
        String[] head = lines[0].trim().split("\\s+");
        String[] vals = lines[lines.length - 1].trim().split("\\s+");
        Map<String, Double> out = new HashMap<>();
        for (int i = 0; i < head.length && i < vals.length; i++) {
            out.put(head[i], vals[i].equals("-") ? 0 : Double.parseDouble(vals[i]));
        }
        return out;
    }

    private static String jdkTool(String name) {
        return Path.of(System.getProperty("java.home"), "bin", name).toString();
    }

    private static String run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(List.of(cmd)).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + new String(out, StandardCharsets.UTF_8));
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
