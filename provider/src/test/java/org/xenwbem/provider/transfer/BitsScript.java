package org.xenwbem.provider.transfer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpFields;

/**
 * A fuzz input read as a BITS client's conversation with the transfer endpoint, for
 * {@link BitsSessionFuzzTest}: text (ISO-8859-1, so every byte is a character, as HTTP header octets
 * are), one {@code BITS_POST} per block of lines, blocks separated by an empty line. Each line
 * {@code Name: value} is a request header, sent in the order written, duplicates included. Lines
 * starting with {@code #} steer the harness: {@code #vhd} uploads to the {@code .vhd} URL,
 * {@code #ro} makes the connection read-only, {@code #short N} cuts the packet's body N bytes short
 * of its Content-Length (the client's connection dropped). In values, {@code $session} stands for the
 * last BITS-Session-Id the server answered and {@code $received} for its last
 * BITS-Received-Content-Range, which a fuzzer could not guess.
 */
final class BitsScript {
    /** At most this many packets per input, so one input stays short. */
    static final int MAX_PACKETS = 48;
    private static final Pattern FIRST_BYTE = Pattern.compile("bytes (\\d{1,18})-.*", Pattern.DOTALL);

    /** One request: its headers, in order, and how many bytes its body lacks. */
    record Packet(List<String[]> headers, long shortBy) {
        /** The headers with the placeholders filled in. */
        HttpFields fields(String session, String received) {
            HttpFields.Mutable f = HttpFields.build();
            for (String[] h : headers) {
                f.add(h[0], h[1].replace("$session", session).replace("$received", received));
            }
            return f;
        }
    }

    final boolean vhd;
    final boolean readOnly;
    final List<Packet> packets;

    private BitsScript(boolean vhd, boolean readOnly, List<Packet> packets) {
        this.vhd = vhd;
        this.readOnly = readOnly;
        this.packets = packets;
    }

    static BitsScript parse(byte[] input) {
        boolean vhd = false;
        boolean readOnly = false;
        List<Packet> packets = new ArrayList<>();
        List<String[]> headers = new ArrayList<>();
        long shortBy = 0;
        for (String line : new String(input, StandardCharsets.ISO_8859_1).split("\n", -1)) {
            line = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
            if (line.isEmpty()) {
                if (!headers.isEmpty() && packets.size() < MAX_PACKETS) {
                    packets.add(new Packet(headers, shortBy));
                }
                headers = new ArrayList<>();
                shortBy = 0;
            } else if (line.equals("#vhd")) {
                vhd = true;
            } else if (line.equals("#ro")) {
                readOnly = true;
            } else if (line.startsWith("#short ")) {
                shortBy = number(line.substring(7).strip(), 0);
            } else if (line.indexOf(':') > 0) {
                int colon = line.indexOf(':');
                headers.add(new String[] {line.substring(0, colon), line.substring(colon + 1).stripLeading()});
            }
        }
        if (!headers.isEmpty() && packets.size() < MAX_PACKETS) {
            packets.add(new Packet(headers, shortBy));
        }
        return new BitsScript(vhd, readOnly, packets);
    }

    /** The Content-Length Jetty would report: the first such header if it is a plain number, else -1 (none). */
    static long length(HttpFields h) {
        String v = h.get("Content-Length");
        return v == null ? -1 : number(v.strip(), -1);
    }

    /**
     * The first byte a fragment claims to carry, as the harness reads Content-Range on its own (the
     * body is filled with the content of those offsets); 0 when it names none.
     */
    static long firstByte(HttpFields h) {
        String v = h.get("Content-Range");
        Matcher m = v == null ? null : FIRST_BYTE.matcher(v.strip());
        return m != null && m.matches() ? Long.parseLong(m.group(1)) : 0;
    }

    /** The byte every upload carries at {@code offset}: a hash, so a byte written elsewhere shows. */
    static byte content(long offset) {
        return (byte) ((offset * 0x9E3779B97F4A7C15L) >>> 56);
    }

    private static long number(String s, long otherwise) {
        return s.matches("\\d{1,18}") ? Long.parseLong(s) : otherwise;
    }
}
