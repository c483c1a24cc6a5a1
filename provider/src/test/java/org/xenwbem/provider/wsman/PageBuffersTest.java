package org.xenwbem.provider.wsman;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The pool of page buffers (issue #15 item 3) and the UTF-8 encoding that writes a page into its
 * pooled bytes: the same bytes {@code String.getBytes(UTF_8)} gives for every kind of character,
 * buffers reused within their bounds and never one that held wide characters.
 */
class PageBuffersTest {
    @Test
    void utf8OfEveryKindOfCharacterIsWhatStringGivesAndLatin1IsToldApart() {
        Random r = new Random(15);
        PageBuffers pool = new PageBuffers(2, 1 << 20);
        char[] kinds = {'a', '<', '\u00e9', '\u00ff', '\u0100', '\u20ac', '\ud83d', '\ude00', '\uffff', '\u07ff', '\u0800'};
        for (int round = 0; round < 2000; round++) {
            StringBuilder sb = new StringBuilder();
            int n = r.nextInt(40);
            for (int i = 0; i < n; i++) {
                sb.append(r.nextInt(4) == 0 ? (char) r.nextInt(0x10000) : kinds[r.nextInt(kinds.length)]);
            }
            String s = sb.toString();
            Utf8.Encoded e = Utf8.encode(sb, pool);
            assertArrayEquals(s.getBytes(StandardCharsets.UTF_8), Arrays.copyOf(e.bytes(), e.length()), s);
            assertEquals(s.chars().allMatch(c -> c <= 0xFF), e.latin1(), s);
            pool.giveBytes(e.bytes());
        }
    }

    @Test
    void bytesAreReusedRoundedUpAndNeverPooledBeyondTheLimit() {
        PageBuffers pool = new PageBuffers(2, 256 * 1024);
        PageBuffers.Bytes a = pool.takeBytes(70_000);
        assertTrue(a.pooled());
        assertEquals(128 * 1024, a.array().length, "rounded up to 64 KiB");
        pool.giveBytes(a.array());
        assertSame(a.array(), pool.takeBytes(100_000).array(), "a pooled array large enough is lent again");
        PageBuffers.Bytes huge = pool.takeBytes(300_000);
        assertFalse(huge.pooled(), "beyond the limit: an array of its own, not kept");
        assertEquals(300_000, huge.array().length);
        for (int i = 0; i < 5; i++) {
            pool.giveBytes(new byte[65536]);
        }
        assertEquals(2, pool.pooled()[1], "at most maxPooled arrays wait");
    }

    @Test
    void characterBuffersComeBackEmptyAndWideOrHugeOnesAreDropped() {
        PageBuffers pool = new PageBuffers(2, 1024);
        StringBuilder sb = pool.take(100);
        sb.append("left over");
        pool.give(sb, true);
        StringBuilder again = pool.take(50);
        assertSame(sb, again);
        assertEquals(0, again.length(), "nothing of the last page is left");
        pool.give(again, false);
        assertNotSame(sb, pool.take(10), "a buffer that held wide characters is not kept");
        StringBuilder big = new StringBuilder(4096);
        pool.give(big, true);
        assertEquals(0, pool.pooled()[0], "nor one beyond the limit");
    }
}
