package org.xenwbem.bridge.transfer;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * The 512-byte footer that ends every VHD file (VHD specification 1.0, "Hard Disk Footer Format"),
 * big-endian: cookie {@code conectix}, features 2, version 1.0, data offset (all ones for a fixed
 * disk), timestamp (seconds since 2000-01-01 UTC), creator {@code xwbm} on {@code Wi2k}, original and
 * current size, CHS geometry, disk type, checksum (one's complement of the byte sum without the
 * checksum field), unique id, saved state. A fixed VHD is the raw data (a whole number of 512-byte
 * sectors) followed by this footer.
 */
public record VhdFooter(long currentSize, long originalSize, int diskType, Instant timestamp, UUID uniqueId) {
    public static final int SIZE = 512;
    public static final int TYPE_FIXED = 2;
    public static final int TYPE_DYNAMIC = 3;
    public static final int TYPE_DIFFERENCING = 4;
    private static final byte[] COOKIE = "conectix".getBytes(StandardCharsets.US_ASCII);
    private static final long VHD_EPOCH = Instant.parse("2000-01-01T00:00:00Z").getEpochSecond();
    private static final int CHECKSUM_OFFSET = 64;

    /** A fixed-disk footer for {@code size} bytes (rounded up to whole sectors). */
    public static VhdFooter fixed(long size, Instant timestamp, UUID uniqueId) {
        long rounded = roundToSectors(size);
        return new VhdFooter(rounded, rounded, TYPE_FIXED, timestamp, uniqueId);
    }

    /** A dynamic-disk footer for {@code size} bytes (rounded up to whole sectors); its data offset is 512. */
    public static VhdFooter dynamic(long size, Instant timestamp, UUID uniqueId) {
        long rounded = roundToSectors(size);
        return new VhdFooter(rounded, rounded, TYPE_DYNAMIC, timestamp, uniqueId);
    }

    public static long roundToSectors(long size) {
        return (size + SIZE - 1) / SIZE * SIZE;
    }

    public byte[] toBytes() {
        ByteBuffer b = ByteBuffer.allocate(SIZE);
        b.put(COOKIE).putInt(2).putInt(0x00010000);
        b.putLong(diskType == TYPE_FIXED ? -1L : SIZE);
        b.putInt((int) (timestamp.getEpochSecond() - VHD_EPOCH));
        b.put("xwbm".getBytes(StandardCharsets.US_ASCII)).putInt(0x00010000);
        b.put("Wi2k".getBytes(StandardCharsets.US_ASCII));
        b.putLong(originalSize).putLong(currentSize).putInt(geometry(currentSize)).putInt(diskType);
        b.putInt(0);
        b.putLong(uniqueId.getMostSignificantBits()).putLong(uniqueId.getLeastSignificantBits());
        byte[] out = b.array();
        ByteBuffer.wrap(out, CHECKSUM_OFFSET, 4).putInt(checksum(out));
        return out;
    }

    /** Parses and checks a footer: cookie and checksum must be right. */
    public static VhdFooter parse(byte[] footer) {
        if (footer.length != SIZE) {
            throw new IllegalArgumentException("a VHD footer is 512 bytes, not " + footer.length);
        }
        for (int i = 0; i < COOKIE.length; i++) {
            if (footer[i] != COOKIE[i]) {
                throw new IllegalArgumentException("not a VHD footer (no conectix cookie)");
            }
        }
        ByteBuffer b = ByteBuffer.wrap(footer);
        if (b.getInt(CHECKSUM_OFFSET) != checksum(footer)) {
            throw new IllegalArgumentException("VHD footer checksum mismatch");
        }
        Instant time = Instant.ofEpochSecond(VHD_EPOCH + Integer.toUnsignedLong(b.getInt(24)));
        UUID id = new UUID(b.getLong(68), b.getLong(76));
        return new VhdFooter(b.getLong(48), b.getLong(40), b.getInt(60), time, id);
    }

    /** One's complement of the sum of all bytes except the checksum field. */
    static int checksum(byte[] footer) {
        int sum = 0;
        for (int i = 0; i < SIZE; i++) {
            if (i < CHECKSUM_OFFSET || i >= CHECKSUM_OFFSET + 4) {
                sum += footer[i] & 0xFF;
            }
        }
        return ~sum;
    }

    /** Cylinders (16 bits), heads (8), sectors per track (8), by the specification's algorithm. */
    static int geometry(long size) {
        long total = Math.min(size / SIZE, 65535L * 16 * 255);
        long spt;
        long heads;
        long cth;
        if (total >= 65535L * 16 * 63) {
            spt = 255;
            heads = 16;
            cth = total / spt;
        } else {
            spt = 17;
            cth = total / spt;
            heads = Math.max(4, (cth + 1023) / 1024);
            if (cth >= heads * 1024 || heads > 16) {
                spt = 31;
                heads = 16;
                cth = total / spt;
            }
            if (cth >= heads * 1024) {
                spt = 63;
                heads = 16;
                cth = total / spt;
            }
        }
        long cylinders = cth / heads;
        return (int) ((cylinders & 0xFFFF) << 16 | (heads & 0xFF) << 8 | (spt & 0xFF));
    }
}
