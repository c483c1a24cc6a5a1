package org.xenwbem.bridge.storage;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.stream.Stream;
import org.xenwbem.bridge.storage.Capabilities.Operation;

/**
 * File SRs on a reflink file system (XFS {@code reflink=1}, btrfs): disk {@code U} is the file
 * {@code <dir>/U.<ext>}; a clone or snapshot is a {@code FICLONE} of it ({@code cp --reflink=always},
 * which fails rather than copy where the file system cannot share extents). Whether the file system
 * can is probed once, on two scratch files: on ext4 nothing is offloaded and xapi does the work. Raw
 * disks are also created and grown here (a sparse file); VHD disks are left to xapi, which writes
 * their headers.
 */
final class ReflinkAdapter extends AdapterBase {
    static final String ID = "reflink";
    private static final List<String> EXTENSIONS = List.of("vhd", "raw");

    private final Path dir;
    private final String ext;
    private volatile Capabilities probed;

    /** {@code ext} is the extension of new disks when no existing disk tells it ({@code vhd} or {@code raw}). */
    ReflinkAdapter(Path dir, String ext) {
        super(ID);
        this.dir = dir;
        this.ext = ext;
    }

    @Override
    public Capabilities capabilities() {
        Capabilities c = probed;
        if (c == null) {
            c = probe();
            probed = c;
        }
        return c;
    }

    private Capabilities probe() {
        String fs = fileSystem();
        Path a = dir.resolve(".xenwbem-reflink-probe-" + UUID.randomUUID());
        Path b = dir.resolve(a.getFileName() + ".clone");
        try {
            Files.write(a, new byte[] {1});
            if (!Cli.run(List.of("cp", "--reflink=always", a.toString(), b.toString()), Map.of(), 30).ok()) {
                return Capabilities.none(fs + " at " + dir + ": no reflink; clones and snapshots by xapi");
            }
        } catch (IOException e) {
            return Capabilities.none(dir + ": cannot probe for reflink (" + e.getMessage() + ")");
        } finally {
            deleteQuietly(a);
            deleteQuietly(b);
        }
        EnumSet<Operation> ops = EnumSet.of(Operation.CLONE, Operation.SNAPSHOT, Operation.DELETE, Operation.SPACE);
        if ("raw".equals(ext)) {
            ops.add(Operation.CREATE);
            ops.add(Operation.RESIZE);
        }
        return new Capabilities(ops, true, fs + " reflink at " + dir + ": FICLONE clones and snapshots");
    }

    private String fileSystem() {
        try {
            return Files.getFileStore(dir).type();
        } catch (IOException e) {
            return "unknown file system";
        }
    }

    /** The disk's file: the one that exists, else the one a new disk gets. */
    Path file(String vdiUuid) {
        for (String e : EXTENSIONS) {
            Path p = dir.resolve(vdiUuid + "." + e);
            if (Files.exists(p)) {
                return p;
            }
        }
        return dir.resolve(vdiUuid + "." + ext);
    }

    @Override
    public void create(String vdiUuid, long size) throws StorageFailure {
        Path p = file(vdiUuid);
        try {
            Files.createFile(p);
        } catch (IOException e) {
            throw failure(false, "create " + p, e);
        }
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            f.setLength(size);
        } catch (IOException e) {
            throw removing(p, "size " + p, e);
        }
    }

    @Override
    public void clone(String srcVdiUuid, String newVdiUuid) throws StorageFailure {
        Path src = file(srcVdiUuid);
        String name = src.getFileName().toString();
        Path dst = dir.resolve(newVdiUuid + name.substring(name.lastIndexOf('.')));
        if (!Files.isRegularFile(src)) {
            throw failure(false, "no disk file " + src);
        }
        if (Files.exists(dst)) {
            throw failure(false, dst + " exists already");
        }
        try {
            Cli.Result r = Cli.run(List.of("cp", "--reflink=always", src.toString(), dst.toString()), Map.of(),
                    300);
            if (!r.ok()) {
                throw new IOException(r.stderr());
            }
        } catch (IOException e) {
            throw removing(dst, "FICLONE " + src, e);
        }
    }

    @Override
    public void resize(String vdiUuid, long size) throws StorageFailure {
        Path p = file(vdiUuid);
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            if (size < f.length()) {
                throw failure(false, "disk " + vdiUuid + " is " + f.length() + " bytes; it cannot shrink");
            }
            f.setLength(size);
        } catch (IOException e) {
            throw failure(false, "resize " + p, e);
        }
    }

    @Override
    public void delete(String vdiUuid) throws StorageFailure {
        Path p = file(vdiUuid);
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            throw failure(false, "delete " + p, e);
        }
    }

    @Override
    public boolean holds(String vdiUuid) {
        return Files.exists(file(vdiUuid));
    }

    @Override
    public SpaceReport space() throws StorageFailure {
        try (Stream<Path> files = Files.list(dir)) {
            long virtual = files.filter(p -> EXTENSIONS.stream().anyMatch(e -> p.toString().endsWith("." + e)))
                    .mapToLong(ReflinkAdapter::sizeOf).sum();
            FileStore store = Files.getFileStore(dir);
            long total = store.getTotalSpace();
            return new SpaceReport(total, total - store.getUnallocatedSpace(), virtual, OptionalLong.empty());
        } catch (IOException e) {
            throw failure(false, "space of " + dir, e);
        }
    }

    private static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }

    /** After a failed step: removes the file the step made, and says whether it is still there. */
    private StorageFailure removing(Path made, String what, IOException e) {
        deleteQuietly(made);
        return failure(Files.exists(made), what, e);
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // best effort: the caller reports whether the file is still there
        }
    }
}
