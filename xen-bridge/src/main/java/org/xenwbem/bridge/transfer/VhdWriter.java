package org.xenwbem.bridge.transfer;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Objects;
import java.util.UUID;

/**
 * Streams a dynamic VHD (VHD specification 1.0) made from a raw disk: footer copy at 0, dynamic
 * header at 512, BAT at 1536, then for each allocated 2 MiB block (one holding a non-zero byte) its
 * sector bitmap (all ones) and data, then the footer. {@link #scan()} reads the source once to find
 * the allocated blocks, {@link #writeTo} reads them again; memory is the BAT's bit set plus one block
 * buffer, whatever the disk size. A disk whose size is not a multiple of 2 MiB has its last block
 * padded with zeros; the footer's current size is the disk's size rounded up to whole sectors.
 */
public final class VhdWriter {
    /** Random-access reads of the raw disk. */
    @FunctionalInterface
    public interface Source {
        /** Fills {@code buf[0..len)} with the disk's bytes at {@code offset}; bytes past the end read as zeros. */
        void read(long offset, byte[] buf, int len) throws IOException;
    }

    private static final int BLOCK = VhdDynamicHeader.DEFAULT_BLOCK_SIZE;
    private static final byte[] ZEROS = new byte[64 << 10];
    private static final long TABLE_OFFSET = VhdFooter.SIZE + VhdDynamicHeader.SIZE;

    private final Source source;
    private final long size;
    private final VhdFooter footer;
    private final VhdDynamicHeader header;
    private final byte[] buf = new byte[BLOCK];
    private BitSet allocated;

    public VhdWriter(Source source, long size, Instant timestamp, UUID uniqueId) {
        this.source = Objects.requireNonNull(source, "source");
        if (size <= 0 || size > VhdReader.MAX_SIZE) {
            throw new IllegalArgumentException("a VHD holds 1 byte to 2040 GiB, not " + size);
        }
        this.size = size;
        this.footer = VhdFooter.dynamic(size, timestamp, uniqueId);
        this.header = new VhdDynamicHeader(TABLE_OFFSET, (int) ((footer.currentSize() + BLOCK - 1) / BLOCK), BLOCK);
    }

    /** A writer that reuses an earlier {@link #scan()}'s result (same source content, same bytes out). */
    public static VhdWriter scanned(Source source, long size, Instant timestamp, UUID uniqueId, BitSet allocation) {
        VhdWriter w = new VhdWriter(source, size, timestamp, uniqueId);
        w.allocated = (BitSet) allocation.clone();
        return w;
    }

    /** The allocated blocks found by {@link #scan()} (a copy). */
    public BitSet allocation() {
        return (BitSet) scanned().clone();
    }

    /** Reads the whole source once and records which blocks hold data. */
    public void scan() throws IOException {
        BitSet found = new BitSet(header.maxTableEntries());
        for (int i = 0; i < header.maxTableEntries(); i++) {
            if (!isZero(readBlock(i))) {
                found.set(i);
            }
        }
        allocated = found;
    }

    /** The number of blocks that hold data (after {@link #scan()}). */
    public int allocatedBlocks() {
        return scanned().cardinality();
    }

    /** The exact length of the stream {@link #writeTo} produces (after {@link #scan()}). */
    public long length() {
        return firstBlockOffset() + (long) allocatedBlocks() * (header.bitmapBytes() + BLOCK) + VhdFooter.SIZE;
    }

    /** Writes the VHD; blocks are re-read, so the source must not change between scan and write. */
    public void writeTo(OutputStream out) throws IOException {
        writeRange(out, 0, length());
    }

    /**
     * Writes bytes {@code [from, to)} of the VHD, reading only the blocks that overlap them, in
     * ascending order (so a sequential source is read once, forward). The same scan gives the same
     * bytes for every range: a download may be resumed or fetched in pieces.
     */
    public void writeRange(OutputStream out, long from, long to) throws IOException {
        long total = length();
        if (from < 0 || to > total || from > to) {
            throw new IllegalArgumentException("range [" + from + ", " + to + ") outside the VHD's " + total + " bytes");
        }
        BitSet blocks = scanned();
        long meta = firstBlockOffset();
        if (from < meta) {
            byte[] head = head(blocks);
            out.write(head, (int) from, (int) (Math.min(to, meta) - from));
        }
        long span = header.bitmapBytes() + (long) BLOCK;
        byte[] bitmap = new byte[header.bitmapBytes()];
        Arrays.fill(bitmap, 0, Math.min(bitmap.length, BLOCK / VhdFooter.SIZE / 8), (byte) 0xFF);
        long at = meta;
        for (int i = blocks.nextSetBit(0); i >= 0 && at < to; i = blocks.nextSetBit(i + 1), at += span) {
            if (at + span > from) {
                copyPart(out, bitmap, at, from, to);
                copyPart(out, readBlock(i), at + bitmap.length, from, to);
            }
        }
        copyPart(out, footer.toBytes(), total - VhdFooter.SIZE, from, to);
    }

    /** Writes the part of {@code piece} (which sits at {@code at} in the VHD) that lies in {@code [from, to)}. */
    private static void copyPart(OutputStream out, byte[] piece, long at, long from, long to) throws IOException {
        long start = Math.max(at, from);
        long end = Math.min(at + piece.length, to);
        if (start < end) {
            out.write(piece, (int) (start - at), (int) (end - start));
        }
    }

    private byte[] head(BitSet blocks) {
        byte[] t = table(blocks);
        byte[] head = new byte[(int) firstBlockOffset()];
        System.arraycopy(footer.toBytes(), 0, head, 0, VhdFooter.SIZE);
        System.arraycopy(header.toBytes(), 0, head, VhdFooter.SIZE, VhdDynamicHeader.SIZE);
        System.arraycopy(t, 0, head, (int) TABLE_OFFSET, t.length);
        return head;
    }

    private byte[] table(BitSet blocks) {
        ByteBuffer t = ByteBuffer.allocate((int) header.tableBytes());
        long sector = firstBlockOffset() / VhdFooter.SIZE;
        long perBlock = (header.bitmapBytes() + BLOCK) / VhdFooter.SIZE;
        for (int i = 0; i < header.maxTableEntries(); i++) {
            t.putInt(blocks.get(i) ? (int) sector : -1);
            sector += blocks.get(i) ? perBlock : 0;
        }
        while (t.hasRemaining()) {
            t.put((byte) 0xFF);
        }
        return t.array();
    }

    private long firstBlockOffset() {
        return TABLE_OFFSET + header.tableBytes();
    }

    private byte[] readBlock(int i) throws IOException {
        long offset = (long) i * BLOCK;
        int len = (int) Math.min(BLOCK, size - offset);
        source.read(offset, buf, len);
        Arrays.fill(buf, len, BLOCK, (byte) 0);
        return buf;
    }

    private BitSet scanned() {
        if (allocated == null) {
            throw new IllegalStateException("scan() first");
        }
        return allocated;
    }

    static boolean isZero(byte[] b) {
        return isZero(b, 0, b.length);
    }

    /** True when {@code b[off..off+len)} is all zeros (a vectorised compare against {@link #ZEROS}, slice by slice). */
    static boolean isZero(byte[] b, int off, int len) {
        for (int at = off, end = off + len; at < end; at += ZEROS.length) {
            int n = Math.min(ZEROS.length, end - at);
            if (Arrays.mismatch(b, at, at + n, ZEROS, 0, n) >= 0) {
                return false;
            }
        }
        return true;
    }
}
