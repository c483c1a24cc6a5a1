package org.xenwbem.bridge.storage;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/** Disks as raw files {@code <dir>/<uuid>.raw}, read and written directly, for the file-based contract suites. */
final class FileDisks {
    private final Path dir;

    FileDisks(Path dir) {
        this.dir = dir;
    }

    Path file(String vdi) {
        return dir.resolve(vdi + ".raw");
    }

    void seed(String vdi, long size, int pattern) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file(vdi).toFile(), "rw")) {
            f.setLength(size);
        }
        fill(vdi, pattern, 1 << 20);
    }

    void fill(String vdi, int pattern, int len) throws IOException {
        byte[] b = new byte[len];
        Arrays.fill(b, (byte) pattern);
        try (RandomAccessFile f = new RandomAccessFile(file(vdi).toFile(), "rw")) {
            f.write(b);
        }
    }

    boolean holdsPattern(String vdi, int pattern, int len) throws IOException {
        byte[] b = new byte[len];
        try (RandomAccessFile f = new RandomAccessFile(file(vdi).toFile(), "r")) {
            f.readFully(b);
        }
        for (byte x : b) {
            if (x != (byte) pattern) {
                return false;
            }
        }
        return true;
    }

    long sizeOf(String vdi) throws IOException {
        return Files.size(file(vdi));
    }

    /** The files in the directory that name one of the disks (any extension, probe files included). */
    List<String> traces(String... vdis) throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.sorted().toList()) {
                String n = p.getFileName().toString();
                if (n.startsWith(".xenwbem") || Arrays.stream(vdis).anyMatch(n::startsWith)) {
                    out.add(n);
                }
            }
        }
        return out;
    }
}
