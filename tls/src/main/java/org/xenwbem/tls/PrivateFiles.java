package org.xenwbem.tls;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Files only the daemon's user may read: directories 0700 and files 0600 where the file system
 * speaks POSIX; elsewhere the platform default. Files are replaced atomically.
 */
final class PrivateFiles {
    private static final FileAttribute<?> DIRECTORY_0700 =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
    private static final FileAttribute<?> FILE_0600 =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    private PrivateFiles() {
    }

    /** Creates the directory and missing parents (0700); an existing directory is left as it is. */
    static void createDirectories(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        if (isPosix(dir)) {
            Files.createDirectories(dir, DIRECTORY_0700);
        } else {
            Files.createDirectories(dir);
        }
    }

    /** Writes {@code content} to a 0600 temporary file next to {@code target}, then renames it over. */
    static void write(Path target, byte[] content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path temp = Files.createTempFile(dir, "." + target.getFileName(), ".tmp", ownerOnly(dir));
        try {
            Files.write(temp, content);
            move(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static FileAttribute<?>[] ownerOnly(Path dir) {
        if (!isPosix(dir)) {
            return new FileAttribute<?>[0];
        }
        return new FileAttribute<?>[] {FILE_0600};
    }

    private static boolean isPosix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
