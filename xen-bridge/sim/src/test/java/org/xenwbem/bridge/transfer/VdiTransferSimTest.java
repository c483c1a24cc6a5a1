package org.xenwbem.bridge.transfer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xenwbem.bridge.client.XenApiConnection;
import org.xenwbem.bridge.client.XenApiError;
import org.xenwbem.bridge.client.XenApiException;
import org.xenwbem.bridge.client.XenApiProtocol;
import org.xenwbem.bridge.client.XenApiSession;
import org.xenwbem.bridge.client.XenApiTransportException;
import org.xenwbem.bridge.sim.SimulatedPool;

/** import_raw_vdi / export_raw_vdi round trips against the simulator's file-backed VDIs. */
class VdiTransferSimTest {
    private static final int SIZE = 3 << 20;
    private static SimulatedPool pool;
    private static URI url;

    @BeforeAll
    static void start() {
        pool = SimulatedPool.builder().hosts(1).vms(1).seed(5).rootPassword("pw").build();
        url = pool.start("127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        pool.close();
    }

    private static XenApiSession login(String user, XenApiProtocol p) throws Exception {
        return XenApiConnection.create(url, Duration.ofSeconds(2), Duration.ofSeconds(10), p)
                .login(user, "pw".toCharArray(), "transfer-test");
    }

    private static String newVdi(XenApiSession s, long size) throws Exception {
        Object pool0 = ((java.util.List<?>) s.call("pool.get_all")).get(0);
        Object sr = s.call("pool.get_default_SR", pool0);
        Object vdi = s.call("VDI.create", Map.of("name_label", "transfer", "SR", sr, "virtual_size", Long.toString(size),
                "type", "user", "sharable", false, "read_only", false, "other_config", Map.of()));
        return String.valueOf(s.call("VDI.get_uuid", vdi));
    }

    private static byte[] data(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void rawRoundTripsAndAnUnwrittenVdiReadsAsZeros() throws Exception {
        XenApiSession s = login("root", XenApiProtocol.XML_RPC);
        String vdi = newVdi(s, SIZE);
        VdiTransfer t = new VdiTransfer(s);
        ByteArrayOutputStream empty = new ByteArrayOutputStream();
        assertEquals(SIZE, t.exportVdi(vdi, VdiFormat.RAW, empty));
        assertArrayEquals(new byte[SIZE], empty.toByteArray());
        byte[] content = data(SIZE, 1);
        t.importVdi(vdi, VdiFormat.RAW, new ByteArrayInputStream(content), content.length);
        ByteArrayOutputStream back = new ByteArrayOutputStream();
        t.exportVdi(vdi, VdiFormat.RAW, back);
        assertArrayEquals(content, back.toByteArray());
        byte[] shorter = data(4096, 2);
        t.importVdi(vdi, VdiFormat.RAW, new ByteArrayInputStream(shorter), -1);
        try (InputStream in = t.openExport(vdi, VdiFormat.RAW)) {
            byte[] all = in.readAllBytes();
            assertEquals(SIZE, all.length, "a block device reads its virtual size");
            assertArrayEquals(shorter, Arrays.copyOf(all, 4096));
        }
        s.logout();
    }

    /** A body that hands its arrays over ({@link ChunkedInput}): sent as they are, uneven sizes, and an error aborts. */
    @Test
    void chunkedInputIsSentByItsOwnArraysAndItsFailureAbortsTheImport() throws Exception {
        XenApiSession s = login("root", XenApiProtocol.XML_RPC);
        String vdi = newVdi(s, SIZE);
        VdiTransfer t = new VdiTransfer(s);
        byte[] content = data(SIZE, 7);
        t.importVdi(vdi, VdiFormat.RAW, chunks(content, false), content.length);
        ByteArrayOutputStream back = new ByteArrayOutputStream();
        t.exportVdi(vdi, VdiFormat.RAW, back);
        assertArrayEquals(content, back.toByteArray());
        assertThrows(XenApiTransportException.class,
                () -> t.importVdi(vdi, VdiFormat.RAW, chunks(data(SIZE, 8), true), SIZE));
        s.logout();
    }

    /** {@code content} in chunks of 1, 2, ... 64 KiB + 1 bytes; failing half-way when {@code fail}. */
    private static InputStream chunks(byte[] content, boolean fail) {
        class Chunks extends InputStream implements ChunkedInput {
            private int at;
            private int next = 1;

            @Override
            public int read() {
                throw new AssertionError("a ChunkedInput must not be read as a stream");
            }

            @Override
            public byte[] nextChunk() throws java.io.IOException {
                if (fail && at > content.length / 2) {
                    throw new java.io.IOException("the client went away");
                }
                if (at == content.length) {
                    return null;
                }
                int n = Math.min(next, content.length - at);
                next = next % (64 << 10) * 2 + 1;
                at += n;
                return Arrays.copyOfRange(content, at - n, at);
            }
        }
        return new Chunks();
    }

    @Test
    void vhdExportIsADynamicVhdOfTheAllocatedBlocksThatImportsBack() throws Exception {
        XenApiSession s = login("root", XenApiProtocol.JSON_RPC);
        String a = newVdi(s, SIZE);
        String b = newVdi(s, SIZE);
        VdiTransfer t = new VdiTransfer(s);
        byte[] content = new byte[SIZE];
        System.arraycopy(data(1 << 20, 3), 0, content, 0, 1 << 20);
        t.importVdi(a, VdiFormat.RAW, new ByteArrayInputStream(content), content.length);
        ByteArrayOutputStream vhd = new ByteArrayOutputStream();
        long blocks = 1;
        assertEquals(512 + 1024 + 512 + blocks * (512 + (2 << 20)) + 512, t.exportVdi(a, VdiFormat.VHD, vhd),
                "footer copy, header, BAT, one allocated block of two, footer");
        byte[] image = vhd.toByteArray();
        VhdFooter footer = VhdFooter.parse(Arrays.copyOfRange(image, image.length - 512, image.length));
        assertEquals(SIZE, footer.currentSize());
        assertEquals(VhdFooter.TYPE_DYNAMIC, footer.diskType());
        t.importVdi(b, VdiFormat.VHD, new ByteArrayInputStream(image), image.length);
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        t.exportVdi(b, VdiFormat.RAW, raw);
        assertArrayEquals(content, raw.toByteArray());
        byte[] fixed = new byte[SIZE + 512];
        System.arraycopy(data(SIZE, 4), 0, fixed, 0, SIZE);
        System.arraycopy(VhdFooter.fixed(SIZE, java.time.Instant.now(), java.util.UUID.randomUUID()).toBytes(), 0,
                fixed, SIZE, 512);
        t.importVdi(b, VdiFormat.VHD, new ByteArrayInputStream(fixed), fixed.length);
        ByteArrayOutputStream fromFixed = new ByteArrayOutputStream();
        t.exportVdi(b, VdiFormat.RAW, fromFixed);
        assertArrayEquals(Arrays.copyOf(fixed, SIZE), fromFixed.toByteArray());
        s.logout();
    }

    @Test
    void aHostileVhdIsRefusedAndLeavesTheVdiAsItWas() throws Exception {
        XenApiSession s = login("root", XenApiProtocol.XML_RPC);
        String a = newVdi(s, SIZE);
        VdiTransfer t = new VdiTransfer(s);
        byte[] content = data(SIZE, 9);
        t.importVdi(a, VdiFormat.RAW, new ByteArrayInputStream(content), content.length);
        ByteArrayOutputStream vhd = new ByteArrayOutputStream();
        t.exportVdi(a, VdiFormat.VHD, vhd);
        byte[] image = vhd.toByteArray();
        java.nio.ByteBuffer.wrap(image, 1536 + 4, 4).putInt(0x7FFFFFF0);
        XenApiTransportException e = assertThrows(XenApiTransportException.class,
                () -> t.importVdi(a, VdiFormat.VHD, new ByteArrayInputStream(image), image.length));
        assertEquals(400, e.httpStatus());
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        t.exportVdi(a, VdiFormat.RAW, raw);
        assertArrayEquals(content, raw.toByteArray());
        s.logout();
    }

    @Test
    void aCallersTaskIdReportsTheOutcome() throws Exception {
        XenApiSession s = login("root", XenApiProtocol.XML_RPC);
        String vdi = newVdi(s, SIZE);
        Object ref = s.call("VDI.get_by_uuid", vdi);
        Object task = s.call("task.create", "upload", "test");
        byte[] content = data(SIZE, 6);
        s.http().put(null, "/import_raw_vdi", Map.of("vdi", ref, "format", "raw", "task_id", task),
                new ByteArrayInputStream(content), content.length, Duration.ofSeconds(30));
        assertEquals("success", s.call("task.get_status", task));
        assertEquals(1.0, ((Number) s.call("task.get_progress", task)).doubleValue());
        Object failing = s.call("task.create", "upload", "test");
        assertThrows(XenApiTransportException.class, () -> s.http().put(null, "/import_raw_vdi",
                Map.of("vdi", ref, "format", "vhd", "task_id", failing), new ByteArrayInputStream(new byte[1024]), 1024,
                Duration.ofSeconds(30)));
        assertEquals("failure", s.call("task.get_status", failing));
        assertEquals(404, assertThrows(XenApiTransportException.class, () -> s.http().put(null, "/import_raw_vdi",
                Map.of("vdi", ref, "format", "raw", "task_id", "OpaqueRef:nope"), new ByteArrayInputStream(new byte[1]), 1,
                Duration.ofSeconds(30))).httpStatus());
        ByteArrayOutputStream back = new ByteArrayOutputStream();
        new VdiTransfer(s).exportVdi(vdi, VdiFormat.RAW, back);
        assertArrayEquals(content, back.toByteArray(), "the failed VHD import left the disk as it was");
        s.logout();
    }

    @Test
    void refusalsAreTyped() throws Exception {
        XenApiSession s = login("root", XenApiProtocol.XML_RPC);
        String vdi = newVdi(s, 1 << 20);
        VdiTransfer t = new VdiTransfer(s);
        XenApiTransportException big = assertThrows(XenApiTransportException.class, () -> t.importVdi(vdi,
                VdiFormat.RAW, new ByteArrayInputStream(new byte[(1 << 20) + 1]), (1 << 20) + 1));
        assertEquals(400, big.httpStatus());
        byte[] corrupt = new byte[(1 << 20) + 512];
        assertEquals(400, assertThrows(XenApiTransportException.class, () -> t.importVdi(vdi, VdiFormat.VHD,
                new ByteArrayInputStream(corrupt), corrupt.length)).httpStatus());
        assertEquals(XenApiError.UUID_INVALID, assertThrows(XenApiException.class,
                () -> t.exportVdi("no-such-vdi", VdiFormat.RAW, new ByteArrayOutputStream())).error());
        XenApiSession reader = login("reader", XenApiProtocol.XML_RPC);
        assertEquals(403, assertThrows(XenApiTransportException.class, () -> new VdiTransfer(reader)
                .importVdi(vdi, VdiFormat.RAW, new ByteArrayInputStream(new byte[10]), 10)).httpStatus());
        assertEquals(1 << 20, new VdiTransfer(reader).exportVdi(vdi, VdiFormat.RAW, new ByteArrayOutputStream()));
        reader.logout();
        s.logout();
    }
}
