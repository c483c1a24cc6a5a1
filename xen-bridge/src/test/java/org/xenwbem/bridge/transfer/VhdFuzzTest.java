package org.xenwbem.bridge.transfer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Mutated VHDs (random bytes in the footer, header and BAT, with and without fixed checksums, and
 * truncations): the reader either accepts the image or refuses it with a VhdFormatException — never
 * another exception, a write outside the disk, or a hang.
 */
class VhdFuzzTest {
    private static final int SIZE = VhdCodecTest.SIZE;

    @Test
    void mutatedImagesAreAcceptedOrRefusedCleanly() throws Exception {
        byte[] good = VhdCodecTest.vhdOf(VhdCodecTest.disk());
        Random r = new Random(2026);
        int refused = 0;
        for (int round = 0; round < 400; round++) {
            byte[] bad = good.clone();
            int flips = 1 + r.nextInt(4);
            for (int i = 0; i < flips; i++) {
                int at = r.nextInt(4) == 0 ? bad.length - 512 + r.nextInt(512) : r.nextInt(512 + 1024 + 512);
                bad[at] = (byte) r.nextInt();
            }
            if (r.nextBoolean()) {
                fixChecksums(bad);
            }
            if (r.nextInt(5) == 0) {
                bad = Arrays.copyOf(bad, r.nextInt(bad.length));
            }
            refused += read(bad, r.nextBoolean() ? bad.length : -1) ? 0 : 1;
        }
        assertTrue(refused > 100, "most mutations are caught: " + refused);
    }

    /** True when accepted; false when refused with a VhdFormatException. Any other outcome fails. */
    private static boolean read(byte[] vhd, long length) throws IOException {
        try {
            new VhdReader(SIZE, (off, buf, o, len) -> {
                assertTrue(off >= 0 && off + len <= SIZE, "write inside the disk: " + off + "+" + len);
            }).read(new ByteArrayInputStream(vhd), length);
            return true;
        } catch (VhdFormatException e) {
            return false;
        }
    }

    private static void fixChecksums(byte[] vhd) {
        if (vhd.length < 2048) {
            return;
        }
        for (int at : new int[] {0, vhd.length - 512}) {
            byte[] f = Arrays.copyOfRange(vhd, at, at + 512);
            ByteBuffer.wrap(f, 64, 4).putInt(0);
            ByteBuffer.wrap(vhd, at + 64, 4).putInt(VhdFooter.checksum(f));
        }
        byte[] h = Arrays.copyOfRange(vhd, 512, 1536);
        ByteBuffer.wrap(h, 36, 4).putInt(0);
        ByteBuffer.wrap(vhd, 512 + 36, 4).putInt(VhdDynamicHeader.checksum(h));
    }
}
