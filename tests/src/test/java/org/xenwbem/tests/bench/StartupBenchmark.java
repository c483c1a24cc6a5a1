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
import org.xenwbem.tests.InstalledClasspath;
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
 * quiet machine's of the goal. {@code -Dstartup.flags="-XX:..."} adds flags to every start (a variant of
 * the installed ones). Printed, not asserted.
 *
 * <p>The port answers before the pool is loaded (FirstSyncTest): each start also times its first
 * answer that needs the pool (an Enumerate of Xen_ComputerSystem as root, sent once Identify has been
 * answered), and a last warm start logs where its classes came from ({@code -Xlog:class+load}) to show
 * that the archive is used and holds our own classes, not just the JDK's, and that none of the JDK's
 * {@code java.net.http} client is loaded (the bridge reaches xapi with its own HTTP/1.1 client).
 */
@Tag("benchmark")
class StartupBenchmark {
    static final int RUNS = 2;
    static final String PASSWORD = "bench-Start-15";

    @Test
    void coldAndWarmStart() throws Exception {
        BenchReport out = new BenchReport("startup");
        Path dir = Files.createTempDirectory("xenwbem-bench-start");
        String classpath = InstalledClasspath.of(System.getProperty("java.class.path"), dir.resolve("jars"));
        Path jsa = dir.resolve("xenwbem.jsa");
        try (ChildDaemon xapi = ChildDaemon.pool(8, PASSWORD, "256m")) {
            Path pw = Files.writeString(dir.resolve("password"), PASSWORD);
            List<String> serve = List.of("serve", "--port", "0", "--bind", "127.0.0.1", "--xapi", xapi.xapiUrl(),
                    "--xapi-password-file", pw.toString(), "--state-dir", dir.resolve("state").toString());
            Took first = start(classpath, List.of("-XX:ArchiveClassesAtExit=" + jsa), serve, dir);
            Took cold = new Took(Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE);
            Took warm = cold;
            Took c1 = cold;
            for (int i = 0; i < RUNS; i++) {
                cold = cold.best(start(classpath, List.of(), serve, dir));
                warm = warm.best(start(classpath, List.of("-XX:SharedArchiveFile=" + jsa), serve, dir));
                c1 = c1.best(start(classpath, List.of("-XX:SharedArchiveFile=" + jsa, "-XX:TieredStopAtLevel=1"), serve, dir));
            }
            out.print("startup.first-start-certificate-generated", first.wallMs(), "ms");
            xapiCertificate(out, classpath, serve, dir);
            Path classLog = dir.resolve("class-load.txt");
            start(classpath, List.of("-XX:SharedArchiveFile=" + jsa, "-Xlog:class+load=info:file=" + classLog), serve, dir);
            start(classpath, List.of("-XX:SharedArchiveFile=" + jsa), serve, dir);
            // where a warm start's time went, as the daemon logs it (its phases, wall and CPU)
            phases(out, "startup.warm.daemon-phases", dir);
            out.print("startup.cold-no-archive", cold.wallMs(), "ms(best-of-" + RUNS + ";goal<=1000-warm)");
            out.print("startup.warm-with-archive", warm.wallMs(), "ms(best-of-" + RUNS + ";goal<=1000-on-a-quiet-machine)");
            out.print("startup.warm-with-archive.c1-only", c1.wallMs(), "ms(best-of-" + RUNS + ";-XX:TieredStopAtLevel=1)");
            out.print("startup.cold-no-archive.first-pool-answer", cold.poolMs(), "ms(Enumerate-after-Identify)");
            out.print("startup.warm-with-archive.first-pool-answer", warm.poolMs(), "ms(Enumerate-after-Identify)");
            archiveUse(out, classLog);
            out.print("startup.cold-no-archive.cpu", cold.cpuMs(), "ms-cpu(user+sys)");
            out.print("startup.warm-with-archive.cpu", warm.cpuMs(), "ms-cpu(user+sys)");
            out.print("startup.cold-no-archive.rss-2s-later", cold.rssKb() / 1024.0, "MB");
            out.print("startup.warm-with-archive.rss-2s-later", warm.rssKb() / 1024.0, "MB");
            out.print("startup.archive-size", Files.size(jsa) / 1e6, "MB");
            out.print("startup.load-average-1min", loadAverage(), "(2-core-machine)");
        } finally {
            ChildDaemon.deleteTree(dir); // 25 MB of archive and jars
        }
    }

