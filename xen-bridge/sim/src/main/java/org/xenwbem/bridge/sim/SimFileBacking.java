package org.xenwbem.bridge.sim;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A file-based SR (FileSR/NFSSR/EXTSR/SMBSR/ISOSR in SM): each VDI is a sparse raw file
 * {@code <dir>/<vdi-uuid>.raw} whose length is the VDI's virtual size and whose allocated blocks are
 * its physical utilisation; the SR's marker {@code <dir>/sr-metadata} holds its uuid and the
 * device-config identity it was created with, so SR.probe finds it again after SR.forget. Writes
 * leave all-zero 64 KiB blocks as holes, as xapi's sparse_dd does.
 */
final class SimFileBacking implements SimBacking {
    static final String MARKER = "sr-metadata";
    static final String SUFFIX = ".raw";
    static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final int BLOCK = 64 << 10;
    /** Bytes moved per read or write call: large, so a 2 GiB disk is not tens of thousands of calls. */
    private static final int READ = 1 << 20;
    private static final byte[] ZEROS = new byte[BLOCK];

    private final Path dir;

    SimFileBacking(Path dir) {
        this.dir = dir;
    }

    Path dir() {
        return dir;
    }

    Path file(String vdiUuid) {
        if (!UUID.matcher(vdiUuid).matches()) {
            throw new IllegalArgumentException("not a VDI uuid: " + vdiUuid);
        }
        return dir.resolve(vdiUuid + SUFFIX);
    }

    @Override
    public void attach(String srUuid, String identity) throws IOException {
        Files.createDirectories(dir);
        Properties p = new Properties();
        p.setProperty("uuid", srUuid);
        p.setProperty("identity", identity);
        Path tmp = dir.resolve(MARKER + ".part");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            p.store(out, "xenwbem simulated SR");
        }
        Files.move(tmp, dir.resolve(MARKER), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public Optional<String> srUuid() throws IOException {
        return Optional.ofNullable(marker(dir)).map(p -> p.getProperty("uuid"));
    }

    /** The marker of the SR directory {@code dir}, or null when there is none. */
    static Properties marker(Path dir) throws IOException {
        Path m = dir.resolve(MARKER);
        if (!Files.isRegularFile(m)) {
            return null;
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(m)) {
            p.load(in);
        }
        return p;
    }

    @Override
    public void detachForever() throws IOException {
        Files.deleteIfExists(dir.resolve(MARKER));
        try (Stream<Path> left = Files.list(dir)) {
            if (left.findAny().isEmpty()) {
                Files.deleteIfExists(dir);
            }
        } catch (java.nio.file.NoSuchFileException e) {
            // already gone
        }
    }

    @Override
    public void create(String vdiUuid, long size) throws IOException {
        Files.createDirectories(dir);
        try (java.io.RandomAccessFile raf = new java.io.RandomAccessFile(file(vdiUuid).toFile(), "rw")) {
            raf.setLength(0);
            raf.setLength(size);
        }
    }

    @Override
    public void delete(String vdiUuid) throws IOException {
        Files.deleteIfExists(file(vdiUuid));
        Files.deleteIfExists(meta(vdiUuid));
    }

    @Override
    public void forgetDescription(String vdiUuid) throws IOException {
        if (!Files.exists(file(vdiUuid))) {
            Files.deleteIfExists(meta(vdiUuid));
        }
    }

    private Path meta(String vdiUuid) {
        return file(vdiUuid).resolveSibling(vdiUuid + ".meta");
    }

    @Override
    public void describe(String vdiUuid, String name, String description) throws IOException {
        Properties p = new Properties();
        p.setProperty("name_label", name);
        p.setProperty("name_description", description);
        Path tmp = dir.resolve(vdiUuid + ".meta.part");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            p.store(out, null);
        }
        Files.move(tmp, meta(vdiUuid), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public String[] description(String vdiUuid) throws IOException {
        Properties p = new Properties();
        if (Files.isRegularFile(meta(vdiUuid))) {
            try (InputStream in = Files.newInputStream(meta(vdiUuid))) {
                p.load(in);
            }
        }
        return new String[] {p.getProperty("name_label", ""), p.getProperty("name_description", "")};
    }

    @Override
    public void resize(String vdiUuid, long size) throws IOException {
        Path f = file(vdiUuid);
        try (java.io.RandomAccessFile raf = new java.io.RandomAccessFile(f.toFile(), "rw")) {
            if (size > raf.length()) {
                raf.setLength(size);
            }
        }
    }

    @Override
    public long allocated(String vdiUuid) throws IOException {
        Path f = file(vdiUuid);
        if (!Files.exists(f)) {
            return 0;
        }
        String out = SimCommand.run(List.of("stat", "-c", "%b %B", f.toString())).strip();
        String[] parts = out.split(" ");
        return Long.parseLong(parts[0]) * Long.parseLong(parts[1]);
    }

    /** One {@code stat} per 500 files rather than one per file. */
    @Override
    public Map<String, Long> allocatedAll() throws IOException {
        Map<String, Long> out = new TreeMap<>();
        List<String> uuids = new java.util.ArrayList<>(list().keySet());
        for (int from = 0; from < uuids.size(); from += 500) {
            List<String> cmd = new java.util.ArrayList<>(List.of("stat", "-c", "%b %B %n"));
            for (String u : uuids.subList(from, Math.min(uuids.size(), from + 500))) {
                cmd.add(file(u).toString());
            }
            for (String line : SimCommand.run(cmd).split("\n")) {
                String[] f = line.split(" ", 3);
                if (f.length == 3) {
                    String name = Path.of(f[2]).getFileName().toString();
                    out.put(name.substring(0, name.length() - SUFFIX.length()),
                            Long.parseLong(f[0]) * Long.parseLong(f[1]));
                }
            }
        }
        return out;
    }

    @Override
    public Map<String, Long> list() throws IOException {
        Map<String, Long> out = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String name = p.getFileName().toString();
                if (name.endsWith(SUFFIX) && UUID.matcher(name.substring(0, name.length() - SUFFIX.length())).matches()
                        && Files.isRegularFile(p)) {
                    out.put(name.substring(0, name.length() - SUFFIX.length()), Files.size(p));
                }
            }
        }
        return out;
    }

