package org.xenwbem.provider.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** A BITS upload client ([MS-BPAU]) for the tests: sessions, fragments, a dropped connection and resume. */
public final class BitsClient {
    static final int FRAGMENT = 1 << 20;

    private BitsClient() {
    }

    public static Map<String, String> bits(String type, String session) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("BITS-Packet-Type", type);
        if (session != null) {
            h.put("BITS-Session-Id", session);
        }
        return h;
    }

    public static String createSession(RawHttps c, String path) throws Exception {
        Map<String, String> h = bits("Create-Session", null);
        h.put("BITS-Supported-Protocols", BitsUploads.PROTOCOL);
        RawHttps.Reply r = c.send("BITS_POST", path, h, new byte[0]);
        assertEquals(200, r.status());
        assertEquals("Ack", r.header("BITS-Packet-Type"));
        assertEquals(BitsUploads.PROTOCOL, r.header("BITS-Protocol"));
        assertNotNull(r.header("BITS-Session-Id"));
        return r.header("BITS-Session-Id");
    }

    public static RawHttps.Reply fragment(RawHttps c, String path, String session, byte[] all, int from, int to,
                                           int dropAfter) throws Exception {
        Map<String, String> h = bits("Fragment", session);
        h.put("Content-Range", "bytes " + from + "-" + (to - 1) + "/" + all.length);
        return c.send("BITS_POST", path, h, Arrays.copyOfRange(all, from, to), dropAfter);
    }

    /** Uploads {@code data} in fragments, dropping the connection mid-way through the second one. */
    public static void upload(RawHttps c, String path, byte[] data) throws Exception {
        String session = createSession(c, path);
        assertEquals(200, c.send("BITS_POST", path, bits("Ping", session), new byte[0]).status());
        int at = 0;
        int n = 0;
        while (at < data.length) {
            int end = Math.min(data.length, at + FRAGMENT);
            if (n++ == 1) {
                fragment(c, path, session, data, at, end, 300_000);
            }
            RawHttps.Reply r = fragment(c, path, session, data, at, end, -1);
            assertEquals(200, r.status(), () -> String.valueOf(r.headers()));
            at = Integer.parseInt(r.header("BITS-Received-Content-Range"));
            assertEquals(end, at, "the resend's known bytes were skipped and the rest taken");
        }
        RawHttps.Reply close = c.send("BITS_POST", path, bits("Close-Session", session), new byte[0]);
        assertEquals(200, close.status(), () -> String.valueOf(close.headers()));
    }

}
