package org.xenwbem.tests.pack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.xenwbem.bridge.sim.SimulatedPool;

/**
 * The performance figures of the issue, measured on the installed tree and written to
 * {@code target/pack-figures.txt}: ISO size, installed size, start-to-first-response of
 * {@code xenwbem serve --port 0} against a running pool (until its "listening on" line, then a WS-Man
 * Identify over HTTPS answered) — cold (first start: certificate generated, no class-data archive)
 * and warm (the archive the first run left) — and the resident memory once idle. The pack has no
 * simulator, so the pool is a simulated one in this JVM (the shape of {@code serve --simulate}),
 * reached over XML-RPC as dom0's xapi is.
 */
class InstalledDaemonFiguresTest {
    private static final String IDENTIFY = "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\" "
            + "xmlns:wsmid=\"http://schemas.dmtf.org/wbem/wsman/identity/1/wsmanidentity.xsd\">"
            + "<s:Header/><s:Body><wsmid:Identify/></s:Body></s:Envelope>";

    private record Start(long listeningMillis, long firstResponseMillis, long idleRssKb) {
    }

    @Test
    void figures() throws Exception {
        PackFixture pack = PackFixture.get();
        Path root = pack.payloadRoot();
        Path dir = PackFixture.scratch("figures");
        Path cds = Files.createDirectories(dir.resolve("cds"));
        Start cold;
        List<Start> warm = new ArrayList<>();
        try (SimulatedPool xapi = SimulatedPool.builder().hosts(2).vms(8).seed(42).rootPassword("figures-pw")
                .memberEndpoints(true).build()) {
            xapi.start("127.0.0.1", 0);
            Files.writeString(dir.resolve("xapi-password"), "figures-pw\n");
            cold = start(root, dir, cds, xapi.url());
            for (int i = 0; i < 2; i++) {
                warm.add(start(root, dir, cds, xapi.url()));
            }
        }
        Start best = warm.stream().min((a, b) -> Long.compare(a.firstResponseMillis(), b.firstResponseMillis())).orElseThrow();
        long iso = Long.parseLong(pack.prop("size.iso"));
        long installed = Long.parseLong(pack.prop("size.installed"));
        String figures = String.format(Locale.ROOT, String.join("\n",
                "xenwbem supplemental pack %s (update %s)",
                "ISO size:                %.1f MB (goal <= 60 MB)",
                "installed size:          %.1f MB (runtime: %s)",
                "start to first response: warm %d ms (listening after %d ms), best of 2 (goal <= 1000 ms on a quiet machine)",
                "                         cold %d ms (listening after %d ms): first start, certificate generated,",
                "                         no class-data archive yet",
                "idle RSS:                %d MB (warm), %d MB (cold)",
                "measured: opt/xenwbem/bin/xenwbem serve --port 0 --xapi <simulated pool in the test JVM> from the installed",
                "          tree, then Identify over HTTPS",
                ""), pack.prop("version"), pack.uuid(), iso / 1e6, installed / 1e6, pack.prop("runtime.modules"),
                best.firstResponseMillis(), best.listeningMillis(), cold.firstResponseMillis(), cold.listeningMillis(),
                best.idleRssKb() / 1024, cold.idleRssKb() / 1024);
        Files.writeString(Path.of("target", "pack-figures.txt"), figures);
        System.out.println(figures);
        assertTrue(iso <= 60_000_000L, "the ISO is over 60 MB: " + iso);
        assertTrue(best.firstResponseMillis() < 15_000, "the installed daemon took " + best.firstResponseMillis() + " ms");
        assertTrue(Files.list(cds).anyMatch(p -> p.getFileName().toString().endsWith(".jsa")),
                "the first run left a class-data archive for the next starts");
    }

    private static Start start(Path root, Path dir, Path cds, URI xapi) throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty-path"));
        ProcessBuilder pb = new ProcessBuilder(root.resolve("opt/xenwbem/bin/xenwbem").toString(), "serve",
                "--xapi", xapi.toString(), "--xapi-user", "root", "--xapi-password-file",
                dir.resolve("xapi-password").toString(), "--port", "0", "--bind", "127.0.0.1", "--state-dir",
                dir.resolve("state").toString());
        pb.environment().clear();
        pb.environment().putAll(java.util.Map.of("PATH", empty.toString(), "XENWBEM_CDS_DIR", cds.toString(),
                "HOME", dir.toString(), "XENWBEM_CONF", "/nonexistent"));
        pb.redirectError(dir.resolve("daemon.err").toFile());
        long t0 = System.nanoTime();
        Process p = pb.start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line;
            String url = null;
            StringBuilder before = new StringBuilder();
            while ((line = out.readLine()) != null) {
                before.append(line).append('\n');
                if (line.startsWith("listening on ")) {
                    url = line.substring("listening on ".length()).strip();
                    break;
                }
            }
            if (url == null) {
                fail("the installed daemon exited without listening: " + Files.readString(dir.resolve("daemon.err")));
            }
            long listening = (System.nanoTime() - t0) / 1_000_000;
            // the bundled runtime loads Conscrypt's BoringSSL from its jar (issue #15: handshake cost)
            String log = before + Files.readString(dir.resolve("daemon.err"));
            assertTrue(log.contains("TLS provider: Conscrypt"), "the installed daemon does not run TLS on Conscrypt: " + log);
            HttpResponse<String> r = client().send(HttpRequest.newBuilder(URI.create(url))
                    .header("Content-Type", "application/soap+xml;charset=UTF-8").header("WSMANIDENTIFY", "unauthenticated")
                    .POST(HttpRequest.BodyPublishers.ofString(IDENTIFY)).build(), HttpResponse.BodyHandlers.ofString());
            long answered = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(200, r.statusCode(), r.body());
            assertTrue(r.body().contains("IdentifyResponse"), r.body());
            Thread.sleep(2000);
            long rss = Files.readAllLines(Path.of("/proc", Long.toString(p.pid()), "status")).stream()
                    .filter(l -> l.startsWith("VmRSS:")).map(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElse(-1L);
            return new Start(listening, answered, rss);
        } finally {
            p.destroy();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }

    private static HttpClient client() throws Exception {
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] c, String a) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] c, String a) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, new SecureRandom());
        return HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(10)).build();
    }
}
