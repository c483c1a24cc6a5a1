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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The log file, written off the request thread in batches. The caller only encodes its line and
 * queues the bytes; one writer thread takes whatever is queued, writes it through a buffer and
 * flushes as soon as the queue is empty. Under load many lines share one write(2); when idle a line
 * reaches the file at once (an admin's {@code tail -f} sees it). Nothing is dropped: a full queue makes
 * the caller wait. The file is opened in append mode, which suits logrotate's {@code copytruncate}.
 */
final class LogFileAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
    static final int QUEUE = 8192;
    private static final byte[] STOP = new byte[0];

    private final Path file;
    private final Encoder<ILoggingEvent> encoder;
    private final BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(QUEUE);
    private Thread writer;
    private OutputStream out;
    /** The file could not be written: lines are no longer queued (the journal still has WARN and above). */
    private volatile boolean failed;

    LogFileAppender(Path file, Encoder<ILoggingEvent> encoder) {
        this.file = file;
        this.encoder = encoder;
    }

    @Override
    public void start() {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            out = new BufferedOutputStream(new FileOutputStream(file.toFile(), true), 64 * 1024);
        } catch (IOException e) {
            addError("cannot open the log file " + file, e);
            return;
        }
        writer = new Thread(this::drain, "xenwbem-log-writer");
        writer.setDaemon(true);
        writer.start();
        super.start();
    }

    @Override
    protected void append(ILoggingEvent event) {
        if (failed) {
            return;
        }
        byte[] line = encoder.encode(event);
        try {
            queue.put(line);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void drain() {
        List<byte[]> batch = new ArrayList<>(256);
        try {
            while (true) {
                byte[] first = queue.take();
                batch.add(first);
                queue.drainTo(batch);
                boolean stop = false;
                for (byte[] line : batch) {
                    if (line == STOP) {
                        stop = true;
                    } else {
                        out.write(line);
                    }
                }
                batch.clear();
                if (stop) {
                    out.flush();
                    return;
                }
                if (queue.isEmpty()) {
                    out.flush();
                }
            }
        } catch (IOException e) {
            failed = true;
            addError("writing the log file " + file + " failed; file logging stops", e);
            queue.clear();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Writes what is queued, then closes the file (at most two seconds). */
    @Override
    public void stop() {
        if (!isStarted()) {
            return;
        }
        super.stop();
        try {
            if (queue.offer(STOP, 2, TimeUnit.SECONDS)) {
                writer.join(2000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (writer.isAlive()) {
            return; // still writing (a stuck disk): the daemon thread ends with the JVM
        }
        try {
            out.close();
        } catch (IOException e) {
            addError("closing the log file " + file + " failed", e);
        }
    }
}
