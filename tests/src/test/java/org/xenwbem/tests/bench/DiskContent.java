package org.xenwbem.tests.bench;

import java.io.InputStream;
import java.util.Arrays;
import java.util.Random;

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
}
