package org.xenwbem.tests;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * What a large CIM-XML answer held, read as it arrives without keeping it: its size, how many
 * instances ({@code <VALUE.NAMEDINSTANCE>}) and its first and last characters. Public for the bench.
 */
public record CimXmlTally(long bytes, long instances, String head, String tail) {
    private static final byte[] NEEDLE = "<VALUE.NAMEDINSTANCE>".getBytes(StandardCharsets.US_ASCII);

    public static CimXmlTally of(InputStream in) throws IOException {
        byte[] buf = new byte[64 * 1024];
        byte[] head = new byte[2048];
        byte[] tail = new byte[512];
        long total = 0;
        long found = 0;
        int matched = 0;
        try (in) {
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                for (int i = 0; i < n; i++) {
                    byte b = buf[i];
                    if (total + i < head.length) {
                        head[(int) (total + i)] = b;
                    }
                    tail[(int) ((total + i) % tail.length)] = b;
                    matched = b == NEEDLE[matched] ? matched + 1 : b == NEEDLE[0] ? 1 : 0;
                    if (matched == NEEDLE.length) {
                        found++;
                        matched = 0;
                    }
                }
                total += n;
            }
        }
        return new CimXmlTally(total, found, new String(head, 0, (int) Math.min(total, head.length), StandardCharsets.UTF_8),
                lastBytes(tail, total));
    }

    private static String lastBytes(byte[] ring, long total) {
        int n = (int) Math.min(total, ring.length);
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            out[i] = ring[(int) ((total - n + i) % ring.length)];
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    /** A whole, well-ended answer (an answer cut off part-way does not end so). */
    public boolean complete() {
        return tail.endsWith("</CIM>");
    }
}
