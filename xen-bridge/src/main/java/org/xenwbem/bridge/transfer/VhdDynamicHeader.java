package org.xenwbem.bridge.transfer;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The 1024-byte dynamic disk header of a dynamic or differencing VHD (VHD specification 1.0, "Dynamic
 * Disk Header Format"), big-endian: cookie {@code cxsparse}, data offset (unused, all ones), table
 * offset (absolute byte offset of the BAT), header version 1.0, max table entries, block size,
 * checksum (one's complement of the byte sum without the checksum field), parent fields (zero here).
 */
public record VhdDynamicHeader(long tableOffset, int maxTableEntries, int blockSize) {
    public static final int SIZE = 1024;
    /** The block size every VHD writer we know uses (2 MiB). */
    public static final int DEFAULT_BLOCK_SIZE = 2 << 20;
    private static final byte[] COOKIE = "cxsparse".getBytes(StandardCharsets.US_ASCII);
    private static final int CHECKSUM_OFFSET = 36;

    public byte[] toBytes() {
        ByteBuffer b = ByteBuffer.allocate(SIZE);
        b.put(COOKIE).putLong(-1L).putLong(tableOffset).putInt(0x00010000).putInt(maxTableEntries).putInt(blockSize);
        byte[] out = b.array();
        ByteBuffer.wrap(out, CHECKSUM_OFFSET, 4).putInt(checksum(out));
        return out;
    }

    /** Parses and checks a header: cookie, checksum, version and a power-of-two block size of 512 B to 256 MiB. */
    public static VhdDynamicHeader parse(byte[] h) throws VhdFormatException {
        for (int i = 0; i < COOKIE.length; i++) {
            if (h[i] != COOKIE[i]) {
                throw new VhdFormatException("VHD dynamic header at offset 512 lacks the cxsparse cookie");
            }
        }
        ByteBuffer b = ByteBuffer.wrap(h);
        int stored = b.getInt(CHECKSUM_OFFSET);
        if (stored != checksum(h)) {
            throw new VhdFormatException(String.format("VHD dynamic header checksum mismatch: stored %08x, computed %08x",
                    stored, checksum(h)));
        }
        int blockSize = b.getInt(32);
        if (blockSize < 512 || blockSize > (256 << 20) || Integer.bitCount(blockSize) != 1) {
            throw new VhdFormatException("VHD block size " + Integer.toUnsignedString(blockSize)
                    + " is not a power of two between 512 B and 256 MiB");
        }
        return new VhdDynamicHeader(b.getLong(16), b.getInt(28), blockSize);
    }

    /** Bytes of the sector bitmap in front of each block, rounded up to whole sectors. */
    public int bitmapBytes() {
        return VhdFooter.SIZE * Math.max(1, (blockSize / VhdFooter.SIZE / 8 + VhdFooter.SIZE - 1) / VhdFooter.SIZE);
    }

    /** Bytes of the BAT on disk, rounded up to whole sectors. */
    public long tableBytes() {
        return VhdFooter.roundToSectors(4L * Integer.toUnsignedLong(maxTableEntries));
    }

    static int checksum(byte[] h) {
        int sum = 0;
        for (int i = 0; i < SIZE; i++) {
            if (i < CHECKSUM_OFFSET || i >= CHECKSUM_OFFSET + 4) {
                sum += h[i] & 0xFF;
            }
        }
        return ~sum;
    }
}
