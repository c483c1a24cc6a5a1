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
    /**
     * Pool-sized buffers of each kind in existence (pooled or lent): no more than {@code maxPooled} are
     * made, so that with all of them lent a page gets a buffer of its own size, not a pool-sized one
     * that the full pool would then drop.
     */
    private int charsMade;
    private int bytesMade;

    PageBuffers(int maxPooled, int maxSize) {
        this.maxPooled = maxPooled;
        this.maxSize = maxSize;
    }

    /**
     * An empty buffer of at least {@code capacity} characters: a pooled one when one is free. Pooled
     * buffers all have {@code maxSize} characters, so that none grows (a StringBuilder grows by
     * doubling: a 512 KiB page once made them 1 MiB, too large to keep) and any serves any page; a
     * new one gets that size too when the page is at least a quarter of it and fewer than
     * {@code maxPooled} exist, else the page's own size.
     */
    StringBuilder take(int capacity) {
        if (capacity <= maxSize) {
            synchronized (chars) {
                StringBuilder sb = chars.pollFirst();
                if (sb != null) {
                    return sb;
                }
                if (capacity >= maxSize / 4 && charsMade < maxPooled) {
                    charsMade++;
                    return new StringBuilder(maxSize);
                }
            }
        }
        return new StringBuilder(capacity);
    }

    /** Gives a character buffer back, its content forgotten; {@code latin1}: it held nothing wider. */
    void give(StringBuilder sb, boolean latin1) {
        if (sb.capacity() != maxSize) {
            return;
        }
        synchronized (chars) {
            if (latin1 && chars.size() < maxPooled) {
                sb.setLength(0);
                chars.addFirst(sb);
            } else {
                charsMade--; // dropped: another may be made in its place
            }
        }
    }

    /**
     * An array of at least {@code size} bytes: a pooled one ({@code maxSize} bytes) when one is free,
     * else a new one of that size when the page is at least a quarter of it and fewer than
     * {@code maxPooled} exist (it then goes back to the pool), else one of its own size.
     */
    Bytes takeBytes(int size) {
        if (size <= maxSize) {
            synchronized (bytes) {
                byte[] b = bytes.pollFirst();
                if (b != null) {
                    return new Bytes(b, true);
                }
                if (size >= maxSize / 4 && bytesMade < maxPooled) {
                    bytesMade++;
                    return new Bytes(new byte[maxSize], true);
                }
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
            } else {
                bytesMade--;
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
