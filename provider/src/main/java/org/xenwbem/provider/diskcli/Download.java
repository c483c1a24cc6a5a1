package org.xenwbem.provider.diskcli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Map;

/**
 * GET of the disk into a file; with resume, the bytes the file already holds are kept and only the rest
 * is asked for (Range). A VHD made on the fly carries its connection's identity and time in its footer,
 * so a resumed .vhd first has its head (footer copy, dynamic header, block table) fetched again from the
 * new connection: the block table must be the one the file holds (the disk did not change), and the
 * head is then rewritten so that the file is one connection's VHD throughout.
 */
final class Download {
    private static final int BUFFER = 1 << 20;
    private final Endpoint endpoint;
    private final Progress progress;

    Download(Endpoint endpoint, Progress progress) {
        this.endpoint = endpoint;
        this.progress = progress;
    }

    /** Writes the disk to {@code file}, from {@code resume ? its size : 0}; returns the size of the disk image. */
    long run(Path file, boolean resume, boolean vhd) throws IOException, DiskCliException {
        long size = size();
        long from = resume && Files.exists(file) ? Files.size(file) : 0;
        if (from > size) {
            throw new DiskCliException(file + " holds " + from + " bytes, more than the disk's " + size
                    + ": not a partial download of it");
        }
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE)) {
            if (from == 0) {
                out.truncate(0);
            } else if (vhd) {
                refreshHead(out, from);
            }
            progress.start(size, from);
            if (from < size) {
                fetch(out, from, size);
            }
            out.force(false);
        }
        progress.done();
        return size;
    }

    private long size() throws IOException, DiskCliException {
        try (HttpExchange x = endpoint.open("HEAD", Map.of())) {
            if (x.answer() != 200 || x.contentLength() < 0) {
                throw new DiskCliException("the transfer endpoint refused the disk: " + x.describe());
            }
            return x.contentLength();
        }
    }

    private void fetch(FileChannel out, long from, long size) throws IOException, DiskCliException {
        Map<String, String> range = from == 0 ? Map.of() : Map.of("Range", "bytes=" + from + "-" + (size - 1));
        try (HttpExchange x = endpoint.open("GET", range)) {
            int status = x.answer();
            if (status != (from == 0 ? 200 : 206)) {
                throw new DiskCliException("the transfer endpoint refused the download: " + x.describe());
            }
            copy(x.body(), out, from, size);
        }
    }

    private void copy(InputStream in, FileChannel out, long from, long size) throws IOException {
        byte[] buf = new byte[BUFFER];
        long at = from;
        out.position(from);
        while (at < size) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, size - at));
            if (n < 0) {
                throw new IOException("the download stopped at byte " + at + " of " + size
                        + " (run again with --resume to continue)");
            }
            ByteBuffer b = ByteBuffer.wrap(buf, 0, n);
            while (b.hasRemaining()) {
                out.write(b);
            }
            at += n;
            progress.moved(at);
        }
    }

    /** Fetches the VHD head anew, checks its block table against the file's, and rewrites it. */
    private void refreshHead(FileChannel file, long have) throws IOException, DiskCliException {
        byte[] head = range(0, Math.min(have, 512 + 1024));
        long headLength = Math.min(have, VhdHead.length(head));
        byte[] fresh = headLength <= head.length ? Arrays.copyOf(head, (int) headLength) : range(0, headLength);
        ByteBuffer old = ByteBuffer.allocate(fresh.length);
        file.read(old, 0);
        if (!VhdHead.sameTable(old.array(), fresh)) {
            throw new DiskCliException("the disk's blocks changed since the partial download: start again without --resume");
        }
        file.write(ByteBuffer.wrap(fresh), 0);
    }

    private byte[] range(long from, long length) throws IOException, DiskCliException {
        try (HttpExchange x = endpoint.open("GET", Map.of("Range", "bytes=" + from + "-" + (from + length - 1)))) {
            if (x.answer() != 206) {
                throw new DiskCliException("the transfer endpoint refused a range of the VHD: " + x.describe());
            }
            return x.body().readNBytes((int) length);
        }
    }
}
