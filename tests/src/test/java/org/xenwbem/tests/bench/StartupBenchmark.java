package org.xenwbem.tests.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.xenwbem.tests.ChildDaemon;
import org.xenwbem.tests.RawHttps;

/**
 * Issue #15 item 4: start to first response of {@code serve} in a JVM with the installed launcher's
 * flags ({@link ChildDaemon#INSTALLED_JVM}) against a simulated xapi in a JVM of its own — from the
 * process start until its first WS-Man Identify is answered 200. Cold: no class-data archive of ours
 * (the JDK's own archive only); warm: with the dynamic archive ({@code -XX:SharedArchiveFile}) that
 * the first start left at its exit ({@code -XX:ArchiveClassesAtExit}), as the pack and {@code ./xenwbem}
 * make it. The very first start also generates the certificate and is printed apart. Best of
 * {@value #RUNS} each. CDS takes jars only, so the directories of the test classpath are packed into
 * jars first. The warm start is measured also with the C1 compiler only ({@code -XX:TieredStopAtLevel=1},
 * the pack's choice until throughput under load showed its cost: FootprintBenchmark). The load average is printed with the figures: on a busy machine they are not the
 * quiet machine's of the goal. Printed, not asserted.
 */
@Tag("benchmark")
class StartupBenchmark {
    static final int RUNS = 2;
    static final String PASSWORD = "bench-Start-15";

    @Test
    void coldAndWarmStart() throws Exception {
        BenchReport out = new BenchReport("startup");
        Path dir = Files.createTempDirectory("xenwbem-bench-start");
        String classpath = JarredClasspath.of(System.getProperty("java.class.path"), dir.resolve("jars"));
        Path jsa = dir.resolve("xenwbem.jsa");
        try (ChildDaemon xapi = ChildDaemon.pool(8, PASSWORD, "256m")) {
            Path pw = Files.writeString(dir.resolve("password"), PASSWORD);
            List<String> serve = List.of("serve", "--port", "0", "--bind", "127.0.0.1", "--xapi", xapi.xapiUrl(),
                    "--xapi-password-file", pw.toString(), "--state-dir", dir.resolve("state").toString());
            Took first = start(classpath, List.of("-XX:ArchiveClassesAtExit=" + jsa), serve, dir);
            Took cold = new Took(Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE);
            Took warm = cold;
            Took c1 = cold;
            for (int i = 0; i < RUNS; i++) {
                cold = cold.best(start(classpath, List.of(), serve, dir));
                warm = warm.best(start(classpath, List.of("-XX:SharedArchiveFile=" + jsa), serve, dir));
                c1 = c1.best(start(classpath, List.of("-XX:SharedArchiveFile=" + jsa, "-XX:TieredStopAtLevel=1"), serve, dir));
            }
            out.print("startup.first-start-certificate-generated", first.wallMs(), "ms");
            out.print("startup.cold-no-archive", cold.wallMs(), "ms(best-of-" + RUNS + ")");
            out.print("startup.warm-with-archive", warm.wallMs(), "ms(best-of-" + RUNS + ";goal<=1000-on-a-quiet-machine)");
            out.print("startup.warm-with-archive.c1-only", c1.wallMs(), "ms(best-of-" + RUNS + ";-XX:TieredStopAtLevel=1)");
            out.print("startup.cold-no-archive.cpu", cold.cpuMs(), "ms-cpu(user+sys)");
            out.print("startup.warm-with-archive.cpu", warm.cpuMs(), "ms-cpu(user+sys)");
            out.print("startup.cold-no-archive.rss-2s-later", cold.rssKb() / 1024.0, "MB");
            out.print("startup.warm-with-archive.rss-2s-later", warm.rssKb() / 1024.0, "MB");
            out.print("startup.archive-size", Files.size(jsa) / 1e6, "MB");
            out.print("startup.load-average-1min", loadAverage(), "(2-core-machine)");
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted((a, b) -> b.compareTo(a)).forEach(f -> f.toFile().delete()); // 25 MB of archive and jars
            }
        }
    }

    /** Milliseconds from the process start until its first Identify is answered 200. */
    /** What one start took: wall-clock and CPU (user + system) of the daemon's process, in ms. */
    private record Took(long wallMs, long cpuMs, long rssKb) {
        Took best(Took o) {
            return new Took(Math.min(wallMs, o.wallMs), Math.min(cpuMs, o.cpuMs), Math.min(rssKb, o.rssKb));
        }
    }

    private static Took start(String classpath, List<String> cds, List<String> serve, Path dir) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(ChildDaemon.INSTALLED_JVM);
        cmd.addAll(cds);
        cmd.addAll(List.of("-cp", classpath, "org.xenwbem.provider.server.Main"));
        cmd.addAll(serve);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(dir.resolve("daemon.err").toFile());
        pb.environment().putAll(ChildDaemon.INSTALLED_ENV);
        HttpClient client = RawHttps.client();
        long t0 = System.nanoTime();
        Process p = pb.start();
        try {
            BufferedReader lines = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String url = null;
            for (String l = lines.readLine(); l != null; l = lines.readLine()) {
                if (l.startsWith("listening on ")) {
                    url = l.substring("listening on ".length()).strip();
                    break;
                }
            }
            if (url == null) {
                throw new IOException("the daemon did not start: " + Files.readString(dir.resolve("daemon.err")));
            }
            HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/soap+xml;charset=UTF-8")
                    .header("WSMANIDENTIFY", "unauthenticated")
                    .POST(HttpRequest.BodyPublishers.ofString(IDENTIFY)).build(), HttpResponse.BodyHandlers.ofString());
            long ms = (System.nanoTime() - t0) / 1_000_000;
            long cpu = cpuMillis(p.pid());
            if (r.statusCode() != 200 || !r.body().contains("IdentifyResponse")) {
                throw new IOException("Identify answered " + r.statusCode() + ": " + r.body());
            }
            Thread.sleep(2000);
            return new Took(ms, cpu, Nmt.rssKb(p.pid()));
        } finally {
            p.destroy(); // SIGTERM: the first run writes its archive on the way out
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    /** User + system CPU time of a process so far (/proc/PID/stat, in clock ticks of 10 ms). */
    static long cpuMillis(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    static final String IDENTIFY = "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\" "
            + "xmlns:wsmid=\"http://schemas.dmtf.org/wbem/wsman/identity/1/wsmanidentity.xsd\">"
            + "<s:Header/><s:Body><wsmid:Identify/></s:Body></s:Envelope>";
}
