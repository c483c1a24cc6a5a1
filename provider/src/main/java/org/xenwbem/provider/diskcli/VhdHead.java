package org.xenwbem.provider.diskcli;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The head of a dynamic VHD as the transfer endpoint makes it (VHD specification: a copy of the
 * footer, 512 bytes, then the dynamic header, 1024 bytes, whose table offset and entry count place
 * the block allocation table): what a resumed download fetches again.
 */
final class VhdHead {
    static final int FOOTER = 512;
    static final int HEADER = 1024;

    private VhdHead() {
    }

    /** Bytes from 0 to the end of the block table (sector aligned), read from the footer copy and header. */
    static long length(byte[] head) {
        if (head.length < FOOTER + HEADER) {
            return head.length;
        }
        ByteBuffer h = ByteBuffer.wrap(head, FOOTER, HEADER);
        long tableOffset = h.getLong(FOOTER + 16);
        long entries = Integer.toUnsignedLong(h.getInt(FOOTER + 28));
        long table = (entries * 4 + 511) / 512 * 512;
        return Math.max(FOOTER + HEADER, tableOffset + table);
    }

    /** The disk size a VHD file's footer (its last 512 bytes) gives: Current Size, at offset 48. */
    static long diskSize(java.nio.file.Path vhd) throws java.io.IOException, DiskCliException {
        try (java.nio.channels.FileChannel c = java.nio.channels.FileChannel.open(vhd)) {
            ByteBuffer footer = ByteBuffer.allocate(FOOTER);
            if (c.size() < FOOTER || c.read(footer, c.size() - FOOTER) != FOOTER
                    || !"conectix".equals(new String(footer.array(), 0, 8, java.nio.charset.StandardCharsets.US_ASCII))) {
                throw new DiskCliException(vhd + " is not a VHD (no footer); use --format raw for a raw image");
            }
            return footer.getLong(48);
        }
    }

    /** True when both heads place the same blocks (their headers and tables are equal; the footers may differ). */
    static boolean sameTable(byte[] file, byte[] fresh) {
        if (file.length != fresh.length) {
            return false;
        }
        return fresh.length <= FOOTER || Arrays.equals(file, FOOTER, file.length, fresh, FOOTER, fresh.length);
    }
}
