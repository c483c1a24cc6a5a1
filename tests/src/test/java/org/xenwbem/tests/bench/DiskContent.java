package org.xenwbem.tests.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32C;

/** The disk content of {@link TransferBenchmark}: pseudo-random 1 MiB chunks, a zero hole over the second quarter. */
final class DiskContent {
    static final int CHUNK = 1 << 20;

    private DiskContent() {
    }

    static byte[] pattern() {
        byte[] p = new byte[CHUNK];
        new Random(6).nextBytes(p);
        return p;
    }

    /** Chunk {@code index} of a disk of {@code size} bytes into {@code chunk}. */
    static void fill(byte[] pattern, byte[] chunk, long index, long size) {
        long at = index * CHUNK;
        if (at >= size / 4 && at < size / 2) {
            Arrays.fill(chunk, (byte) 0);
            return;
        }
        System.arraycopy(pattern, 0, chunk, 0, CHUNK);
        for (int i = 0; i < 8; i++) {
            chunk[i] = (byte) (index >>> (8 * i));
        }
    }

    /** The whole disk as a stream. */
    static InputStream stream(long size) {
        byte[] pattern = pattern();
        return new InputStream() {
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
    }

    /**
     * The baseline of {@link TransferBenchmark}: {size} bytes of this content written to a new file in
     * {@code dir}, then read back, a CRC on both sides (as the HTTPS clients compute); {write, read} seconds.
     */
    static double[] writeThenRead(Path dir, long size) throws IOException {
        Path f = Files.createTempFile(dir, "bench", ".raw");
        try {
            byte[] pattern = pattern();
            byte[] chunk = new byte[CHUNK];
            CRC32C sum = new CRC32C();
            long w = System.nanoTime();
            try (OutputStream out = Files.newOutputStream(f)) {
                for (long i = 0; i * CHUNK < size; i++) {
                    fill(pattern, chunk, i, size);
                    sum.update(chunk);
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
            double read = (System.nanoTime() - r) / 1e9;
            if (crc.getValue() != sum.getValue()) {
                throw new AssertionError("the local file read back differs from what was written");
            }
            return new double[] {write, read};
        } finally {
            Files.deleteIfExists(f);
        }
    }
}
