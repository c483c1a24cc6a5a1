package org.xenwbem.bridge.sim;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.UUID;
import org.xenwbem.bridge.transfer.VhdFooter;
import org.xenwbem.bridge.transfer.VhdReader;
import org.xenwbem.bridge.transfer.VhdWriter;

/**
 * {@code format=vhd} of the simulator's raw VDI import and export, as xapi does it (vhd-tool): export
 * streams a dynamic VHD holding only the allocated blocks; import accepts fixed and dynamic VHDs no
 * larger than the VDI and writes only their data. Both work on a sparse scratch copy of the VDI
 * beside the {@link SimVdiStore}, so a VHD that fails its checks leaves the VDI as it was.
 */
final class SimVhdCodec {
    private static final int CHUNK = 64 << 10;

    private SimVhdCodec() {
    }

    /** A dynamic VHD of the VDI's {@code size} bytes, ready to be written: call {@link Export#writeTo}. */
    static Export export(SimVdiStore store, String ref, String uuid, long size) throws IOException {
        Path tmp = Files.createTempFile("xenwbem-sim-export", ".raw");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                store.read(ref, uuid, size, new SparseOutput(ch));
                ch.truncate(size);
            }
            FileChannel in = FileChannel.open(tmp, StandardOpenOption.READ);
            try {
                VhdWriter w = new VhdWriter((off, buf, len) -> readAt(in, off, buf, len), size, Instant.now(),
                        UUID.nameUUIDFromBytes(uuid.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
                w.scan();
                return new Export(w, in);
            } catch (IOException | RuntimeException e) {
                in.close();
                throw e;
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Decodes a VHD into the VDI; returns the disk size the VHD describes. */
    static long importVhd(SimVdiStore store, String ref, String uuid, InputStream vhd, long length, long size) throws IOException {
        Path tmp = Files.createTempFile("xenwbem-sim-import", ".raw");
        try {
            VhdFooter footer;
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                footer = new VhdReader(size, (off, buf, o, len) -> writeAt(ch, off, buf, o, len)).read(vhd, length);
                ch.truncate(footer.currentSize());
                if (ch.size() < footer.currentSize()) {
                    ch.write(ByteBuffer.allocate(1), footer.currentSize() - 1);
                }
            }
            try (InputStream in = Files.newInputStream(tmp)) {
                store.write(ref, uuid, in, size);
            }
            return footer.currentSize();
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void readAt(FileChannel ch, long off, byte[] buf, int len) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(buf, 0, len);
        while (b.hasRemaining()) {
            if (ch.read(b, off + b.position()) < 0) {
                while (b.hasRemaining()) {
                    b.put((byte) 0);
                }
            }
        }
    }

    private static void writeAt(FileChannel ch, long off, byte[] buf, int o, int len) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(buf, o, len);
        while (b.hasRemaining()) {
            ch.write(b, off + b.position() - o);
        }
    }

    /** A prepared export: its exact length, then its bytes. */
    static final class Export implements AutoCloseable {
        private final VhdWriter writer;
        private final FileChannel scratch;

        private Export(VhdWriter writer, FileChannel scratch) {
            this.writer = writer;
            this.scratch = scratch;
        }

        long length() {
            return writer.length();
        }

        void writeTo(OutputStream out) throws IOException {
            writer.writeTo(out);
        }

        @Override
        public void close() throws IOException {
            scratch.close();
        }
    }

    /** Writes into a file channel, seeking over zero chunks so the scratch copy stays sparse. */
    private static final class SparseOutput extends OutputStream {
        private final FileChannel ch;
        private long pos;

        SparseOutput(FileChannel ch) {
            this.ch = ch;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            for (int done = 0; done < len; done += CHUNK) {
                int n = Math.min(CHUNK, len - done);
                if (!isZero(b, off + done, n)) {
                    writeAt(ch, pos, b, off + done, n);
                }
                pos += n;
            }
        }

        private static boolean isZero(byte[] b, int off, int len) {
            for (int i = off; i < off + len; i++) {
                if (b[i] != 0) {
                    return false;
                }
            }
            return true;
        }
    }
}
