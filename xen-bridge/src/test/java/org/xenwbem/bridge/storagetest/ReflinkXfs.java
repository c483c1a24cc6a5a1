package org.xenwbem.bridge.storagetest;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An XFS file system with reflink on a sparse 64 GiB image file, loop-mounted under the fixture's
 * state directory (storage.md §4). Tests take their own directory with {@link #newDir}; {@link
 * #sharedBytes} and {@link #isReflinked} read {@code filefrag -v} so a test can assert a clone took no
 * new blocks. Started by {@link StorageDaemons#xfs()}.
 */
public final class ReflinkXfs {
    static final long IMAGE_BYTES = 64L << 30;
    private static final Pattern BLOCK_SIZE = Pattern.compile("blocks? of (\\d+) bytes");
    private static final Pattern EXTENT = Pattern.compile(
            "^\\s*\\d+:\\s*\\d+\\.\\.\\s*\\d+:\\s*(\\d+)\\.\\.\\s*(\\d+):\\s*(\\d+):.*?([a-z_,]*)\\s*$");
    private static final AtomicInteger SEQ = new AtomicInteger();

    private final Path mount;

    private ReflinkXfs(Path mount) {
        this.mount = mount;
    }

    /** The mount point (shared by every test of the JVM; prefer {@link #newDir}). */
    public Path root() {
        return mount;
    }

    /** A new empty directory on the mount, unique in this JVM, its name starting with {@code name}. */
    public Path newDir(String name) {
        try {
            return Files.createDirectory(mount.resolve(name + "-" + SEQ.incrementAndGet()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot make a directory on " + mount, e);
        }
    }

    /** Bytes of {@code file} in extents flagged {@code shared} by {@code filefrag -v}. */
    public static long sharedBytes(Path file) {
        long bytes = 0;
        Extents e = extents(file);
        for (long[] x : e.shared()) {
            bytes += (x[1] - x[0] + 1) * e.blockSize();
        }
        return bytes;
    }

    /** True when {@code a} and {@code b} share at least one physical extent (a reflink copy). */
    public static boolean isReflinked(Path a, Path b) {
        List<long[]> xa = extents(a).shared();
        List<long[]> xb = extents(b).shared();
        for (long[] p : xa) {
            for (long[] q : xb) {
                if (p[0] <= q[1] && q[0] <= p[1]) {
                    return true;
                }
            }
        }
        return false;
    }

    private record Extents(long blockSize, List<long[]> shared) {
    }

    /** The shared physical extents (first, last block) of {@code file}, per {@code filefrag -v}. */
    private static Extents extents(Path file) {
        String out = Proc.run(Path.of("/tmp"), StorageDaemons.env(), 60,
                List.of("filefrag", "-v", file.toString())).orThrow();
        Matcher bs = BLOCK_SIZE.matcher(out);
        long blockSize = bs.find() ? Long.parseLong(bs.group(1)) : 4096;
        List<long[]> shared = new ArrayList<>();
        for (String line : out.split("\n")) {
            Matcher m = EXTENT.matcher(line);
            if (m.matches() && List.of(m.group(4).split(",")).contains("shared")) {
                shared.add(new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))});
            }
        }
        return new Extents(blockSize, shared);
    }

    /** Makes the image, the file system (reflink=1) and mounts it under {@code dir}/mnt. */
    static ReflinkXfs start(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path image = dir.resolve("xfs.img");
        try (RandomAccessFile f = new RandomAccessFile(image.toFile(), "rw")) {
            f.setLength(IMAGE_BYTES);
        }
        Path mnt = Files.createDirectories(dir.resolve("mnt"));
        Proc.run(dir, StorageDaemons.env(), 120,
                List.of("mkfs.xfs", "-q", "-m", "reflink=1", image.toString())).orThrow();
        Proc.run(dir, StorageDaemons.env(), 60,
                List.of("mount", "-o", "loop", image.toString(), mnt.toString())).orThrow();
        return new ReflinkXfs(mnt);
    }
}
