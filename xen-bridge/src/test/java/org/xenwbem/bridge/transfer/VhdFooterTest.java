package org.xenwbem.bridge.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class VhdFooterTest {
    private static final Instant T = Instant.parse("2024-06-01T00:00:00Z");
    private static final UUID ID = UUID.fromString("12345678-1234-4234-8234-123456789abc");

    @Test
    void fixedFooterHasTheSpecifiedLayoutAndRoundTrips() {
        byte[] f = VhdFooter.fixed(10L << 20, T, ID).toBytes();
        assertEquals(512, f.length);
        assertEquals("conectix", new String(f, 0, 8, java.nio.charset.StandardCharsets.US_ASCII));
        ByteBuffer b = ByteBuffer.wrap(f);
        assertEquals(2, b.getInt(8), "features");
        assertEquals(0x00010000, b.getInt(12), "version");
        assertEquals(-1L, b.getLong(16), "a fixed disk has no data offset");
        assertEquals(T.getEpochSecond() - 946_684_800L, Integer.toUnsignedLong(b.getInt(24)));
        assertEquals(10L << 20, b.getLong(40));
        assertEquals(10L << 20, b.getLong(48));
        assertEquals(VhdFooter.TYPE_FIXED, b.getInt(60));
        int sum = 0;
        for (int i = 0; i < 512; i++) {
            sum += i >= 64 && i < 68 ? 0 : f[i] & 0xFF;
        }
        assertEquals(~sum, b.getInt(64), "one's complement checksum");
        VhdFooter back = VhdFooter.parse(f);
        assertEquals(new VhdFooter(10L << 20, 10L << 20, 2, T, ID), back);
    }

    @Test
    void geometryFollowsTheSpecification() {
        // 10 MiB = 20480 sectors: 17 sectors/track, 4 heads, 301 cylinders
        assertEquals(301 << 16 | 4 << 8 | 17, VhdFooter.geometry(10L << 20));
        // 127 GiB and more: 255 sectors, 16 heads, 65535 cylinders at most
        assertEquals(65535 << 16 | 16 << 8 | 255, VhdFooter.geometry(200L << 30));
    }

    @Test
    void sizesRoundUpToWholeSectors() {
        assertEquals(1024, VhdFooter.fixed(513, T, ID).currentSize());
    }

    @Test
    void corruptFootersAreRejected() {
        byte[] f = VhdFooter.fixed(1 << 20, T, ID).toBytes();
        f[100] ^= 1;
        assertThrows(IllegalArgumentException.class, () -> VhdFooter.parse(f));
        byte[] g = VhdFooter.fixed(1 << 20, T, ID).toBytes();
        g[0] = 'X';
        assertThrows(IllegalArgumentException.class, () -> VhdFooter.parse(g));
        assertThrows(IllegalArgumentException.class, () -> VhdFooter.parse(new byte[10]));
    }
}
