package org.xenwbem.provider.diskcli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The bar on a terminal, one line per tenth of the way otherwise. */
class ProgressTest {
    private static String run(boolean tty, long from) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        Progress p = new Progress(new PrintStream(b, true, StandardCharsets.UTF_8), tty, "export");
        p.start(100L << 20, from);
        for (long at = from; at <= 100L << 20; at += 1 << 20) {
            p.moved(at);
        }
        p.done();
        return b.toString(StandardCharsets.UTF_8);
    }

    @Test
    void plainLinesAtEachTenthForLogs() {
        String out = run(false, 0);
        assertEquals(11, out.lines().count(), out);
        assertTrue(out.startsWith("export: 0% (0.0 MiB of 100.0 MiB, "), out);
        assertTrue(out.contains("export: 50% (50.0 MiB of 100.0 MiB, "), out);
        assertTrue(out.lines().allMatch(l -> l.endsWith(" MiB/s)")), out);
        assertTrue(!out.contains("\r"));
        assertTrue(run(false, 40L << 20).startsWith("export: resuming at 40.0 MiB of 100.0 MiB\nexport: 40% "));
    }

    @Test
    void aBarRedrawnInPlaceOnATerminal() {
        String out = run(true, 0);
        assertTrue(out.startsWith("\rexport [" + " ".repeat(30) + "]   0% 0.0 MiB of 100.0 MiB "), out);
        assertTrue(out.contains("\rexport [" + "#".repeat(30) + "] 100% 100.0 MiB of 100.0 MiB "), out);
        assertTrue(out.endsWith("MiB/s\n"), out);
    }
}
