package org.xenwbem.bridge.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads a fixed or dynamic VHD from a stream, in one pass and bounded memory, and hands the disk's
 * non-zero data to a {@link Sink} at its virtual offsets; unallocated blocks and zero chunks are not
 * written, so the sink must start zeroed. Everything is checked before it is trusted: footer and
 * dynamic header cookies and checksums, the claimed size (at most {@code maxSize}, the target disk's
 * size, and the format's 2040 GiB), block size, BAT entries (inside the file, past the headers, not
 * overlapping), and the footer at the end. A violation is a {@link VhdFormatException} naming the
 * field and value; data written before it is the caller's to discard. Differencing VHDs are refused.
 */
public final class VhdReader {
    /** The largest disk a VHD can describe (VHD specification: 2040 GiB). */
    public static final long MAX_SIZE = 2040L << 30;
    /** The most BAT entries we hold (16 MiB of table). */
    static final int MAX_ENTRIES = 1 << 22;
    private static final int CHUNK = 1 << 20;
    private static final int SECTOR = VhdFooter.SIZE;
    private static final byte[] COOKIE = "conectix".getBytes(StandardCharsets.US_ASCII);

    /** Receives the disk's data. */
    @FunctionalInterface
    public interface Sink {
        void write(long offset, byte[] buf, int off, int len) throws IOException;
    }

    private final long maxSize;
    private final Sink sink;
    private final byte[] chunk = new byte[CHUNK];
    private InputStream in;
    private long pos;
    private long streamLength;

    /** A reader for a disk of at most {@code maxSize} bytes. */
    public VhdReader(long maxSize, Sink sink) {
        this.maxSize = Math.min(maxSize, MAX_SIZE);
        this.sink = sink;
    }

    /**
     * Reads the whole stream; {@code streamLength} is its length when known (Content-Length), else -1.
     * Returns the footer (its current size is the disk size the VHD describes).
     */
    public VhdFooter read(InputStream stream, long streamLength) throws IOException {
        this.in = stream;
        this.pos = 0;
        this.streamLength = streamLength;
        if (streamLength >= 0 && streamLength < SECTOR) {
            throw new VhdFormatException("a VHD is at least 512 bytes, not " + streamLength);
        }
        byte[] first = new byte[SECTOR];
        readFully(first, 0, SECTOR, "the first sector");
        if (!startsWithCookie(first) || ByteBuffer.wrap(first).getInt(60) == VhdFooter.TYPE_FIXED) {
            return readFixed(first);
        }
        return readDynamic(footer(first, "footer copy at offset 0"), ByteBuffer.wrap(first).getLong(16));
    }

    private VhdFooter readFixed(byte[] first) throws IOException {
        if (streamLength > maxSize + SECTOR) {
            throw new VhdFormatException("fixed VHD of " + (streamLength - SECTOR) + " data bytes exceeds the disk's "
                    + maxSize + " bytes");
        }
        byte[] tail = first.clone();
        int tailLen = SECTOR;
        long written = 0;
        int n;
        while ((n = in.read(chunk, 0, CHUNK - SECTOR)) >= 0) {
            pos += n;
            System.arraycopy(chunk, 0, chunk, tailLen, n);
            System.arraycopy(tail, 0, chunk, 0, tailLen);
            int have = tailLen + n;
            int give = have - SECTOR;
            if (written + give > maxSize) {
                throw new VhdFormatException("fixed VHD data exceeds the disk's " + maxSize + " bytes");
            }
            emit(written, chunk, give);
            written += give;
            System.arraycopy(chunk, give, tail, 0, SECTOR);
        }
        VhdFooter f = footer(tail, "footer at the end of the fixed VHD");
        if (f.diskType() != VhdFooter.TYPE_FIXED || f.currentSize() != written) {
            throw new VhdFormatException("fixed VHD footer claims " + f.currentSize() + " bytes (type " + f.diskType()
                    + ") but holds " + written);
        }
        return f;
    }

