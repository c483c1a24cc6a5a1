package org.xenwbem.provider.transfer;

import org.xenwbem.bridge.transfer.QemuImg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xenwbem.bridge.transfer.VhdWriter;

/** HTTP GET/HEAD/PUT of raw and VHD disks through the endpoint, and what it refuses. */
class TransferEndpointTest {
    @TempDir
    static Path dir;
    private static TransferFixture fx;

    @BeforeAll
    static void start() throws Exception {
        fx = new TransferFixture(dir);
    }

    @AfterAll
    static void stop() throws Exception {
        fx.close();
    }

    static byte[] vhdOf(byte[] raw) throws Exception {
        VhdWriter w = new VhdWriter((off, buf, len) -> {
            Arrays.fill(buf, 0, len, (byte) 0);
            System.arraycopy(raw, (int) off, buf, 0, (int) Math.max(0, Math.min(len, raw.length - off)));
        }, raw.length, Instant.now(), UUID.randomUUID());
        w.scan();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        w.writeTo(out);
        return out.toByteArray();
    }

    private static TransferRegistry.Grant open(String vdi, boolean readOnly) throws Exception {
        return fx.service.registry().open(fx.userSession("root"), vdi, TransferFixture.SIZE, readOnly,
                Duration.ofMinutes(5));
    }

    @Test
    void rawGetHeadAndRangesServeTheDisk() throws Exception {
        String vdi = fx.newVdi(TransferFixture.SIZE);
        byte[] data = TransferFixture.content(11);
        fx.write(vdi, data);
        TransferRegistry.Grant g = open(vdi, true);
        RawHttps c = fx.client(g);
        String path = "/transfer/" + g.handle();
        RawHttps.Reply head = c.send("HEAD", path, Map.of(), null);
        assertEquals(200, head.status());
        assertEquals(String.valueOf(TransferFixture.SIZE), head.header("Content-Length"));
        assertEquals("bytes", head.header("Accept-Ranges"));
        assertArrayEquals(data, c.send("GET", path, Map.of(), null).body());
        RawHttps.Reply part = c.send("GET", path, Map.of("Range", "bytes=3000000-3100099"), null);
        assertEquals(206, part.status());
        assertEquals("bytes 3000000-3100099/" + TransferFixture.SIZE, part.header("Content-Range"));
        assertArrayEquals(Arrays.copyOfRange(data, 3_000_000, 3_100_100), part.body());
        RawHttps.Reply tail = c.send("GET", path, Map.of("Range", "bytes=-100"), null);
        assertArrayEquals(Arrays.copyOfRange(data, TransferFixture.SIZE - 100, TransferFixture.SIZE), tail.body());
        for (String bad : new String[] {"bytes=" + TransferFixture.SIZE + "-", "bytes=500-100", "bytes=-0",
            "bytes=99999999999999999999-", "bytes=--5", "items=0-1", "bytes=-"}) {
            RawHttps.Reply r = c.send("GET", path, Map.of("Range", bad), null);
            assertEquals(416, r.status(), bad);
            assertEquals("bytes */" + TransferFixture.SIZE, r.header("Content-Range"), bad);
        }
    }

    @Test
    void vhdGetIsADynamicVhdQemuImgReadsAsTheDiskAndItsRangesAgree() throws Exception {
        QemuImg.require();
        String vdi = fx.newVdi(TransferFixture.SIZE);
        byte[] data = TransferFixture.content(12);
        fx.write(vdi, data);
        TransferRegistry.Grant g = open(vdi, true);
        RawHttps c = fx.client(g);
        String path = "/transfer/" + g.handle() + ".vhd";
        byte[] vhd = c.send("GET", path, Map.of(), null).body();
        assertEquals(String.valueOf(vhd.length), c.send("HEAD", path, Map.of(), null).header("Content-Length"));
        assertEquals(512 + 1024 + 512 + 2 * (512 + (2 << 20)) + 512, vhd.length, "the zero block is not sent");
        RawHttps.Reply part = c.send("GET", path, Map.of("Range", "bytes=1000-2100000"), null);
        assertArrayEquals(Arrays.copyOfRange(vhd, 1000, 2_100_001), part.body());
        Path raw = TransferFixture.file(dir, "d.raw", data);
        Path v = TransferFixture.file(dir, "d.vhd", vhd);
        QemuImg.Result cmp = QemuImg.run("compare", "--image-opts", "driver=raw,file.filename=" + raw,
                "driver=vpc,force_size_calc=current_size,file.filename=" + v);
        assertEquals(0, cmp.status(), cmp.output());
    }

