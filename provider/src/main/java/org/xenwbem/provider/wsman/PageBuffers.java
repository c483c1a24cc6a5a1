package org.xenwbem.provider.wsman;

import java.util.ArrayDeque;

/**
 * A few large response buffers kept from one page of an enumeration to the next: the characters a
 * page is written into and the bytes they are encoded into. Under 64 clients on a 1,000-VM pool,
 * three quarters of the bytes the daemon allocated were the pages' buffers: each page's StringBuilder
 * (half a megabyte), its growth, its copy into a String and that String's copy into bytes. Enough of
 * them were in flight at each young collection to be copied to the old generation, which then filled
 * with them and was collected in full several times a second (issue #15 item 3). A character buffer
 * taken from here is written to, encoded straight into pooled bytes ({@link Utf8}) and given back;
 * the bytes come back once written to the connection. The pool keeps at most {@code maxPooled}
 * buffers of each kind, all of {@code maxSize} characters or bytes (more pages at once each get
 * buffers of their own, as before), and never a character buffer that held a character beyond
 * Latin-1 (the JDK then keeps two bytes per character in it).
 */
final class PageBuffers {
    /** Bytes to use: an array of at least the size asked, and whether it goes back to the pool. */
    record Bytes(byte[] array, boolean pooled) {
    }

    private final int maxPooled;
    private final int maxSize;
    private final ArrayDeque<StringBuilder> chars = new ArrayDeque<>();
    private final ArrayDeque<byte[]> bytes = new ArrayDeque<>();

    PageBuffers(int maxPooled, int maxSize) {
        this.maxPooled = maxPooled;
        this.maxSize = maxSize;
    }

    /**
     * An empty buffer of at least {@code capacity} characters: a pooled one when one is free. Pooled
     * buffers all have {@code maxSize} characters, so that none grows (a StringBuilder grows by
     * doubling: a 512 KiB page once made them 1 MiB, too large to keep) and any serves any page; a
     * new one gets that size too when the page is at least a quarter of it, else its own size.
     */
    StringBuilder take(int capacity) {
        if (capacity <= maxSize) {
            StringBuilder sb;
            synchronized (chars) {
                sb = chars.pollFirst();
            }
            if (sb != null) {
                return sb;
            }
        }
        return new StringBuilder(capacity <= maxSize && capacity >= maxSize / 4 ? maxSize : capacity);
    }

    /** Gives a character buffer back, its content forgotten; {@code latin1}: it held nothing wider. */
    void give(StringBuilder sb, boolean latin1) {
        if (!latin1 || sb.capacity() != maxSize) {
            return;
        }
        sb.setLength(0);
        synchronized (chars) {
            if (chars.size() < maxPooled) {
                chars.addFirst(sb);
            }
        }
    }

    /**
     * An array of at least {@code size} bytes: a pooled one ({@code maxSize} bytes) when one is free,
     * else a new one of that size when the page is at least a quarter of it (it then goes back to the
     * pool), else one of its own size.
     */
    Bytes takeBytes(int size) {
        if (size <= maxSize) {
            byte[] b;
            synchronized (bytes) {
                b = bytes.pollFirst();
            }
            if (b != null) {
                return new Bytes(b, true);
            }
            if (size >= maxSize / 4) {
                return new Bytes(new byte[maxSize], true);
            }
        }
        return new Bytes(new byte[size], false);
    }

    /** Gives an array from {@link #takeBytes} back; its content is then someone else's. */
    void giveBytes(byte[] b) {
        if (b.length != maxSize) {
            return;
        }
        synchronized (bytes) {
            if (bytes.size() < maxPooled) {
                bytes.addFirst(b);
            }
        }
    }

    /** Buffers waiting in the pool, characters and bytes (for tests). */
    int[] pooled() {
        synchronized (chars) {
            synchronized (bytes) {
                return new int[] {chars.size(), bytes.size()};
            }
        }
    }
}
