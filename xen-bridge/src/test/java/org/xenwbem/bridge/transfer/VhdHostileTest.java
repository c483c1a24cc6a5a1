package org.xenwbem.bridge.transfer;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Hostile VHDs get a precise VhdFormatException, never an allocation, a hang or a silent write. */
class VhdHostileTest {
    private static final int SIZE = VhdCodecTest.SIZE;

    private static String refusal(byte[] vhd, long declaredLength, long max) {
        long[] writes = {0};
        VhdFormatException e = assertThrows(VhdFormatException.class, () -> new VhdReader(max,
                (off, buf, o, len) -> writes[0]++).read(new ByteArrayInputStream(vhd), declaredLength));
        return e.getMessage();
    }

    private static void fixFooterChecksums(byte[] vhd) {
        for (int at : new int[] {0, vhd.length - 512}) {
            byte[] f = Arrays.copyOfRange(vhd, at, at + 512);
            ByteBuffer.wrap(f, 64, 4).putInt(0);
            ByteBuffer.wrap(vhd, at + 64, 4).putInt(VhdFooter.checksum(f));
        }
    }

    @Test
    void badFooterChecksumIsNamed() throws Exception {
        byte[] vhd = VhdCodecTest.vhdOf(VhdCodecTest.disk());
        vhd[100] ^= 1;
        String m = refusal(vhd, vhd.length, SIZE);
        assertTrue(m.contains("checksum") && m.contains("offset 0"), m);
    }

    @Test
    void badHeaderChecksumIsNamed() throws Exception {
        byte[] vhd = VhdCodecTest.vhdOf(VhdCodecTest.disk());
        vhd[512 + 300] ^= 1;
        String m = refusal(vhd, vhd.length, SIZE);
        assertTrue(m.contains("dynamic header checksum"), m);
    }

    @Test
    void batEntryPastTheEndIsRefusedWithOrWithoutALength() throws Exception {
        byte[] vhd = VhdCodecTest.vhdOf(VhdCodecTest.disk());
        VhdCodecTest.putBat(vhd, 2, 0x7FFFFFF0);
        String m = refusal(vhd, vhd.length, SIZE);
        assertTrue(m.contains("BAT entry 2") && m.contains("past the end"), m);
        String streamed = refusal(vhd, -1, SIZE);
        assertTrue(streamed.contains("ends at byte"), streamed);
    }

    @Test
    void overlappingBlocksAreRefused() throws Exception {
        byte[] vhd = VhdCodecTest.vhdOf(VhdCodecTest.disk());
        int first = ByteBuffer.wrap(vhd, 1536, 4).getInt();
        VhdCodecTest.putBat(vhd, 2, first + 8);
        String m = refusal(vhd, vhd.length, SIZE);
        assertTrue(m.contains("overlap"), m);
    }

    @Test
    void batEntryInsideTheHeadersIsRefused() throws Exception {
        byte[] vhd = VhdCodecTest.vhdOf(VhdCodecTest.disk());
        VhdCodecTest.putBat(vhd, 0, 1);
        String m = refusal(vhd, vhd.length, SIZE);
        assertTrue(m.contains("inside the VHD's headers"), m);
    }

    @Test
    void hugeClaimedSizeIsRefusedBeforeAnyTableIsRead() throws Exception {
        byte[] vhd = VhdCodecTest.vhdOf(VhdCodecTest.disk());
        for (int at : new int[] {0, vhd.length - 512}) {
            ByteBuffer.wrap(vhd, at + 40, 16).putLong(Long.MAX_VALUE).putLong(Long.MAX_VALUE);
        }
        fixFooterChecksums(vhd);
        String m = refusal(vhd, vhd.length, SIZE);
        assertTrue(m.contains("claims a disk of " + Long.MAX_VALUE), m);
        byte[] big = VhdCodecTest.vhdOf(VhdCodecTest.disk());
        assertTrue(refusal(big, big.length, SIZE - 512).contains("at most " + (SIZE - 512)));
    }

    @Test
    void differencingAndTruncatedAndOversizedFixedVhdsAreRefused() throws Exception {
        byte[] vhd = VhdCodecTest.vhdOf(VhdCodecTest.disk());
        byte[] diff = vhd.clone();
        for (int at : new int[] {0, diff.length - 512}) {
            ByteBuffer.wrap(diff, at + 60, 4).putInt(VhdFooter.TYPE_DIFFERENCING);
        }
        fixFooterChecksums(diff);
        assertTrue(refusal(diff, diff.length, SIZE).contains("type 4"));
        byte[] cut = Arrays.copyOf(vhd, vhd.length - 700);
        assertTrue(refusal(cut, -1, SIZE).contains("without its footer") || refusal(cut, -1, SIZE).contains("ends at"));
        byte[] fixed = VhdCodecTest.fixedOf(VhdCodecTest.disk());
        assertTrue(refusal(fixed, fixed.length, SIZE - 512).contains("exceeds"));
        fixed[fixed.length - 3] ^= 1;
        assertTrue(refusal(fixed, fixed.length, SIZE).contains("checksum"));
        assertTrue(refusal(new byte[100], 100, SIZE).contains("at least 512"));
    }
}
