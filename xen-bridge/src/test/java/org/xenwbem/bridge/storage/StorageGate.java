package org.xenwbem.bridge.storage;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Storage-daemon tests skip when the tools are missing, unless XENWBEM_REQUIRE_STORAGE=1 (then they fail). */
final class StorageGate {
    private StorageGate() {
    }

    static void require(String... tools) {
        for (String t : tools) {
            boolean found = false;
            for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/usr/sbin").split(":")) {
                found |= Files.isExecutable(Path.of(d, t));
            }
            found |= Files.isExecutable(Path.of("/usr/sbin", t)) || Files.isExecutable(Path.of("/sbin", t));
            if (!found) {
                if ("1".equals(System.getenv("XENWBEM_REQUIRE_STORAGE"))) {
                    throw new AssertionError(t + " is not installed and XENWBEM_REQUIRE_STORAGE=1: run "
                            + "tests/bin/install-test-deps.sh");
                }
                Assumptions.abort(t + " is not installed");
            }
        }
    }
}
