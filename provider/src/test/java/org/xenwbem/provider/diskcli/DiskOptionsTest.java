package org.xenwbem.provider.diskcli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The disk command's command line (a contract: names and defaults) and the VHD head a resume re-fetches. */
class DiskOptionsTest {
    private static List<String> args(String... more) {
        List<String> a = new ArrayList<>(List.of(more));
        a.addAll(List.of("--url", "https://h:5989", "--password-file", "/pw", "--disk", "d"));
        return a;
    }

    @Test
    void formatFollowsTheFileUnlessGivenAndTheUrlGetsWsman() {
        DiskOptions o = DiskOptions.parse(args("export", "--out", "/x/disk.VHD"));
        assertEquals(DiskOptions.Action.EXPORT, o.action);
        assertEquals("vhd", o.format);
        assertEquals("https://h:5989/wsman", o.url.toString());
        assertEquals("root", o.user);
        assertFalse(o.resume);
        assertEquals("raw", DiskOptions.parse(args("import", "--in", "/x/disk.img")).format);
        DiskOptions r = DiskOptions.parse(args("export", "--out", "/x/d.img", "--format", "VHD", "--resume",
                "--trusted-fingerprint", "AA,BB", "--user", "u", "--timeout", "5"));
        assertEquals("vhd", r.format);
        assertTrue(r.resume);
        assertEquals(List.of("AA", "BB"), r.pins);
        assertEquals("u", r.user);
        assertEquals(5, r.timeoutSeconds);
    }

    @Test
    void mistakesAreUsageErrorsWithAMessage() {
        for (List<String> bad : List.<List<String>>of(List.of(), List.of("copy"), args("export"), args("export", "--in", "/f"),
                args("import", "--out", "/f"), args("export", "--out", "/f", "--format", "qcow2"),
                args("export", "--out", "/f", "--bogus", "1"), args("export", "--out", "/f", "--url", "http://h/"),
                args("export", "--out", "/f", "--timeout", "0"))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DiskOptions.parse(bad),
                    bad::toString);
            assertFalse(e.getMessage().isBlank());
        }
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(2, DiskCommand.cli(List.of("export"), System.out, new PrintStream(err, true, StandardCharsets.UTF_8)));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("xenwbem disk: "), err::toString);
    }

    @Test
    void theVhdHeadEndsAfterTheBlockTableAndOnlyTheFooterMayDiffer() {
        byte[] head = new byte[VhdHead.FOOTER + VhdHead.HEADER];
        ByteBuffer b = ByteBuffer.wrap(head);
        b.putLong(VhdHead.FOOTER + 16, 1536);
        b.putInt(VhdHead.FOOTER + 28, 200);
        assertEquals(1536 + 1024, VhdHead.length(head), "200 entries of 4 bytes, sector aligned");
        assertEquals(100, VhdHead.length(new byte[100]), "a short head is all there is");
        byte[] other = head.clone();
        other[3] = 9;
        assertTrue(VhdHead.sameTable(head, other), "a footer of another connection");
        other[VhdHead.FOOTER + 40] = 1;
        assertFalse(VhdHead.sameTable(head, other));
        assertFalse(VhdHead.sameTable(head, new byte[10]));
    }
}