    @Override
    public void read(String vdiUuid, long length, OutputStream out) throws IOException {
        Path f = file(vdiUuid);
        long done = 0;
        if (Files.exists(f)) {
            try (FileChannel in = FileChannel.open(f, StandardOpenOption.READ)) {
                done = out instanceof WritableByteChannel ch ? copy(in, length, ch) : copy(in, length, out);
            }
        }
        byte[] zeros = new byte[BLOCK];
        for (long left = length - done; left > 0; left -= zeros.length) {
            out.write(zeros, 0, (int) Math.min(left, zeros.length));
        }
    }

    /**
     * Up to {@code length} bytes of {@code in} into {@code out} through one direct buffer of {@link #READ}
     * bytes (a page-cache copy, and none on the way to a socket); the bytes copied.
     */
    private static long copy(FileChannel in, long length, WritableByteChannel out) throws IOException {
        ByteBuffer buf = ByteBuffer.allocateDirect((int) Math.min(READ, Math.max(1, length)));
        long pos = 0;
        while (pos < length) {
            buf.clear().limit((int) Math.min(buf.capacity(), length - pos));
            int n = in.read(buf, pos);
            if (n < 0) {
                break;
            }
            buf.flip();
            while (buf.hasRemaining()) {
                out.write(buf);
            }
            pos += n;
        }
        return pos;
    }

    private static long copy(FileChannel in, long length, OutputStream out) throws IOException {
        byte[] buf = new byte[(int) Math.min(READ, Math.max(1, length))];
        long pos = 0;
        while (pos < length) {
            int n = in.read(ByteBuffer.wrap(buf, 0, (int) Math.min(buf.length, length - pos)), pos);
            if (n < 0) {
                break;
            }
            out.write(buf, 0, n);
            pos += n;
        }
        return pos;
    }

    @Override
    public long write(String vdiUuid, InputStream data, long limit) throws IOException {
        Files.createDirectories(dir);
        Path target = file(vdiUuid);
        Path tmp = dir.resolve(vdiUuid + ".part");
        try {
            long n;
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                n = sparseCopy(data, ch, limit);
                long keep = Files.exists(target) ? Files.size(target) : 0;
                if (Math.max(n, keep) > ch.size()) {
                    try (java.io.RandomAccessFile raf = new java.io.RandomAccessFile(tmp.toFile(), "rw")) {
                        raf.setLength(Math.max(n, keep));
                    }
                }
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return n;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Copies at most {@code limit} bytes, seeking over all-zero {@link #BLOCK}s (each run of data blocks
     * in one write); more data is an error.
     */
    static long sparseCopy(InputStream in, FileChannel out, long limit) throws IOException {
        byte[] buf = new byte[READ];
        long pos = 0;
        while (true) {
            int filled = fill(in, buf);
            if (filled == 0) {
                return pos;
            }
            if (pos + filled > limit) {
                throw new IOException("more data than the VDI's virtual size");
            }
            for (int at = 0; at < filled; ) {
                int run = 0;
                while (at + run < filled && !zero(buf, at + run, Math.min(BLOCK, filled - at - run))) {
                    run += Math.min(BLOCK, filled - at - run);
                }
                writeFully(out, ByteBuffer.wrap(buf, at, run), pos + at);
                at += run == 0 ? Math.min(BLOCK, filled - at) : run;
            }
            pos += filled;
        }
    }

    private static void writeFully(FileChannel out, ByteBuffer b, long at) throws IOException {
        for (long to = at; b.hasRemaining(); ) {
            to += out.write(b, to);
        }
    }

    private static int fill(InputStream in, byte[] buf) throws IOException {
        int filled = 0;
        int n;
        while (filled < buf.length && (n = in.read(buf, filled, buf.length - filled)) > 0) {
            filled += n;
        }
        return filled;
    }

    private static boolean zero(byte[] buf, int off, int len) {
        return Arrays.mismatch(buf, off, off + len, ZEROS, 0, len) < 0;
    }

    @Override
    public long capacity() throws IOException {
        Path p = dir;
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        return p == null ? -1 : Files.getFileStore(p).getTotalSpace();
    }
}
