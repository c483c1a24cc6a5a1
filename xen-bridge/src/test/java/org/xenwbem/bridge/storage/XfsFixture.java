package org.xenwbem.bridge.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.xenwbem.bridge.storagetest.StorageDaemons;

/** The shared reflink XFS mount ({@link StorageDaemons#xfs()}) and small file helpers of these tests. */
final class XfsFixture {
    private XfsFixture() {
    }

    /** A new empty directory on the reflink XFS (one per SR). */
    static Path newDir(String name) {
        return StorageDaemons.xfs().newDir(name);
    }

    static String run(String... cmd) throws IOException {
        Cli.Result r = Cli.run(List.of(cmd), Map.of(), 120);
        if (!r.ok()) {
            throw new IOException(String.join(" ", cmd) + " exited " + r.exitCode() + ": " + r.stderr());
        }
        return r.stdout();
    }

    static void deleteTree(Path root) {
        try (var walk = Files.walk(root)) {
            List<Path> all = new ArrayList<>(walk.toList());
            Collections.reverse(all);
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a temp dir: best effort
        }
    }
}
