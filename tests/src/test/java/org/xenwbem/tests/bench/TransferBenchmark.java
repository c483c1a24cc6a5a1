package org.xenwbem.tests.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.xenwbem.bridge.client.XenApiConnection;
import org.xenwbem.bridge.client.XenApiSession;
import org.xenwbem.bridge.sim.SimulatedPool;
import org.xenwbem.tests.DaemonFixture;
import org.xenwbem.tests.WsmanCalls;

/**
 * P6 of issue 12: upload and download of a disk with a zero hole (2 GiB unless
 * {@code -Dtransfer.bench.mib=N}) over HTTPS on loopback through the transfer endpoint, against a
 * plain write and read of the same bytes in the simulated SRs' own directory (same file system, page
 * cache warm for both, as the endpoint's export reads what was just uploaded), and against a bare JDK
 * TLS socket pair on loopback with the endpoint's key and negotiated suite (the most any HTTPS endpoint can
 * carry in this JVM, whose both ends cost CPU here). The same upload and download with {@code curl}
 * (OpenSSL: what an admin uses; the JDK client's own decryption caps the JDK figures), and the machine's
 * TLS ceiling with OpenSSL at both ends ({@link CurlClient}). Every figure is the best of
 * {@code -Dtransfer.bench.rounds} (2) rounds, the order reversed each round so load drifts hit both sides;
 * the direct import/export figures (the simulator and xapi client alone, no endpoint; first round only, to
 * keep the default run near a minute) say how much of the time is the simulator's. Then one GET of the {@code .vhd}: wire bytes and disk bytes per second. And the
 * time from ConnectToDiskImage to the first byte of the disk.
 */
@Tag("benchmark")
class TransferBenchmark {
    private static final int CHUNK = DiskContent.CHUNK;
    private final long size = Long.getLong("transfer.bench.mib", 2048) << 20;
    private final int rounds = Integer.getInteger("transfer.bench.rounds", 2);
    /** The endpoint's certificate, as the connect job handed it over (the bare TLS figure uses the same key). */
    private String certificatePem;
    /** The suite the endpoint negotiated (the bare TLS figure uses the same). */
    private String suite;
    /** The content's CRC32C, as sent. */
    private long sentCrc;

    /** A measured step: seconds it took. */
    private interface Step {
        double run() throws Exception;
    }

    @Test
    void throughputAndTimeToFirstByte() throws Exception {
        try (DaemonFixture fx = new DaemonFixture(1)) {
            SimulatedPool pool = fx.daemon.simulatedPool(SimulatedPool.class);
            XenApiSession admin = XenApiConnection.create(pool.url(), Duration.ofSeconds(5), Duration.ofSeconds(60))
                    .login("root", DaemonFixture.PASSWORD.toCharArray(), "bench");
            String sr = fx.sim().defaultSrUuid();
            Object ref = admin.call("VDI.create", Map.of("name_label", "bench", "SR", admin.call("SR.get_by_uuid", sr),
                    "virtual_size", Long.toString(size), "type", "user", "sharable", false, "read_only", false,
                    "other_config", Map.of()));
            String vdi = String.valueOf(admin.call("VDI.get_uuid", ref));
            WsmanCalls ws = new WsmanCalls(fx);
            awaitDisk(ws, sr, vdi);
            long t0 = System.nanoTime();
            Endpoint ep = new Endpoint(connect(ws, sr, vdi));
            ep.firstByte();
            double ttfb = (System.nanoTime() - t0) / 1e6;
            Path dir = pool.storageRoot().orElse(Path.of(System.getProperty("java.io.tmpdir")));
            Map<String, Step> steps = new java.util.LinkedHashMap<>();
            steps.put("upload", ep::put);
            steps.put("download", ep::get);
            steps.put("local", () -> local(dir));
            steps.put("tls", () -> tlsLoopback(fx.daemon.identity()));
            steps.put("direct", () -> direct(admin, vdi));
            CurlClient curl = new CurlClient(certificatePem, suite, "Basic " + ep.auth);
            steps.put("curl-upload", () -> time("curl-upload", curl.put(ep.uri, size)));
            steps.put("curl-download", () -> time("curl-download", curl.get(ep.uri, size)));
            steps.put("ceiling", () -> time("ceiling", curl.ceiling(size)));
            Map<String, Double> best = bestOf(steps);
            curl.close();
            double[] vhd = ep.getVhd();
            report(ttfb, best, vhd);
            admin.logout();
        }
    }

