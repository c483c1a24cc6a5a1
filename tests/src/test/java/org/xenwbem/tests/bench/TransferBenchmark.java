package org.xenwbem.tests.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
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
 * plain write and read of the same bytes on the file system of the simulated SRs, in the same run;
 * and the time from ConnectToDiskImage to the first byte of the disk.
 */
@Tag("benchmark")
class TransferBenchmark {
    private static final int CHUNK = 1 << 20;
    private final long size = Long.getLong("transfer.bench.mib", 2048) << 20;
    /** The endpoint's certificate, as the connect job handed it over (the bare TLS figure uses the same key). */
    private String certificatePem;

    @Test
    void throughputAndTimeToFirstByte() throws Exception {
        try (DaemonFixture fx = new DaemonFixture(1)) {
            URI sim = fx.daemon.simulatedPool(SimulatedPool.class).url();
            XenApiSession admin = XenApiConnection.create(sim, Duration.ofSeconds(5), Duration.ofSeconds(60))
                    .login("root", DaemonFixture.PASSWORD.toCharArray(), "bench");
            String sr = fx.sim().defaultSrUuid();
            Object ref = admin.call("VDI.create", Map.of("name_label", "bench", "SR", admin.call("SR.get_by_uuid", sr),
                    "virtual_size", Long.toString(size), "type", "user", "sharable", false, "read_only", false,
                    "other_config", Map.of()));
            String vdi = String.valueOf(admin.call("VDI.get_uuid", ref));
            WsmanCalls ws = new WsmanCalls(fx);
            awaitDisk(ws, sr, vdi);
            long t0 = System.nanoTime();
            String job = connect(ws, sr, vdi);
            Endpoint ep = new Endpoint(job);
            ep.firstByte();
            double ttfb = (System.nanoTime() - t0) / 1e6;
            long up = System.nanoTime();
            long sent = ep.put();
            double upSecs = (System.nanoTime() - up) / 1e9;
            long down = System.nanoTime();
            long got = ep.get();
            double downSecs = (System.nanoTime() - down) / 1e9;
            if (sent != got) {
                throw new AssertionError("the disk read back differs from what was sent");
            }
            double tls = tlsLoopback(fx.daemon.identity());
            report(ttfb, upSecs, downSecs, local(Path.of(System.getProperty("java.io.tmpdir"))), direct(admin, vdi), tls);
            admin.logout();
        }
    }

