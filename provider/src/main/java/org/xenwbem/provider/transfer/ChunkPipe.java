package org.xenwbem.provider.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.xenwbem.bridge.transfer.ChunkedInput;

/**
 * A bounded pipe between request threads (writers, one at a time) and the thread that streams to
 * xapi (the reader): at most {@link #CAPACITY} chunks in flight, so a fast client waits for xapi
 * rather than filling memory. Unlike {@link java.io.PipedInputStream} it does not care which thread
 * writes, as successive requests of one upload run on different threads. {@link #abort} fails both
 * sides with a reason.
 */
final class ChunkPipe {
    /**
     * Chunks (of {@code Upload}'s 256 KiB) waiting: 2 MiB a pipe, a VHD upload has two, eight uploads at
     * once 32 MiB, a quarter of the daemon's heap (16 chunks of 256 KiB made it half).
     */
    static final int CAPACITY = 8;
    private static final byte[] END = new byte[0];

    private final BlockingQueue<byte[]> chunks = new ArrayBlockingQueue<>(CAPACITY);
    private volatile IOException aborted;

    /** Hands a copy of {@code b[off..off+len)} to the reader; waits while the pipe is full. */
    void write(byte[] b, int off, int len) throws IOException {
        byte[] copy = new byte[len];
        System.arraycopy(b, off, copy, 0, len);
        put(copy);
    }

    /** Hands {@code chunk} itself to the reader (the writer must not touch it again); waits while the pipe is full. */
    void hand(byte[] chunk) throws IOException {
        if (chunk.length > 0) {
            put(chunk);
        }
    }

    /** No more data: the reader sees end of stream after the chunks already written. */
    void finish() throws IOException {
        put(END);
    }

    /** Fails the reader's next read and any waiting write. */
    void abort(String reason) {
        aborted = new IOException(reason);
        do { // a writer that slipped a chunk in between takes it out again, but the end must get in
            chunks.clear();
        } while (!chunks.offer(END));
    }

    /**
     * Queues {@code chunk}, waiting while the pipe is full. Once aborted, nothing more is queued: a
     * write fails at once (a client resending into a dead upload once filled the queue, after which
     * each resend waited out a poll and the chunks stayed held until the upload was dropped), and a
     * chunk that got in as the abort came is taken out again.
     */
    private void put(byte[] chunk) throws IOException {
        IOException a = aborted;
        if (a != null) {
            throw a;
        }
        try {
            while (!chunks.offer(chunk, 1, TimeUnit.SECONDS)) {
                if ((a = aborted) != null) {
                    throw a;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while the upload waited for xapi");
        }
        if ((a = aborted) != null) {
            if (chunk != END) { // the end stays: it may be what wakes the reader to see the abort
                chunks.remove(chunk); // arrays are equal only to themselves: this one, not another's
            }
            throw a;
        }
    }

    /** Chunks queued and not yet read (tests: an aborted pipe holds none but its end). */
    int queued() {
        return chunks.size();
    }

    /** The reader's side: a stream, and its chunks as they are ({@link ChunkedInput}, no copy to xapi). */
    InputStream input() {
        return new Reader();
    }

    private final class Reader extends InputStream implements ChunkedInput {
        private byte[] current = new byte[0];
        private int pos;
        private boolean ended;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (!fill()) {
                return -1;
            }
            int n = Math.min(len, current.length - pos);
            System.arraycopy(current, pos, b, off, n);
            pos += n;
            return n;
        }

        @Override
        public byte[] nextChunk() throws IOException {
            if (!fill()) {
                return null;
            }
            byte[] c = pos == 0 ? current : java.util.Arrays.copyOfRange(current, pos, current.length);
            pos = current.length;
            return c;
        }

        /** Waits for bytes; false at the end; the abort's reason if aborted. */
        private boolean fill() throws IOException {
            while (pos == current.length && !ended) {
                next();
            }
            if (aborted != null) {
                throw aborted;
            }
            return !(ended && pos == current.length);
        }

        private void next() throws IOException {
            try {
                byte[] c = chunks.take();
                ended = c == END;
                current = c;
                pos = 0;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted");
            }
        }
    }
}