    private VhdFooter readDynamic(VhdFooter copy, long dataOffset) throws IOException {
        if (copy.diskType() != VhdFooter.TYPE_DYNAMIC) {
            throw new VhdFormatException("VHD disk type " + copy.diskType() + " is not accepted (fixed 2 or dynamic 3)");
        }
        checkSize(copy.currentSize());
        skipTo(dataOffset, "the dynamic header (data offset " + dataOffset + ")");
        byte[] h = new byte[VhdDynamicHeader.SIZE];
        readFully(h, 0, h.length, "the dynamic header");
        VhdDynamicHeader header = VhdDynamicHeader.parse(h);
        long needed = (copy.currentSize() + header.blockSize() - 1) / header.blockSize();
        long entries = Integer.toUnsignedLong(header.maxTableEntries());
        if (entries < needed || needed > MAX_ENTRIES || entries > 2L * MAX_ENTRIES) {
            throw new VhdFormatException("VHD BAT has " + entries + " entries; a disk of " + copy.currentSize()
                    + " bytes in blocks of " + header.blockSize() + " needs " + needed + " (at most " + MAX_ENTRIES + ")");
        }
        skipTo(header.tableOffset(), "the BAT (table offset " + header.tableOffset() + ")");
        long[] blocks = table(header, (int) needed);
        readBlocks(header, blocks, copy.currentSize());
        return trailer(copy);
    }

    /**
     * Allocated entries as (sector offset << 24 | index), sorted by offset and checked. The array grows
     * with the entries actually read: a header claiming millions of entries costs nothing until the
     * stream delivers them (a 2.5 KB upload once made the reader allocate 32 MiB here).
     */
    private long[] table(VhdDynamicHeader header, int needed) throws IOException {
        long[] found = new long[Math.min(needed, 1024)];
        int count = 0;
        byte[] four = new byte[4];
        long dataStart = header.tableOffset() + header.tableBytes();
        for (int i = 0; i < needed; i++) {
            readFully(four, 0, 4, "BAT entry " + i);
            long sector = Integer.toUnsignedLong(ByteBuffer.wrap(four).getInt());
            if (sector == 0xFFFFFFFFL) {
                continue;
            }
            if (sector * SECTOR < dataStart) {
                throw new VhdFormatException("BAT entry " + i + " points at byte " + sector * SECTOR
                        + ", inside the VHD's headers and table (which end at " + dataStart + ")");
            }
            if (count == found.length) {
                found = Arrays.copyOf(found, Math.min(needed, 2 * count));
            }
            found[count++] = sector << 24 | i;
        }
        skipTo(dataStart, "the end of the BAT");
        long[] blocks = Arrays.copyOf(found, count);
        Arrays.sort(blocks);
        checkPlacement(header, blocks);
        return blocks;
    }

    private void checkPlacement(VhdDynamicHeader header, long[] blocks) throws VhdFormatException {
        long span = header.bitmapBytes() + (long) header.blockSize();
        for (int k = 0; k < blocks.length; k++) {
            long start = (blocks[k] >>> 24) * SECTOR;
            if (k > 0 && start < (blocks[k - 1] >>> 24) * SECTOR + span) {
                throw new VhdFormatException("VHD blocks " + (blocks[k - 1] & 0xFFFFFF) + " and " + (blocks[k] & 0xFFFFFF)
                        + " overlap at byte " + start);
            }
            if (streamLength >= 0 && start + span > streamLength - SECTOR) {
                throw new VhdFormatException("BAT entry " + (blocks[k] & 0xFFFFFF) + " points at byte " + start
                        + ", past the end of the VHD's data (" + (streamLength - SECTOR) + ")");
            }
        }
    }

