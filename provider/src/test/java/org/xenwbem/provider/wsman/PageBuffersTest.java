package org.xenwbem.provider.wsman;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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
        PageBuffers pool = new PageBuffers(2, 1 << 20, Duration.ZERO);
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
    void bytesOfLargePagesAreReusedAtOneSizeAndSmallOrHugeOnesAreNotKept() {
        PageBuffers pool = new PageBuffers(2, 256 * 1024, Duration.ZERO);
        PageBuffers.Bytes a = pool.takeBytes(70_000);
        assertTrue(a.pooled());
        assertEquals(256 * 1024, a.array().length, "a page of a quarter or more gets the pool's size");
        pool.giveBytes(a.array());
        assertSame(a.array(), pool.takeBytes(250_000).array(), "the pooled array is lent again");
        pool.giveBytes(a.array());
        assertSame(a.array(), pool.takeBytes(1_000).array(), "to a small page too");
        PageBuffers.Bytes small = pool.takeBytes(1_000);
        assertFalse(small.pooled(), "none free: a small page gets its own size");
        assertEquals(1_000, small.array().length);
        PageBuffers.Bytes huge = pool.takeBytes(300_000);
        assertFalse(huge.pooled(), "beyond the limit: an array of its own, not kept");
        assertEquals(300_000, huge.array().length);
        pool.giveBytes(huge.array());
        pool.giveBytes(small.array());
        assertEquals(0, pool.pooled()[1], "arrays of other sizes are not kept");
        for (int i = 0; i < 5; i++) {
            pool.giveBytes(new byte[256 * 1024]);
        }
        assertEquals(2, pool.pooled()[1], "at most maxPooled arrays wait");
    }

    @Test
    void characterBuffersComeBackEmptyAtOneSizeAndWideOrGrownOnesAreDropped() {
        PageBuffers pool = new PageBuffers(2, 1024, Duration.ZERO);
        StringBuilder sb = pool.take(300);
        assertEquals(1024, sb.capacity(), "a page of a quarter or more gets the pool's size");
        sb.append("left over");
        pool.give(sb, true);
        StringBuilder again = pool.take(50);
        assertSame(sb, again);
        assertEquals(0, again.length(), "nothing of the last page is left");
        pool.give(again, false);
        assertNotSame(sb, pool.take(300), "a buffer that held wide characters is not kept");
        StringBuilder grown = pool.take(1000);
        grown.append("x".repeat(2000));
        pool.give(grown, true);
        pool.give(pool.take(10), true);
        assertEquals(0, pool.pooled()[0], "nor one that grew, nor a small one of its own size");
    }

    @Test
    void onceAllPoolSizedBuffersAreLentAPageGetsItsOwnSize() {
        PageBuffers pool = new PageBuffers(2, 256 * 1024, Duration.ZERO);
        assertTrue(pool.takeBytes(100_000).pooled());
        assertTrue(pool.takeBytes(100_000).pooled());
        PageBuffers.Bytes third = pool.takeBytes(100_000);
        assertFalse(third.pooled(), "two exist and both are lent: no third pool-sized array");
        assertEquals(100_000, third.array().length);
        assertEquals(256 * 1024, pool.take(100_000).capacity());
        assertEquals(256 * 1024, pool.take(100_000).capacity());
        assertEquals(100_000, pool.take(100_000).capacity(), "nor a third pool-sized character buffer");
    }

    @Test
    void withEveryPooledBufferLentALargePageWaitsForOneAndThenMakesItsOwn() throws Exception {
        PageBuffers pool = new PageBuffers(2, 4096, Duration.ofSeconds(30));
        StringBuilder a = pool.take(4000);
        StringBuilder b = pool.take(4000);
        CompletableFuture<StringBuilder> waiting = CompletableFuture.supplyAsync(() -> pool.take(4000));
        Thread.sleep(200);
        assertFalse(waiting.isDone(), "both are lent: the third page waits");
        assertEquals(100, assertTimeoutPreemptively(Duration.ofSeconds(5), () -> pool.take(100)).capacity(),
                "a small page does not wait");
        assertEquals(500, assertTimeoutPreemptively(Duration.ofSeconds(5), () -> pool.take(500, true)).capacity(),
                "nor one that may fill its envelope but guessed small: it gets its guess");
        pool.give(a, true);
        assertSame(a, waiting.get(10, TimeUnit.SECONDS), "it gets the one given back, no new one");
        pool.give(b, false);
        assertEquals(4096, pool.take(4000).capacity(), "a dropped buffer may be made again at once");

        PageBuffers brief = new PageBuffers(1, 4096, Duration.ofMillis(100));
        StringBuilder only = brief.take(4000);
        long t0 = System.nanoTime();
        StringBuilder own = brief.take(3000);
        assertTrue(System.nanoTime() - t0 >= TimeUnit.MILLISECONDS.toNanos(90), "it waited its time");
        assertEquals(3000, own.capacity(), "then a buffer of its own size");
        assertNotSame(only, own);
    }

    @Test
    void aFirstPageThatMayFillItsEnvelopeTakesAPooledBufferWhenOneIsFree() {
        PageBuffers pool = new PageBuffers(1, 4096, Duration.ofSeconds(30));
        StringBuilder sb = pool.take(300, true);
        assertEquals(4096, sb.capacity(), "made at the pool's size: it will not double its way up");
        assertEquals(300, assertTimeoutPreemptively(Duration.ofSeconds(5), () -> pool.take(300, true)).capacity(),
                "the only one is lent: its own guess, without waiting");
        pool.give(sb, true);
        assertSame(sb, pool.take(300, true));
    }

    @Test
    void aWideItemTakenBackIsRemembered() {
        org.xenwbem.cim.xml.XmlWriter w = new org.xenwbem.cim.xml.XmlWriter(new StringBuilder(), true);
        w.start("a").text("caf\u00e9");
        int mark = w.mark();
        w.text("latin only").truncate(mark);
        assertFalse(w.cutWide(), "only Latin-1 was taken back");
        w.text("\u65e5\u672c").truncate(mark);
        assertTrue(w.cutWide(), "the buffer held a wide character, though what is left does not");
    }
}
