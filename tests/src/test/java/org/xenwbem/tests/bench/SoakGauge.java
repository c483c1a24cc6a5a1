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
 * Reads the daemon under soak from outside, as an admin would: its live heap (a full collection
 * asked with {@code jcmd GC.run}, then {@code GC.heap_info}'s used figures summed), its collections
 * ({@code jstat -gc}: full GC count and seconds, less the ones this gauge asked for), and what it holds
 * for clients (the status page's {@code load} member: open enumeration contexts, pull enumerations,
 * operations in progress).
 */
final class SoakGauge {
    private static final Pattern USED = Pattern.compile("generation\\s+total \\d+K, used (\\d+)K");
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
    private double forcedGcSeconds;

    SoakGauge(long pid, int port, String password) {
        this.pid = pid;
        this.statusUrl = "https://127.0.0.1:" + port + "/";
        this.password = password;
    }

    Reading read() throws Exception {
        Map<String, Double> before = jstat();
        run(jdkTool("jcmd"), Long.toString(pid), "GC.run");
        Map<String, Double> after = jstat();
        forcedGcs += (long) (after.get("FGC") - before.get("FGC"));
        forcedGcSeconds += after.get("FGCT") - before.get("FGCT");
        double used = 0;
        Matcher m = USED.matcher(run(jdkTool("jcmd"), Long.toString(pid), "GC.heap_info"));
        while (m.find()) {
            used += Long.parseLong(m.group(1)) / 1024.0;
        }
        int[] load = load();
        return new Reading(used, (long) (double) after.get("FGC") - forcedGcs, after.get("FGCT") - forcedGcSeconds,
                (long) (double) after.get("YGC"), load[0], load[1], load[2]);
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