    @Test
    void putWholeOrInPiecesAndVhdPutWriteTheDisk() throws Exception {
        String vdi = fx.newVdi(TransferFixture.SIZE);
        TransferRegistry.Grant g = open(vdi, false);
        RawHttps c = fx.client(g);
        String path = "/transfer/" + g.handle();
        byte[] one = TransferFixture.content(21);
        assertEquals(200, c.send("PUT", path, Map.of(), one).status());
        assertArrayEquals(one, fx.read(vdi));
        byte[] two = TransferFixture.content(22);
        int half = 2_000_000;
        RawHttps.Reply first = c.send("PUT", path, Map.of("Content-Range", "bytes 0-" + (half - 1) + "/" + two.length),
                Arrays.copyOf(two, half));
        assertEquals(202, first.status());
        assertEquals("bytes=0-" + (half - 1), first.header("Range"));
        assertTrue(String.valueOf(fx.otherConfig(vdi).get(Incomplete.KEY)).startsWith("incomplete since"),
                "a disk being written is marked: " + fx.otherConfig(vdi));
        assertEquals(200, c.send("PUT", path, Map.of("Content-Range", "bytes " + half + "-" + (two.length - 1) + "/"
                + two.length), Arrays.copyOfRange(two, half, two.length)).status());
        assertArrayEquals(two, fx.read(vdi));
        assertFalse(fx.otherConfig(vdi).containsKey(Incomplete.KEY), "the mark goes once xapi has it all");
        assertEquals(202, c.send("PUT", path, Map.of("Content-Range", "bytes 0-9/" + two.length), new byte[10]).status());
        fx.service.registry().close(g.handle(), "test: cancelled mid-upload");
        long until = System.nanoTime() + 5_000_000_000L;
        while (!fx.otherConfig(vdi).containsKey(Incomplete.KEY) && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        assertTrue(fx.otherConfig(vdi).containsKey(Incomplete.KEY), "a cancelled upload leaves the disk marked");
        g = open(vdi, false);
        c = fx.client(g);
        path = "/transfer/" + g.handle();
        byte[] three = TransferFixture.content(23);
        assertEquals(200, c.send("PUT", path + ".vhd", Map.of(), vhdOf(three)).status());
        assertArrayEquals(three, fx.read(vdi));
    }

    @Test
    void hostileRequestsGetClean4xxAndTouchNothing() throws Exception {
        String vdi = fx.newVdi(TransferFixture.SIZE);
        byte[] data = TransferFixture.content(31);
        fx.write(vdi, data);
        TransferRegistry.Grant g = open(vdi, false);
        RawHttps c = fx.client(g);
        String path = "/transfer/" + g.handle();
        assertEquals(416, c.send("PUT", path, Map.of("Content-Range", "bytes 0-9/" + (TransferFixture.SIZE + 1L)),
                new byte[10]).status());
        assertEquals(400, c.send("PUT", path, Map.of("Content-Range", "bytes -5-4/100"), new byte[10]).status());
        assertEquals(400, c.send("PUT", path, Map.of("Content-Range", "bytes 0-9223372036854775807999/9"),
                new byte[10]).status());
        assertEquals(413, c.send("PUT", path, Map.of(), new byte[TransferFixture.SIZE + 1]).status());
        assertEquals(416, c.send("PUT", path, Map.of("Content-Range", "bytes 100-109/1000"), new byte[10]).status());
        for (String p : new String[] {path + "/../x", "/transfer/..", "/transfer/" + g.handle() + ".vhd/x",
            "/transfer/%2e%2e/" + g.handle(), "/wsman"}) {
            int s = c.send("GET", p, Map.of(), null).status();
            assertTrue(s >= 400 && s < 500, p + " -> " + s);
        }
        byte[] hostile = vhdOf(TransferFixture.content(32));
        java.nio.ByteBuffer.wrap(hostile, 1536, 4).putInt(0x7FFFFFF0);
        RawHttps.Reply refused = c.send("PUT", path + ".vhd", Map.of(), hostile);
        assertEquals(400, refused.status());
        assertTrue(new String(refused.body()).contains("BAT entry 0"), new String(refused.body()));
        assertArrayEquals(data, fx.read(vdi), "the disk is as it was");
    }

    @Test
    void credentialsReadOnlyAndExpiryAreEnforced() throws Exception {
        String vdi = fx.newVdi(TransferFixture.SIZE);
        TransferRegistry.Grant ro = open(vdi, true);
        String path = "/transfer/" + ro.handle();
        RawHttps anonymous = new RawHttps(fx.identity.certificate(), fx.service.port());
        RawHttps.Reply none = anonymous.send("GET", path, Map.of(), null);
        assertEquals(401, none.status());
        assertTrue(none.header("WWW-Authenticate").startsWith("Basic"));
        assertEquals(401, anonymous.as(ro.username(), ro.password() + "x").send("HEAD", path, Map.of(), null).status());
        assertEquals(403, fx.client(ro).send("PUT", path, Map.of(), new byte[10]).status());
        TransferRegistry.Grant shortLived = fx.service.registry().open(fx.userSession("root"), vdi, TransferFixture.SIZE,
                false, Duration.ofMillis(1));
        Thread.sleep(20);
        assertEquals(401, fx.client(shortLived).send("HEAD", "/transfer/" + shortLived.handle(), Map.of(), null).status());
        assertTrue(!fx.service.registry().isOpen(shortLived.handle()), "an expired connection is closed");
        fx.service.registry().close(ro.handle(), "test");
        assertEquals(401, fx.client(ro).send("HEAD", path, Map.of(), null).status());
    }

    /** The bulk port puts AES-128-GCM first (server order) where the provider lets the server order, for a client offering the JDK's default suites. */
    @Test
    void theTransferPortPrefersAes128Gcm() throws Exception {
        java.security.KeyStore ks = java.security.KeyStore.getInstance(java.security.KeyStore.getDefaultType());
        ks.load(null, null);
        ks.setCertificateEntry("daemon", fx.identity.certificate());
        javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance(
                javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        javax.net.ssl.SSLContext tls = javax.net.ssl.SSLContext.getInstance("TLS");
        tls.init(null, tmf.getTrustManagers(), null);
        for (String protocol : new String[] {"TLSv1.3", "TLSv1.2"}) {
            try (javax.net.ssl.SSLSocket s = (javax.net.ssl.SSLSocket) tls.getSocketFactory()
                    .createSocket("127.0.0.1", fx.service.port())) {
                s.setEnabledProtocols(new String[] {protocol});
                s.startHandshake();
                // BoringSSL (Conscrypt) has no server order for TLS 1.3 suites: it takes the client's first
                // AES-GCM suite, at hardware AES speed either way. The JDK's provider and TLS 1.2 keep ours.
                boolean clientOrder = "TLSv1.3".equals(protocol)
                        && org.xenwbem.tls.TlsProvider.serverProvider().isPresent();
                String expected = clientOrder ? "TLS_AES_(128|256)_GCM_SHA(256|384)"
                        : "TLS_(ECDHE_\\w+_WITH_)?AES_128_GCM_SHA256";
                assertTrue(s.getSession().getCipherSuite().matches(expected),
                        protocol + ": " + s.getSession().getCipherSuite());
            }
        }
    }
}
