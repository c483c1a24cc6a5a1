package org.xenwbem.bridge.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * An XFS file system with reflink on a sparse loop file (storage.md §4), mounted under a temp dir for
 * this JVM and unmounted (its loop device given back) at exit; until the shared StorageDaemons fixture
 * is on main. Skips without xfsprogs, unless XENWBEM_REQUIRE_STORAGE=1.
 */
final class LocalXfs {
    private static LocalXfs instance;

    final Path state;
    final Path mount;

    private LocalXfs(Path state) {
        this.state = state;
        this.mount = state.resolve("xfs");
    }

    static synchronized LocalXfs get() {
        StorageGate.require("mkfs.xfs", "mount", "umount", "filefrag");
        if (instance == null) {
            try {
                LocalXfs x = new LocalXfs(Files.createTempDirectory("xenwbem-offload-xfs"));
                Runtime.getRuntime().addShutdownHook(new Thread(x::stop));
                x.start();
                instance = x;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    private void start() throws IOException {
        Path img = state.resolve("xfs.img");
        Files.createDirectories(mount);
        run("truncate", "-s", "2G", img.toString());
        run("mkfs.xfs", "-q", "-m", "reflink=1", img.toString());
        run("mount", "-o", "loop", img.toString(), mount.toString());
    }

    /** A fresh directory on the XFS mount (one per SR). */
    Path newDir(String name) throws IOException {
        return Files.createDirectories(mount.resolve(name));
    }

    static String run(String... cmd) throws IOException {
        Cli.Result r = Cli.run(List.of(cmd), Map.of(), 120);
        if (!r.ok()) {
            throw new IOException(String.join(" ", cmd) + " exited " + r.exitCode() + ": " + r.stderr());
        }
        return r.stdout();
    }

    private void stop() {
        try {
            run("umount", mount.toString());
        } catch (IOException e) {
            System.err.println("cannot unmount " + mount + ": " + e.getMessage());
        }
        LocalCeph.deleteTree(state);
    }
}