    /** Seconds of each measure of the round just run (steps that time two things record both). */
    private final Map<String, Double> lastTimes = new java.util.HashMap<>();

    private double time(String name, double secs) {
        lastTimes.put(name, secs);
        return secs;
    }

    /** Runs the steps {@code rounds} times, the order reversed every other round; the best seconds of each measure. */
    private Map<String, Double> bestOf(Map<String, Step> steps) throws Exception {
        Map<String, Double> best = new java.util.HashMap<>();
        for (int r = 0; r < rounds; r++) {
            List<String> order = new java.util.ArrayList<>(steps.keySet());
            if (r % 2 == 1) {
                java.util.Collections.reverse(order);
            }
            for (String step : order) {
                if (r == 0 || !"direct".equals(step)) { // the simulator alone: a diagnosis, once is enough
                    steps.get(step).run();
                }
            }
            lastTimes.forEach((k, v) -> best.merge(k, v, Math::min));
        }
        return best;
    }

    private void report(double ttfb, Map<String, Double> best, double[] vhd) {
        double mib = size / 1048576.0;
        BenchReport out = new BenchReport("transfer");
        out.print("transfer.disk-size", mib, "MiB(best of " + rounds + " alternating rounds; load "
                + String.format(java.util.Locale.ROOT, "%.1f", java.lang.management.ManagementFactory
                .getOperatingSystemMXBean().getSystemLoadAverage()) + ")");
        out.print("transfer.connect-to-first-byte", ttfb, "ms(goal<=1000)");
        for (String k : List.of("upload", "download", "curl-upload", "curl-download", "local-write", "local-read", "tls",
                "ceiling", "direct-import", "direct-export")) {
            out.print("transfer." + k, mib / best.get(k), "MiB/s" + switch (k) {
                case "upload", "download" -> "(disk bytes, over HTTPS, JDK client, " + suite + ")";
                case "curl-upload", "curl-download" -> "(disk bytes, over HTTPS, curl/OpenSSL client, " + suite + ")";
                case "tls" -> "(bare JDK TLS socket to socket, " + suite + ")";
                case "ceiling" -> "(curl from a bare python3-ssl server, " + suite + ": OpenSSL at both ends)";
                case "direct-import", "direct-export" -> "(simulated xapi + xapi client alone, no endpoint, no TLS)";
                case "local-write", "local-read" -> "(same file system as the simulated SR, page cache warm)";
                default -> "";
            });
        }
        out.print("transfer.upload-vs-local-write", best.get("local-write") / best.get("upload"), "x(goal>=0.7)");
        out.print("transfer.download-vs-local-read", best.get("local-read") / best.get("download"), "x(goal>=0.7)");
        out.print("transfer.curl-upload-vs-local-write", best.get("local-write") / best.get("curl-upload"),
                "x(goal>=0.7)");
        out.print("transfer.curl-download-vs-local-read", best.get("local-read") / best.get("curl-download"),
                "x(goal>=0.7)");
        out.print("transfer.curl-download-vs-ceiling", best.get("ceiling") / best.get("curl-download"),
                "x(the endpoint's download to curl against a bare OpenSSL server's, same run)");
        out.print("transfer.ceiling-vs-local-read", best.get("local-read") / best.get("ceiling"),
                "x(the machine's TLS ceiling for a download to curl, OpenSSL at both ends)");
        out.print("transfer.upload-vs-tls-loopback", best.get("tls") / best.get("upload"), "x");
        out.print("transfer.download-vs-tls-loopback", best.get("tls") / best.get("download"), "x");
        out.print("transfer.tls-loopback-vs-local-read", best.get("local-read") / best.get("tls"),
                "x(the ceiling of the JDK client's download-vs-local-read)");
        out.print("transfer.vhd-download-wire", vhd[0] / 1048576.0 / vhd[1], "MiB/s(VHD bytes sent: "
                + Math.round(vhd[0] / 1048576.0) + " MiB for a " + Math.round(mib) + " MiB disk)");
        out.print("transfer.vhd-download-disk", mib / vhd[1], "MiB/s(disk bytes)");
    }