    /**
     * dom0's own configuration: the certificate read from xapi's PEM ({@code --cert-pem}, an RSA-3072
     * key and certificate as {@code xapi-ssl.pem} holds them, made by OpenSSL here) instead of the key
     * store the other starts generate (whose PKCS12 file the JDK protects with 10,000 PBE iterations);
     * its own archive, made by a first start with that PEM as the launcher would.
     */
    private static void xapiCertificate(BenchReport out, String classpath, List<String> serve, Path dir)
            throws Exception {
        Path pem = dir.resolve("xapi-ssl.pem");
        Path key = dir.resolve("key.pem");
        Path cert = dir.resolve("cert.pem");
        Process p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:3072", "-nodes", "-keyout",
                key.toString(), "-out", cert.toString(), "-days", "30", "-subj", "/CN=127.0.0.1",
                "-addext", "subjectAltName=IP:127.0.0.1")
                .redirectErrorStream(true).redirectOutput(dir.resolve("openssl.log").toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            out.text("startup.warm-with-archive.xapi-pem", "not measured: openssl req failed");
            return;
        }
        Files.writeString(pem, Files.readString(key) + Files.readString(cert));
        List<String> withPem = new ArrayList<>(serve);
        withPem.addAll(List.of("--cert-pem", pem.toString()));
        Path jsa = dir.resolve("xenwbem-pem.jsa");
        start(classpath, List.of("-XX:ArchiveClassesAtExit=" + jsa), withPem, dir);
        Took warm = new Took(Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE);
        for (int i = 0; i < RUNS; i++) {
            warm = warm.best(start(classpath, List.of("-XX:SharedArchiveFile=" + jsa), withPem, dir));
        }
        out.print("startup.warm-with-archive.xapi-pem", warm.wallMs(),
                "ms(best-of-" + RUNS + ";--cert-pem-as-in-dom0;goal<=1000-on-a-quiet-machine)");
        out.print("startup.warm-with-archive.xapi-pem.cpu", warm.cpuMs(), "ms-cpu(user+sys)");
        phases(out, "startup.warm.xapi-pem.daemon-phases", dir);
    }

    /** The last start's steps as the daemon logged them ({@code started in ... (certificate ...)}). */
    private static void phases(BenchReport out, String name, Path dir) throws IOException {
        Files.readAllLines(dir.resolve("daemon.err"), StandardCharsets.UTF_8).stream()
                .filter(l -> l.contains(" started in ")).findFirst()
                .ifPresent(l -> out.text(name, l.substring(l.indexOf("started in"))));
    }

    /** What one start took: wall-clock and CPU (user + system) of the daemon's process, in ms. */
    private record Took(long wallMs, long cpuMs, long rssKb, long poolMs) {
        Took best(Took o) {
            return new Took(Math.min(wallMs, o.wallMs), Math.min(cpuMs, o.cpuMs), Math.min(rssKb, o.rssKb),
                    Math.min(poolMs, o.poolMs));
        }
    }

    private static Took start(String classpath, List<String> cds, List<String> serve, Path dir) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(ChildDaemon.INSTALLED_JVM);
        cmd.addAll(cds);
        for (String f : System.getProperty("startup.flags", "").split("\\s+")) {
            if (!f.isBlank()) {
                cmd.add(f); // -Dstartup.flags="-XX:Flag ...": a variant of the installed flags, on every start
            }
        }
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
            HttpResponse<String> e = client.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/soap+xml;charset=UTF-8")
                    .header("Authorization", RawHttps.basic("root", PASSWORD))
                    .POST(HttpRequest.BodyPublishers.ofString(ENUMERATE)).build(), HttpResponse.BodyHandlers.ofString());
            long pool = (System.nanoTime() - t0) / 1_000_000;
            if (e.statusCode() != 200 || !e.body().contains("Xen_ComputerSystem")) {
                throw new IOException("Enumerate answered " + e.statusCode() + ": " + e.body());
            }
            Thread.sleep(2000);
            return new Took(ms, cpu, Nmt.rssKb(p.pid()), pool);
        } finally {
            p.destroy(); // SIGTERM: the first run writes its archive on the way out
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    /**
     * How many of the classes a warm start loaded came from the class-data archive, ours
     * ({@code org.xenwbem}) and all: {@code source: shared objects file} in the class+load log.
     */
    private static void archiveUse(BenchReport out, Path classLog) throws IOException {
        long all = 0;
        long shared = 0;
        long ours = 0;
        long oursShared = 0;
        long jdkHttp = 0;
        for (String l : Files.readAllLines(classLog, StandardCharsets.UTF_8)) {
            boolean fromArchive = l.contains("source: shared objects file");
            boolean own = l.contains(" org.xenwbem.");
            all++;
            shared += fromArchive ? 1 : 0;
            ours += own ? 1 : 0;
            oursShared += own && fromArchive ? 1 : 0;
            jdkHttp += l.contains(" java.net.http.") || l.contains(" jdk.internal.net.http.") ? 1 : 0;
        }
        // the bridge's own HTTP/1.1 client replaced java.net.http (277 classes) on the way to xapi
        out.print("startup.warm.jdk-http-client-classes", jdkHttp, "classes(goal-0;StartClassesTest)");
        out.print("startup.warm.classes-from-archive", 100.0 * shared / Math.max(1, all), "%(of-" + all + "-loaded)");
        out.print("startup.warm.own-classes-from-archive", 100.0 * oursShared / Math.max(1, ours),
                "%(of-" + ours + "-org.xenwbem-loaded)");
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

    static final String ENUMERATE = "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\""
            + " xmlns:a=\"http://schemas.xmlsoap.org/ws/2004/08/addressing\""
            + " xmlns:n=\"http://schemas.xmlsoap.org/ws/2004/09/enumeration\""
            + " xmlns:w=\"http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd\"><s:Header>"
            + "<a:To>https://127.0.0.1/wsman</a:To><w:ResourceURI s:mustUnderstand=\"true\">"
            + "http://schemas.citrix.com/wbem/wscim/1/cim-schema/2/Xen_ComputerSystem</w:ResourceURI>"
            + "<a:ReplyTo><a:Address s:mustUnderstand=\"true\">"
            + "http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</a:Address></a:ReplyTo>"
            + "<a:Action s:mustUnderstand=\"true\">http://schemas.xmlsoap.org/ws/2004/09/enumeration/Enumerate</a:Action>"
            + "<a:MessageID>uuid:5a1e0c1d-0000-4000-8000-000000000015</a:MessageID></s:Header><s:Body>"
            + "<n:Enumerate><w:OptimizeEnumeration/><w:MaxElements>100</w:MaxElements></n:Enumerate></s:Body></s:Envelope>";

    static final String IDENTIFY = "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\" "
            + "xmlns:wsmid=\"http://schemas.dmtf.org/wbem/wsman/identity/1/wsmanidentity.xsd\">"
            + "<s:Header/><s:Body><wsmid:Identify/></s:Body></s:Envelope>";
}
