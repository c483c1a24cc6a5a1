package org.xenwbem.bridge.transfer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dynamic VHD writer and the VHD reader against qemu-img, in both directions. */
class VhdCodecTest {
    private static final int MIB = 1 << 20;
    /** Block 0 data, block 1 zeros, block 2 a partial block of data (not a multiple of 2 MiB). */
    static final int SIZE = 5 * MIB + 3 * 512;

    @TempDir
    Path dir;

    static byte[] disk() {
        byte[] d = new byte[SIZE];
        Random r = new Random(7);
        for (int i = 0; i < MIB; i++) {
            d[i] = (byte) r.nextInt();
        }
        for (int i = 4 * MIB + 100; i < SIZE; i++) {
            d[i] = (byte) r.nextInt();
        }
        return d;
    }

    static byte[] vhdOf(byte[] raw) throws Exception {
        VhdWriter w = new VhdWriter((off, buf, len) -> {
            Arrays.fill(buf, 0, len, (byte) 0);
            if (off < raw.length) {
                System.arraycopy(raw, (int) off, buf, 0, (int) Math.min(len, raw.length - off));
            }
        }, raw.length, Instant.parse("2026-01-01T00:00:00Z"), UUID.nameUUIDFromBytes(raw));
        w.scan();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        w.writeTo(out);
        assertEquals(w.length(), out.size(), "length() is the stream's exact length");
        return out.toByteArray();
    }

    static byte[] readBack(byte[] vhd, long max) throws Exception {
        byte[] raw = new byte[(int) Math.min(max, 64 * MIB)];
        VhdFooter f = new VhdReader(max, (off, buf, o, len) -> System.arraycopy(buf, o, raw, (int) off, len))
                .read(new ByteArrayInputStream(vhd), vhd.length);
        return Arrays.copyOf(raw, (int) f.currentSize());
    }

    @Test
    void writerSendsOnlyAllocatedBlocksAndQemuImgReadsTheSameDisk() throws Exception {
        QemuImg.require();
        byte[] raw = disk();
        byte[] vhd = vhdOf(raw);
        int perBlock = 512 + 2 * MIB;
        assertEquals(512 + 1024 + 512 + 2 * perBlock + 512, vhd.length, "two of three blocks hold data");
        Path r = Files.write(dir.resolve("d.raw"), raw);
        Path v = Files.write(dir.resolve("d.vhd"), vhd);
        // qemu sizes VHDs of creators it does not know by CHS geometry; Hyper-V (and the specification) by
        // the footer's current size, which is what force_size_calc=current_size selects.
        String opts = "driver=vpc,force_size_calc=current_size,file.filename=" + v;
        QemuImg.Result info = QemuImg.run("info", "--output=json", "--image-opts", opts);
        assertEquals(0, info.status(), info.output());
        assertTrue(info.output().contains("\"virtual-size\": " + SIZE), info.output());
        QemuImg.Result cmp = QemuImg.run("compare", "--image-opts", "driver=raw,file.filename=" + r, opts);
        assertEquals(0, cmp.status(), cmp.output());
    }

    @Test
    void readerAcceptsQemuImgsDynamicAndFixedVhds() throws Exception {
        QemuImg.require();
        byte[] raw = disk();
        Path r = Files.write(dir.resolve("d.raw"), raw);
        for (String sub : new String[] {"dynamic", "fixed"}) {
            Path v = dir.resolve(sub + ".vhd");
            QemuImg.Result conv = QemuImg.run("convert", "-f", "raw", "-O", "vpc", "-o",
                    "subformat=" + sub + ",force_size=on", r.toString(), v.toString());
            assertEquals(0, conv.status(), conv.output());
            byte[] back = readBack(Files.readAllBytes(v), SIZE);
            assertArrayEquals(raw, back, sub);
        }
    }

    @Test
    void writerAndReaderRoundTripAndOnlyNonZeroDataReachesTheSink() throws Exception {
        byte[] raw = disk();
        byte[] vhd = vhdOf(raw);
        long[] written = {0};
        new VhdReader(SIZE, (off, buf, o, len) -> written[0] += len).read(new ByteArrayInputStream(vhd), -1);
        assertTrue(written[0] < 3 * MIB, "zero chunks are not written: " + written[0]);
        assertArrayEquals(raw, readBack(vhd, SIZE));
    }

    @Test
    void anyRangeOfTheVhdIsTheSameBytesAsTheWholeStream() throws Exception {
        byte[] raw = disk();
        byte[] whole = vhdOf(raw);
        VhdWriter w = new VhdWriter((off, buf, len) -> {
            Arrays.fill(buf, 0, len, (byte) 0);
            System.arraycopy(raw, (int) off, buf, 0, (int) Math.min(len, raw.length - off));
        }, raw.length, Instant.parse("2026-01-01T00:00:00Z"), UUID.nameUUIDFromBytes(raw));
        w.scan();
        long[][] ranges = {{0, 1}, {100, 3000}, {2047, 2049 + 512}, {2048 + 600, whole.length - 10},
            {whole.length - 512, whole.length}, {5, 5}, {0, whole.length}};
        for (long[] r : ranges) {
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            w.writeRange(out, r[0], r[1]);
            assertArrayEquals(Arrays.copyOfRange(whole, (int) r[0], (int) r[1]), out.toByteArray(), r[0] + "-" + r[1]);
        }
    }

    /** A fixed VHD of {@code raw}: the data then a footer. */
    static byte[] fixedOf(byte[] raw) throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(raw);
        out.write(VhdFooter.fixed(raw.length, Instant.now(), UUID.randomUUID()).toBytes());
        return out.toByteArray();
    }

    @Test
    void fixedVhdsRoundTrip() throws Exception {
        byte[] raw = disk();
        assertArrayEquals(raw, readBack(fixedOf(raw), SIZE));
    }

    static void putBat(byte[] vhd, int entry, int sector) {
        ByteBuffer.wrap(vhd, 1536 + 4 * entry, 4).putInt(sector);
    }

    static void writeTo(OutputStream out, byte[] b) throws Exception {
        out.write(b);
    }
}
