package org.xenwbem.provider.server;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.encoder.Encoder;
import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The daemon's log appender, for the log file and for stderr (the journal): written off the request
 * thread, in batches. A caller encodes its line and adds it to a lock-free queue, waking nobody; one
 * writer thread wakes every {@value #INTERVAL_MILLIS} ms, writes whatever is queued through a buffer
 * and flushes. Under load a whole batch of lines costs one write(2) and no thread hand-off per line
 * (logback's AsyncAppender woke its worker for every event, a context switch per request on a
 * two-core dom0); when idle a line still shows within {@value #INTERVAL_MILLIS} ms ({@code tail -f}).
 * Nothing is dropped: beyond {@value #HIGH_WATER} queued lines a caller wakes the writer and waits.
 * A file is opened in append mode, which suits logrotate's {@code copytruncate}; stderr is looked up
 * at each write, so whoever replaced {@code System.err} (a test runner) gets the lines.
 * <p>A file can be rotated by size ({@link #setMaxFileSize}, {@link #setMaxHistory}): before a line
 * would take it past the size, the file becomes {@code <file>.1} (the older ones {@code .2} … up to
 * the number kept; the oldest is deleted) and a new file is begun, so that at full speed the log
 * takes at most (kept + 1) × size of the disk; each file stays within the size unless one line alone
 * is longer.
 */
public final class BatchingAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
    static final int HIGH_WATER = 8192;
    static final long INTERVAL_MILLIS = 50;

    private Encoder<ILoggingEvent> encoder;
    private Path file;
    private final ConcurrentLinkedQueue<byte[]> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private volatile Thread writer;
    private volatile boolean stopping;
    /** The target could not be written: lines are no longer queued. */
    private volatile boolean failed;
    private OutputStream out;
    /** Rotate before the file would exceed this many bytes; 0: never. */
    private long maxFileSize;
    /** Rotated files kept ({@code <file>.1} … {@code .N}). */
    private int maxHistory = 5;
    /** Bytes in the current file (as far as this appender knows; re-read at each rotation check). */
    private long size;
    private FileOutputStream fileOut;

    public BatchingAppender() {
    }

    BatchingAppender(Path file, Encoder<ILoggingEvent> encoder) {
        this.file = file;
        this.encoder = encoder;
    }

    /** The layout of a line (logback configuration: {@code <encoder>}). */
    public void setEncoder(Encoder<ILoggingEvent> encoder) {
        this.encoder = encoder;
    }

    /** Rotates the file before it would exceed {@code bytes} (0: never, the default). */
    public void setMaxFileSize(long bytes) {
        this.maxFileSize = Math.max(0, bytes);
    }

    /** How many rotated files are kept besides the current one (at least 1; default 5). */
    public void setMaxHistory(int files) {
        this.maxHistory = Math.max(1, files);
    }

    /** The log file; not set: stderr (logback configuration: {@code <file>}). */
    public void setFile(String file) {
        this.file = file == null || file.isBlank() ? null : Path.of(file);
    }

    @Override
    public void start() {
        if (encoder == null) {
            addError("no encoder for appender " + getName());
            return;
        }
        try {
            out = new BufferedOutputStream(file == null ? new StandardError() : openFile(), 64 * 1024);
        } catch (IOException e) {
            addError("cannot open the log file " + file, e);
            return;
        }
        stopping = false;
        Thread t = new Thread(this::writeLoop, "xenwbem-log-writer" + (file == null ? "-stderr" : ""));
        t.setDaemon(true);
        writer = t;
        t.start();
        super.start();
    }

    private OutputStream openFile() throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        fileOut = new FileOutputStream(file.toFile(), true);
        size = fileOut.getChannel().size();
        return fileOut;
    }

    /** {@code <file>} becomes {@code <file>.1}, {@code .1} becomes {@code .2} …, and a new file is begun. */
    private void rotate() throws IOException {
        out.close();
        try {
            Files.deleteIfExists(rotated(maxHistory));
            for (int i = maxHistory - 1; i >= 1; i--) {
                if (Files.exists(rotated(i))) {
                    Files.move(rotated(i), rotated(i + 1), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Files.move(file, rotated(1), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            maxFileSize = 0;
            addError("rotating the log file " + file + " failed; writing on in it, no longer rotated", e);
        }
        out = new BufferedOutputStream(openFile(), 64 * 1024);
    }

    private Path rotated(int n) {
        return file.resolveSibling(file.getFileName() + "." + n);
    }

    @Override
    protected void append(ILoggingEvent event) {
        if (failed) {
            return;
        }
        queue.add(encoder.encode(event));
        if (queued.incrementAndGet() >= HIGH_WATER) {
            LockSupport.unpark(writer);
            while (queued.get() >= HIGH_WATER && !failed && !stopping) {
                LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(200));
            }
        }
    }

    private void writeLoop() {
        try {
            while (!stopping) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(INTERVAL_MILLIS));
                writeQueued();
            }
            writeQueued();
        } catch (IOException e) {
            failed = true;
            queue.clear();
            queued.set(0);
            addError("writing " + (file == null ? "stderr" : "the log file " + file) + " failed; this log stops", e);
        }
    }

    private void writeQueued() throws IOException {
        if (queue.peek() == null) {
            return;
        }
        int n = 0;
        if (file != null && maxFileSize > 0) {
            out.flush();
            size = fileOut.getChannel().size(); // logrotate's copytruncate may have emptied it
        }
        for (byte[] line = queue.poll(); line != null; line = queue.poll()) {
            if (maxFileSize > 0 && file != null && size > 0 && size + line.length > maxFileSize) {
                rotate();
            }
            out.write(line);
            size += line.length;
            n++;
        }
        if (n > 0) {
            out.flush();
            queued.addAndGet(-n);
        }
    }

    /** Writes what is queued and closes a file (waiting at most two seconds for the writer). */
    @Override
    public void stop() {
        if (!isStarted()) {
            return;
        }
        super.stop();
        stopping = true;
        Thread t = writer;
        LockSupport.unpark(t);
        try {
            t.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (t.isAlive() || file == null) {
            return; // a stuck disk: the daemon thread ends with the JVM; stderr is not ours to close
        }
        try {
            out.close();
        } catch (IOException e) {
            addError("closing the log file " + file + " failed", e);
        }
    }

    /** Whatever {@code System.err} is at the time of the write. */
    private static final class StandardError extends OutputStream {
        @Override
        public void write(int b) {
            System.err.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            System.err.write(b, off, len);
        }

        @Override
        public void flush() {
            System.err.flush();
        }
    }
}
