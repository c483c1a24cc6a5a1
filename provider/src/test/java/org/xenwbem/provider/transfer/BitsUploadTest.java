package org.xenwbem.provider.transfer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** BITS upload ([MS-BPAU]) against the endpoint, with a client written here: sessions, fragments, resume. */
class BitsUploadTest {
    private static final int FRAGMENT = 1 << 20;
    @TempDir
    static Path dir;
    private static TransferFixture fx;

    @BeforeAll
    static void start() throws Exception {
        fx = new TransferFixture(dir);
    }

    @AfterAll
    static void stop() throws Exception {
        fx.close();
    }

    private static Map<String, String> bits(String type, String session) {
        return BitsClient.bits(type, session);
    }

    private static String createSession(RawHttps c, String path) throws Exception {
        return BitsClient.createSession(c, path);
    }

    private static RawHttps.Reply fragment(RawHttps c, String path, String session, byte[] all, int from, int to,
                                           int dropAfter) throws Exception {
        return BitsClient.fragment(c, path, session, all, from, to, dropAfter);
    }

    private static byte[] sha256(byte[] b) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(b);
    }

    private static void upload(RawHttps c, String path, byte[] data) throws Exception {
        BitsClient.upload(c, path, data);
    }

    @Test
    void aRawUploadWithADroppedConnectionResumesAndEndsBitIdentical() throws Exception {
        String vdi = fx.newVdi(TransferFixture.SIZE);
        TransferRegistry.Grant g = fx.service.registry().open(fx.userSession("root"), vdi, TransferFixture.SIZE, false,
                Duration.ofMinutes(5));
        byte[] data = TransferFixture.content(1);
        upload(fx.client(g), "/transfer/" + g.handle(), data);
        assertArrayEquals(sha256(data), sha256(fx.read(vdi)));
    }

    @Test
    void aVhdUploadToTheVhdUrlWritesTheDisk() throws Exception {
        String vdi = fx.newVdi(TransferFixture.SIZE);
        TransferRegistry.Grant g = fx.service.registry().open(fx.userSession("root"), vdi, TransferFixture.SIZE, false,
                Duration.ofMinutes(5));
        byte[] data = TransferFixture.content(2);
        upload(fx.client(g), "/transfer/" + g.handle() + ".vhd", TransferEndpointTest.vhdOf(data));
        assertArrayEquals(sha256(data), sha256(fx.read(vdi)));
    }

    @Test
    void gapsUnknownSessionsProtocolsAndReadOnlyConnectionsAreBitsErrors() throws Exception {
        String vdi = fx.newVdi(TransferFixture.SIZE);
        TransferRegistry.Grant g = fx.service.registry().open(fx.userSession("root"), vdi, TransferFixture.SIZE, false,
                Duration.ofMinutes(5));
        RawHttps c = fx.client(g);
        String path = "/transfer/" + g.handle();
        Map<String, String> wrong = bits("Create-Session", null);
        wrong.put("BITS-Supported-Protocols", "{00000000-0000-0000-0000-000000000000}");
        RawHttps.Reply r = c.send("BITS_POST", path, wrong, new byte[0]);
        assertEquals(400, r.status());
        assertEquals(BitsUploads.BG_E_PROTOCOL_MISMATCH, r.header("BITS-Error-Code"));
        assertEquals("0x5", r.header("BITS-Error-Context"));
        String session = createSession(c, path);
        byte[] data = TransferFixture.content(3);
        RawHttps.Reply gap = fragment(c, path, session, data, 4096, 8192, -1);
        assertEquals(416, gap.status());
        assertEquals("0", gap.header("BITS-Received-Content-Range"));
        assertEquals(500, fragment(c, path, "{not-the-session}", data, 0, 10, -1).status());
        Map<String, String> big = bits("Fragment", session);
        big.put("Content-Range", "bytes 0-9/100000000000000000");
        RawHttps.Reply tooBig = c.send("BITS_POST", path, big, new byte[10]);
        assertEquals(BitsUploads.BG_E_TOO_LARGE, tooBig.header("BITS-Error-Code"));
        big.put("Content-Range", "bytes 0-9/" + Long.MAX_VALUE + "0");
        assertEquals(BitsUploads.E_INVALIDARG, c.send("BITS_POST", path, big, new byte[10]).header("BITS-Error-Code"));
        assertEquals(200, c.send("BITS_POST", path, bits("Cancel-Session", session), new byte[0]).status());
        RawHttps.Reply gone = fragment(c, path, session, data, 0, 10, -1);
        assertEquals(500, gone.status());
        assertEquals(BitsUploads.BG_E_SESSION_NOT_FOUND, gone.header("BITS-Error-Code"));
        TransferRegistry.Grant ro = fx.service.registry().open(fx.userSession("root"), vdi, TransferFixture.SIZE, true,
                Duration.ofMinutes(5));
        Map<String, String> h = bits("Create-Session", null);
        h.put("BITS-Supported-Protocols", BitsUploads.PROTOCOL);
        RawHttps.Reply denied = fx.client(ro).send("BITS_POST", "/transfer/" + ro.handle(), h, new byte[0]);
        assertEquals(403, denied.status());
        assertEquals(BitsUploads.E_ACCESSDENIED, denied.header("BITS-Error-Code"));
        assertTrue(Arrays.equals(new byte[TransferFixture.SIZE], fx.read(vdi)), "nothing was written");
    }
}
