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
 * buffers of each kind, all of {@code maxSize} characters or bytes, and never a character buffer that
 * held a character beyond Latin-1 (the JDK then keeps two bytes per character in it).
 * <p>
 * With every pool-sized character buffer lent, a large page waits up to {@code waitNanos} for one to
 * come back before it gets a buffer of its own: a page is written with no I/O, so more pages written
 * at once than there are buffers only share the same few cores, and each buffer of its own was half a
 * megabyte of garbage that a young collection, finding it in use, copied to the old generation. A JFR
 * profile under 64 clients on a 1,000-VM pool found 2.9 GB of the 25 s load's allocations there
 * (issue #15). Bytes are held until the connection has taken them, which a slow client can make long:
 * they are never waited for.
 */
final class PageBuffers {
    /** Bytes to use: an array of at least the size asked, and whether it goes back to the pool. */
    record Bytes(byte[] array, boolean pooled) {
    }

    private final int maxPooled;
    private final int maxSize;
    private final long waitNanos;
    private final ArrayDeque<StringBuilder> chars = new ArrayDeque<>();
    private final ArrayDeque<byte[]> bytes = new ArrayDeque<>();
    /**
     * Pool-sized buffers of each kind in existence (pooled or lent): no more than {@code maxPooled} are
     * made, so that with all of them lent a page gets a buffer of its own size, not a pool-sized one
     * that the full pool would then drop.
     */
    private int charsMade;
    private int bytesMade;

    PageBuffers(int maxPooled, int maxSize, java.time.Duration wait) {
        this.maxPooled = maxPooled;
        this.maxSize = maxSize;
        this.waitNanos = wait.toNanos();
    }

    /**
     * An empty buffer of at least {@code capacity} characters: a pooled one when one is free. Pooled
     * buffers all have {@code maxSize} characters, so that none grows (a StringBuilder grows by
     * doubling: a 512 KiB page once made them 1 MiB, too large to keep) and any serves any page; a
     * new one gets that size too when the page is at least a quarter of it and fewer than
     * {@code maxPooled} exist, else the page's own size.
     */
    StringBuilder take(int capacity) {
        return take(capacity, false);
    }

    /**
     * {@link #take(int)}, for a page that may fill its envelope ({@code mayFill}) though its guess is
     * small: it gets a pool-sized buffer if one is free or may be made, and its guess, not a wait, if not.
     */
    StringBuilder take(int capacity, boolean mayFill) {
        if (capacity <= maxSize) {
            boolean large = capacity >= maxSize / 4;
            synchronized (chars) {
                long deadline = System.nanoTime() + waitNanos;
                for (boolean waited = false; ; waited = true) {
                    StringBuilder sb = chars.pollFirst();
                    if (sb != null) {
                        return sb;
                    }
                    if (!large && !mayFill) {
                        break;
                    }
                    if (charsMade < maxPooled) {
                        charsMade++;
                        return new StringBuilder(maxSize);
                    }
                    if (!large || !awaitChars(deadline) && waited) {
                        break;
                    }
                }
            }
        }
        return new StringBuilder(capacity);
    }

    /** Waits (holding the lock of {@code chars}) for a buffer to come back; false once past {@code deadline}. */
    private boolean awaitChars(long deadline) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            return false;
        }
        try {
            java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(chars, left);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
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
            chars.notify();
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