    /** Waits until the daemon serves the new disk (its mirror has caught up), so the clock counts only the connect. */
    private static void awaitDisk(WsmanCalls ws, String sr, String vdi) throws Exception {
        Map<String, String> keys = Map.of("CreationClassName", "Xen_DiskImage", "DeviceID", "Xen:" + sr + "/" + vdi,
                "SystemCreationClassName", "Xen_StoragePool", "SystemName", sr);
        for (int i = 0; i < 500 && WsmanCalls.value(ws.get("root", "Xen_DiskImage", keys), "DeviceID") == null; i++) {
            Thread.sleep(20);
        }
    }

    /** ConnectToDiskImage (retried while the mirror does not know the disk yet); the finished job's XML. */
    private static String connect(WsmanCalls ws, String sr, String vdi) throws Exception {
        Map<String, String> svc = Map.of("CreationClassName", "Xen_StoragePoolManagementService",
                "Name", "XenServer SR Management Service", "SystemCreationClassName", "Xen_HostComputerSystem",
                "SystemName", "any");
        String disk = WsmanCalls.epr("DiskImage", "Xen_DiskImage", Map.of("CreationClassName", "Xen_DiskImage",
                "DeviceID", "Xen:" + sr + "/" + vdi, "SystemCreationClassName", "Xen_StoragePool", "SystemName", sr));
        for (int i = 0; i < 200; i++) {
            String r = ws.invoke("root", "Xen_StoragePoolManagementService", svc, "ConnectToDiskImage",
                    disk + "<q:Protocol>http</q:Protocol><q:UseSSL>true</q:UseSSL>");
            if ("4096".equals(WsmanCalls.value(r, "ReturnValue"))) {
                return ws.awaitJob("root", r);
            }
            Thread.sleep(20);
        }
        throw new AssertionError("ConnectToDiskImage never started");
    }

    /** The same bytes straight to and from the simulator's import/export (what the endpoint adds is the rest). */
    private double direct(XenApiSession admin, String vdi) throws Exception {
        InputStream gen = DiskContent.stream(size);
        org.xenwbem.bridge.transfer.VdiTransfer t = new org.xenwbem.bridge.transfer.VdiTransfer(admin);
        long w = System.nanoTime();
        t.importVdi(vdi, org.xenwbem.bridge.transfer.VdiFormat.RAW, gen, size);
        double write = (System.nanoTime() - w) / 1e9;
        long r = System.nanoTime();
        t.exportVdi(vdi, org.xenwbem.bridge.transfer.VdiFormat.RAW, OutputStream.nullOutputStream());
        time("direct-import", write);
        time("direct-export", (System.nanoTime() - r) / 1e9);
        return write;
    }

    /** A plain write then read of the same content in {@code dir} (a CRC on both sides, as the HTTPS client does). */
    private double local(Path dir) throws IOException {
        double[] wr = DiskContent.writeThenRead(dir, size);
        time("local-read", wr[1]);
        return time("local-write", wr[0]);
    }

