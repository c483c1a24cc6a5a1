package org.xenwbem.bridge.sim;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Moves a VDI's bytes from one back end to another. {@link #thickCopy} is VDI.copy: every allocated
 * byte of the source is read and written again in full ({@code cp --reflink=never --sparse=always}
 * between files: never-written regions are skipped through SEEK_HOLE as xapi's sparse_dd skips a
 * VHD's unallocated blocks, and stay holes; {@code rbd export | rbd import} through a bounded pipe
 * otherwise). {@link #share} is the simulator's VDI.clone and
 * VDI.snapshot on file SRs: {@code cp --reflink=auto --sparse=always}, so a reflink file system
 * shares the blocks as a VHD chain would, and any other copies only the allocated ones.
 */
final class SimVdiData {
    private static final int PIPE = 4 << 20;
    private static final java.time.Duration COPY_TIMEOUT = java.time.Duration.ofHours(2);

    private SimVdiData() {
    }

    /** Reads all {@code size} bytes of {@code src}'s VDI and writes them as {@code dst}'s VDI. */
    static void thickCopy(SimBacking src, String srcUuid, long size, SimBacking dst, String dstUuid)
            throws IOException {
        if (src instanceof SimFileBacking from && dst instanceof SimFileBacking to) {
            SimCommand.run(List.of("cp", "--reflink=never", "--sparse=always", from.file(srcUuid).toString(),
                    to.file(dstUuid).toString()), null, java.io.OutputStream.nullOutputStream(), COPY_TIMEOUT);
            return;
        }
        piped(src, srcUuid, size, dst, dstUuid);
    }

    /** A copy that shares blocks where the file system can (file SRs); a thick copy elsewhere. */
    static void share(SimBacking src, String srcUuid, long size, SimBacking dst, String dstUuid) throws IOException {
        if (src instanceof SimFileBacking from && dst instanceof SimFileBacking to) {
            SimCommand.run(List.of("cp", "--reflink=auto", "--sparse=always", from.file(srcUuid).toString(),
                    to.file(dstUuid).toString()), null, java.io.OutputStream.nullOutputStream(), COPY_TIMEOUT);
            return;
        }
        thickCopy(src, srcUuid, size, dst, dstUuid);
    }

    /** The source streams into a bounded pipe on its own thread while the destination reads it. */
    private static void piped(SimBacking src, String srcUuid, long size, SimBacking dst, String dstUuid)
            throws IOException {
        PipedInputStream in = new PipedInputStream(PIPE);
        AtomicReference<IOException> failed = new AtomicReference<>();
        PipedOutputStream out = new PipedOutputStream(in);
        Thread reader = new Thread(() -> {
            try (OutputStream o = out) {
                src.read(srcUuid, size, o);
            } catch (IOException e) {
                failed.set(e);
            }
        }, "sim-vdi-copy");
        reader.setDaemon(true);
        reader.start();
        try (InputStream i = in) {
            dst.write(dstUuid, i, size);
        } finally {
            try {
                reader.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (failed.get() != null) {
            throw failed.get();
        }
    }
}
