package org.xenwbem.tests.witness;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Shared plumbing of the script witnesses: copying a script out of the test resources. */
final class Witnesses {
    private Witnesses() {
    }

    /** Copies {@code /witness/<name>} into {@code dir} and returns its path. */
    static Path script(String name, Path dir) throws IOException {
        Path target = dir.resolve(name);
        try (InputStream in = Witnesses.class.getResourceAsStream("/witness/" + name)) {
            if (in == null) {
                throw new IOException("missing test resource /witness/" + name);
            }
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }

    /** Every expected line must be in the output, in order. */
    static void assertLinesInOrder(String out, String... expected) {
        int from = 0;
        for (String e : expected) {
            int i = out.indexOf(e, from);
            if (i < 0) {
                throw new AssertionError("missing \"" + e + "\" (in order) in:\n" + out);
            }
            from = i + e.length();
        }
    }
}
