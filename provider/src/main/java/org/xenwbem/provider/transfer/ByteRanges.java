package org.xenwbem.provider.transfer;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The client's byte ranges, parsed strictly (RFC 9110 §14): decimal digits only, at most 18 of them
 * (no sign, no overflow), first ≤ last, inside the resource. Anything else is a 4xx, never an
 * arithmetic surprise.
 */
final class ByteRanges {
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d{0,18})-(\\d{0,18})");
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d{1,18})-(\\d{1,18})/(\\d{1,18}|\\*)");

    /** A half-open byte range {@code [from, to)}. */
    record Span(long from, long to) {
        long length() {
            return to - from;
        }
    }

    /** {@code Content-Range} of an upload request: first, last and total (-1 for "*"). */
    record Upload(long first, long last, long total) {
    }

    private ByteRanges() {
    }

    /**
     * The span a {@code Range} header asks of a {@code size}-byte resource; null when it asks for the
     * whole (no header, or several ranges, which RFC 9110 lets a server ignore).
     */
    static Span range(String header, long size) throws TransferException {
        if (header == null || header.contains(",")) {
            return null;
        }
        Matcher m = RANGE.matcher(header.strip());
        if (!m.matches() || m.group(1).isEmpty() && m.group(2).isEmpty()) {
            throw new TransferException(416, "unparseable Range header");
        }
        long from;
        long to;
        if (m.group(1).isEmpty()) {
            long suffix = Long.parseLong(m.group(2));
            from = Math.max(0, size - suffix);
            to = size;
        } else {
            from = Long.parseLong(m.group(1));
            to = m.group(2).isEmpty() ? size : Math.min(size, Long.parseLong(m.group(2)) + 1);
            if (!m.group(2).isEmpty() && Long.parseLong(m.group(2)) < from) {
                throw new TransferException(416, "Range ends before it starts");
            }
        }
        if (from >= size || from >= to) {
            throw new TransferException(416, "Range outside the " + size + " bytes of the disk");
        }
        return new Span(from, to);
    }

    /** The {@code Content-Range} of an upload; null when absent. The bytes must fit in {@code limit}. */
    static Upload contentRange(String header, long limit) throws TransferException {
        if (header == null) {
            return null;
        }
        Matcher m = CONTENT_RANGE.matcher(header.strip());
        if (!m.matches()) {
            throw new TransferException(400, "unparseable Content-Range header (expected bytes first-last/total)");
        }
        long first = Long.parseLong(m.group(1));
        long last = Long.parseLong(m.group(2));
        long total = "*".equals(m.group(3)) ? -1 : Long.parseLong(m.group(3));
        if (last < first || total >= 0 && last >= total) {
            throw new TransferException(416, "Content-Range " + first + "-" + last + "/" + m.group(3) + " is not a range");
        }
        if (last >= limit || total > limit) {
            throw new TransferException(416, "Content-Range reaches byte " + Math.max(last, total - 1)
                    + ", beyond the " + limit + " bytes this disk takes");
        }
        return new Upload(first, last, total);
    }
}
