package org.xenwbem.bridge.sim;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;
import org.xenwbem.bridge.transfer.VhdFooter;

/**
 * The content of simulated VDIs: one file per VDI UUID in a private temporary directory (created on
 * first use, deleted by {@link #close()}). A VDI never written reads as zeros. Reads are padded with
 * zeros up to the VDI's virtual size, as a block device reads.
 */
final class SimVdiStore implements AutoCloseable {
    private static final int BUFFER = 64 << 10;

    private Path dir;

    private synchronized Path dir() throws IOException {
        if (dir == null) {
            dir = Files.createTempDirectory("xenwbem-sim-vdi");
        }
        return dir;
    }

    /** Replaces the VDI's content with {@code data} (at most {@code limit} bytes; more is an error). */
    long write(String vdiUuid, InputStream data, long limit) throws IOException {
        Path tmp = Files.createTempFile(dir(), vdiUuid, ".part");
        try {
            long n;
            try (OutputStream out = Files.newOutputStream(tmp)) {
                n = copy(data, out, limit);
            }
            Files.move(tmp, dir().resolve(vdiUuid), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return n;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Like {@link #write} but for a fixed VHD stream: the last 512 bytes are the footer, checked and dropped. */
    long writeVhd(String vdiUuid, InputStream data, long limit) throws IOException {
        try (FooterSplitter split = new FooterSplitter(data)) {
            long n = write(vdiUuid, split, limit);
            VhdFooter footer;
            try {
                footer = VhdFooter.parse(split.footer());
            } catch (IllegalArgumentException e) {
                Files.deleteIfExists(dir().resolve(vdiUuid));
                throw new IOException(e.getMessage(), e);
            }
            if (footer.diskType() != VhdFooter.TYPE_FIXED || footer.currentSize() != n) {
                Files.deleteIfExists(dir().resolve(vdiUuid));
                throw new IOException("only fixed VHDs whose footer matches the data are accepted");
            }
            return n;
        }
    }

    /** Streams {@code length} bytes of the VDI: its file, then zeros. */
    void read(String vdiUuid, long length, OutputStream out) throws IOException {
        Path file = dir().resolve(vdiUuid);
        long left = length;
        if (Files.exists(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                left -= copy(in, out, left);
            }
        }
        byte[] zeros = new byte[BUFFER];
        while (left > 0) {
            int n = (int) Math.min(left, zeros.length);
            out.write(zeros, 0, n);
            left -= n;
        }
    }

    long storedSize(String vdiUuid) throws IOException {
        Path file = dir().resolve(vdiUuid);
        return Files.exists(file) ? Files.size(file) : 0;
    }

    private static long copy(InputStream in, OutputStream out, long limit) throws IOException {
        byte[] buf = new byte[BUFFER];
        long total = 0;
        int n;
        while ((n = in.read(buf, 0, (int) Math.min(buf.length, Math.max(1, limit - total + 1)))) > 0) {
            total += n;
            if (total > limit) {
                throw new IOException("more data than the VDI's virtual size");
            }
            out.write(buf, 0, n);
        }
        return total;
    }

    @Override
    public synchronized void close() {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        dir = null;
    }

    /** Passes a stream through except its last 512 bytes, which it keeps as the footer. */
    private static final class FooterSplitter extends InputStream {
        private final InputStream in;
        private final byte[] tail = new byte[VhdFooter.SIZE];
        private int tailLen;
        private boolean eof;

        FooterSplitter(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            while (!eof) {
                byte[] buf = new byte[len + VhdFooter.SIZE];
                System.arraycopy(tail, 0, buf, 0, tailLen);
                int n = in.read(buf, tailLen, len);
                if (n < 0) {
                    eof = true;
                    break;
                }
                int have = tailLen + n;
                int give = Math.max(0, have - VhdFooter.SIZE);
                System.arraycopy(buf, 0, b, off, give);
                tailLen = have - give;
                System.arraycopy(buf, give, tail, 0, tailLen);
                if (give > 0) {
                    return give;
                }
            }
            return -1;
        }

        byte[] footer() throws IOException {
            if (tailLen != VhdFooter.SIZE) {
                throw new IOException("VHD stream shorter than its footer");
            }
            return tail.clone();
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