    private void report(double ttfb, double upSecs, double downSecs, double[] local, double[] direct, double tls) {
        double mib = size / 1048576.0;
        BenchReport out = new BenchReport("transfer");
        out.print("transfer.disk-size", mib, "MiB");
        out.print("transfer.connect-to-first-byte", ttfb, "ms(goal<=1000)");
        out.print("transfer.upload", mib / upSecs, "MiB/s");
        out.print("transfer.download", mib / downSecs, "MiB/s");
        out.print("transfer.local-write", mib / local[0], "MiB/s");
        out.print("transfer.local-read", mib / local[1], "MiB/s");
        out.print("transfer.xapi-direct-import", mib / direct[0], "MiB/s(simulator, no endpoint)");
        out.print("transfer.xapi-direct-export", mib / direct[1], "MiB/s(simulator, no endpoint)");
        out.print("transfer.upload-vs-local-write", local[0] / upSecs, "x(goal>=0.7)");
        out.print("transfer.download-vs-local-read", local[1] / downSecs, "x(goal>=0.7)");
        out.print("transfer.tls-loopback", mib / tls, "MiB/s(bare JDK TLS socket to socket, the most any HTTPS endpoint can do here)");
        out.print("transfer.download-vs-tls-loopback", tls / downSecs, "x");
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

    /** Content: pseudo-random chunks, with a zero hole over the second quarter of the disk. */
    private static void fill(byte[] pattern, byte[] chunk, long index, long size) {
        long at = index * CHUNK;
        if (at >= size / 4 && at < size / 2) {
            java.util.Arrays.fill(chunk, (byte) 0);
            return;
        }
        System.arraycopy(pattern, 0, chunk, 0, CHUNK);
        for (int i = 0; i < 8; i++) {
            chunk[i] = (byte) (index >>> (8 * i));
        }
    }

    /** The same bytes straight to and from the simulator's import/export (what the endpoint adds is the rest). */
    private double[] direct(XenApiSession admin, String vdi) throws Exception {
        byte[] pattern = pattern();
        InputStream gen = new InputStream() {
            private final byte[] chunk = new byte[CHUNK];
            private long index;
            private int pos = CHUNK;

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (pos == CHUNK) {
                    if (index * CHUNK >= size) {
                        return -1;
                    }
                    fill(pattern, chunk, index++, size);
                    pos = 0;
                }
                int n = Math.min(len, CHUNK - pos);
                System.arraycopy(chunk, pos, b, off, n);
                pos += n;
                return n;
            }
        };
        org.xenwbem.bridge.transfer.VdiTransfer t = new org.xenwbem.bridge.transfer.VdiTransfer(admin);
        long w = System.nanoTime();
        t.importVdi(vdi, org.xenwbem.bridge.transfer.VdiFormat.RAW, gen, size);
        double write = (System.nanoTime() - w) / 1e9;
        long r = System.nanoTime();
        t.exportVdi(vdi, org.xenwbem.bridge.transfer.VdiFormat.RAW, OutputStream.nullOutputStream());
        return new double[] {write, (System.nanoTime() - r) / 1e9};
    }

    private double[] local(Path dir) throws IOException {
        Path f = Files.createTempFile(dir, "bench", ".raw");
        try {
            byte[] pattern = pattern();
            byte[] chunk = new byte[CHUNK];
            long w = System.nanoTime();
            try (OutputStream out = Files.newOutputStream(f)) {
                for (long i = 0; i * CHUNK < size; i++) {
                    fill(pattern, chunk, i, size);
                    out.write(chunk);
                }
            }
            double write = (System.nanoTime() - w) / 1e9;
            long r = System.nanoTime();
            CRC32C crc = new CRC32C();
            try (InputStream in = Files.newInputStream(f)) {
                int n;
                while ((n = in.read(chunk)) > 0) {
                    crc.update(chunk, 0, n);
                }
            }
            return new double[] {write, (System.nanoTime() - r) / 1e9};
        } finally {
            Files.deleteIfExists(f);
        }
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
            Thread sender = new Thread(() -> {
                try (SSLSocket s = (SSLSocket) ss.accept()) {
                    byte[] chunk = pattern();
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
            return secs;
        }
    }

    private static byte[] pattern() {
        byte[] p = new byte[CHUNK];
        new Random(6).nextBytes(p);
        return p;
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
                status(s.getInputStream(), List.of(206));
            }
        }

        long put() throws IOException {
            byte[] pattern = pattern();
            byte[] chunk = new byte[CHUNK];
            CRC32C crc = new CRC32C();
            try (SSLSocket s = open("PUT " + uri.getPath() + " HTTP/1.1\r\nContent-Length: " + size + "\r\n")) {
                OutputStream out = s.getOutputStream();
                for (long i = 0; i * CHUNK < size; i++) {
                    fill(pattern, chunk, i, size);
                    crc.update(chunk);
                    out.write(chunk);
                }
                out.flush();
                status(s.getInputStream(), List.of(200));
            }
            return crc.getValue();
        }

        long get() throws IOException {
            CRC32C crc = new CRC32C();
            try (SSLSocket s = open("GET " + uri.getPath() + " HTTP/1.1\r\n")) {
                InputStream in = s.getInputStream();
                status(in, List.of(200));
                byte[] buf = new byte[CHUNK];
                int n;
                while ((n = in.read(buf)) > 0) {
                    crc.update(buf, 0, n);
                }
            }
            return crc.getValue();
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