    /**
     * Seconds to send the disk's size over a bare JDK TLS socket on loopback with the daemon's own key and
     * read it with the same client code as {@link Endpoint#get()}: the ceiling of any HTTPS download in this
     * run (on a small shared machine it, not the endpoint, bounds the download figure).
     */
    private double tlsLoopback(org.xenwbem.tls.ServerIdentity identity) throws Exception {
        javax.net.ssl.KeyManagerFactory kmf = javax.net.ssl.KeyManagerFactory.getInstance(
                javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(identity.keyStore(), identity.keyStorePassword());
        SSLContext server = SSLContext.getInstance("TLS");
        server.init(kmf.getKeyManagers(), null, null);
        Endpoint trust = new Endpoint(null);
        try (javax.net.ssl.SSLServerSocket ss = (javax.net.ssl.SSLServerSocket) server.getServerSocketFactory()
                .createServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            ss.setEnabledCipherSuites(new String[] {suite});
            Thread sender = new Thread(() -> {
                try (SSLSocket s = (SSLSocket) ss.accept()) {
                    byte[] chunk = DiskContent.pattern();
                    OutputStream o = s.getOutputStream();
                    for (long at = 0; at < size; at += CHUNK) {
                        o.write(chunk);
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, "bench-tls-sender");
            sender.start();
            long t = System.nanoTime();
            try (SSLSocket s = (SSLSocket) trust.tls.getSocketFactory().createSocket("127.0.0.1", ss.getLocalPort())) {
                InputStream in = s.getInputStream();
                CRC32C crc = new CRC32C();
                byte[] buf = new byte[CHUNK];
                int n;
                while ((n = in.read(buf)) > 0) {
                    crc.update(buf, 0, n);
                }
            }
            double secs = (System.nanoTime() - t) / 1e9;
            sender.join();
            time("tls", secs);
            return secs;
        }
    }

    /** The connection the job describes, spoken to with plain sockets trusting exactly its certificate. */
    private final class Endpoint {
        private final SSLContext tls;
        private final URI uri;
        private final String auth;

        Endpoint(String job) throws Exception {
            String pem = job == null ? certificatePem : WsmanCalls.value(job, "SSLCertificate");
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(null, null);
            ks.setCertificateEntry("endpoint", cert);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            tls = SSLContext.getInstance("TLS");
            tls.init(null, tmf.getTrustManagers(), null);
            if (job == null) {
                uri = null;
                auth = null;
                return;
            }
            certificatePem = pem;
            uri = URI.create(WsmanCalls.value(job, "TargetURI"));
            auth = Base64.getEncoder().encodeToString((WsmanCalls.value(job, "Username") + ":"
                    + WsmanCalls.value(job, "Password")).getBytes(StandardCharsets.UTF_8));
        }

        private SSLSocket open(String head) throws IOException {
            SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", uri.getPort());
            s.getOutputStream().write((head + "Host: 127.0.0.1\r\nAuthorization: Basic " + auth
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            return s;
        }

        void firstByte() throws IOException {
            try (SSLSocket s = open("GET " + uri.getPath() + " HTTP/1.1\r\nRange: bytes=0-0\r\n")) {
                suite = s.getSession().getCipherSuite();
                status(s.getInputStream(), List.of(206));
            }
        }

        double put() throws IOException {
            byte[] pattern = DiskContent.pattern();
            byte[] chunk = new byte[CHUNK];
            CRC32C crc = new CRC32C();
            long t = System.nanoTime();
            try (SSLSocket s = open("PUT " + uri.getPath() + " HTTP/1.1\r\nContent-Length: " + size + "\r\n")) {
                OutputStream out = s.getOutputStream();
                for (long i = 0; i * CHUNK < size; i++) {
                    DiskContent.fill(pattern, chunk, i, size);
                    crc.update(chunk);
                    out.write(chunk);
                }
                out.flush();
                status(s.getInputStream(), List.of(200));
            }
            sentCrc = crc.getValue();
            return time("upload", t);
        }

        double get() throws IOException {
            CRC32C crc = new CRC32C();
            long t = System.nanoTime();
            try (SSLSocket s = open("GET " + uri.getPath() + " HTTP/1.1\r\n")) {
                InputStream in = s.getInputStream();
                status(in, List.of(200));
                byte[] buf = new byte[CHUNK];
                int n;
                while ((n = in.read(buf)) > 0) {
                    crc.update(buf, 0, n);
                }
            }
            if (crc.getValue() != sentCrc) {
                throw new AssertionError("the disk read back differs from what was sent");
            }
            return time("download", t);
        }

        /** {wire bytes, seconds} of one GET of the disk as a VHD. */
        double[] getVhd() throws IOException {
            long t = System.nanoTime();
            long wire = 0;
            try (SSLSocket s = open("GET " + uri.getPath() + ".vhd HTTP/1.1\r\n")) {
                InputStream in = s.getInputStream();
                status(in, List.of(200));
                byte[] buf = new byte[CHUNK];
                int n;
                while ((n = in.read(buf)) > 0) {
                    wire += n;
                }
            }
            return new double[] {wire, (System.nanoTime() - t) / 1e9};
        }

        private double time(String name, long start) {
            double secs = (System.nanoTime() - start) / 1e9;
            TransferBenchmark.this.time(name, secs);
            return secs;
        }

        /** Reads the status line and headers; fails unless the status is one of {@code ok}. */
        private void status(InputStream in, List<Integer> ok) throws IOException {
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int c = in.read();
                if (c < 0) {
                    throw new IOException("connection closed in the headers: " + head);
                }
                head.append((char) c);
            }
            int code = Integer.parseInt(head.substring(9, 12));
            if (!ok.contains(code)) {
                throw new IOException("HTTP " + code + ": " + head);
            }
        }
    }
}