    private void readBlocks(VhdDynamicHeader header, long[] blocks, long diskSize) throws IOException {
        byte[] bitmap = new byte[header.bitmapBytes()];
        for (long b : blocks) {
            int index = (int) (b & 0xFFFFFF);
            skipTo((b >>> 24) * SECTOR, "block " + index);
            readFully(bitmap, 0, bitmap.length, "the bitmap of block " + index);
            long virtual = (long) index * header.blockSize();
            for (int done = 0; done < header.blockSize(); done += CHUNK) {
                int len = Math.min(CHUNK, header.blockSize() - done);
                readFully(chunk, 0, len, "block " + index);
                clearAbsentSectors(bitmap, done / SECTOR, len);
                long at = virtual + done;
                if (at < diskSize) {
                    emit(at, chunk, (int) Math.min(len, diskSize - at));
                }
            }
        }
    }

    /** Sectors whose bitmap bit is clear read as zeros (VHD specification, "Sector Bitmap"). */
    private void clearAbsentSectors(byte[] bitmap, int firstSector, int len) {
        for (int s = 0; s < len / SECTOR; s++) {
            int bit = firstSector + s;
            if ((bitmap[bit >>> 3] & (0x80 >>> (bit & 7))) == 0) {
                Arrays.fill(chunk, s * SECTOR, (s + 1) * SECTOR, (byte) 0);
            }
        }
    }

    private VhdFooter trailer(VhdFooter copy) throws IOException {
        byte[] tail = new byte[SECTOR];
        int tailLen = 0;
        int n;
        while ((n = in.read(chunk, 0, CHUNK)) >= 0) {
            pos += n;
            int keep = Math.min(SECTOR, tailLen + n);
            byte[] joined = Arrays.copyOf(tail, tailLen + n);
            System.arraycopy(chunk, 0, joined, tailLen, n);
            System.arraycopy(joined, joined.length - keep, tail, 0, keep);
            tailLen = keep;
        }
        if (tailLen < SECTOR) {
            throw new VhdFormatException("dynamic VHD ends at byte " + pos + " without its footer");
        }
        VhdFooter end = footer(tail, "footer at the end of the dynamic VHD");
        if (end.currentSize() != copy.currentSize() || end.diskType() != copy.diskType()) {
            throw new VhdFormatException("VHD footer at the end (" + end.currentSize() + " bytes, type " + end.diskType()
                    + ") differs from its copy at offset 0 (" + copy.currentSize() + ", " + copy.diskType() + ")");
        }
        return end;
    }

    private void checkSize(long size) throws VhdFormatException {
        if (size <= 0 || size > maxSize) {
            throw new VhdFormatException("VHD claims a disk of " + Long.toUnsignedString(size) + " bytes; at most "
                    + maxSize + " fit");
        }
    }

    private void emit(long offset, byte[] buf, int len) throws IOException {
        for (int off = 0; off < len; off += 64 << 10) {
            int n = Math.min(64 << 10, len - off);
            if (!VhdWriter.isZero(buf, off, n)) {
                sink.write(offset + off, buf, off, n);
            }
        }
    }

    private static VhdFooter footer(byte[] b, String what) throws VhdFormatException {
        try {
            return VhdFooter.parse(b);
        } catch (IllegalArgumentException e) {
            throw new VhdFormatException(what + ": " + e.getMessage());
        }
    }

    private static boolean startsWithCookie(byte[] b) {
        return Arrays.equals(b, 0, COOKIE.length, COOKIE, 0, COOKIE.length);
    }

    private void readFully(byte[] b, int off, int len, String what) throws IOException {
        int got = in.readNBytes(b, off, len);
        pos += got;
        if (got < len) {
            throw new VhdFormatException("VHD ends at byte " + pos + " inside " + what);
        }
    }

    private void skipTo(long target, String what) throws IOException {
        if (target < pos) {
            throw new VhdFormatException(what + " lies at byte " + target + ", before the current position " + pos);
        }
        while (pos < target) {
            readFully(chunk, 0, (int) Math.min(CHUNK, target - pos), "the gap before " + what);
        }
    }
}
