package org.xenwbem.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The architecture's dependency rules (ARCHITECTURE.md): cim-schema and the two wire codecs (and the
 * protocol-neutral core) never touch the XenAPI bridge; only xen-bridge speaks XenAPI.
 */
class ModuleRulesTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void schemaAndCodecsNeverImportTheBridge() throws IOException {
        List<Path> dirs = List.of(ROOT.resolve("cim-schema/src/main/java"),
                ROOT.resolve("provider/src/main/java/org/xenwbem/provider/wsman"),
                ROOT.resolve("provider/src/main/java/org/xenwbem/provider/cimxml"),
                ROOT.resolve("provider/src/main/java/org/xenwbem/provider/cimom"));
        List<String> offenders = new ArrayList<>();
        int scanned = 0;
        for (Path d : dirs) {
            assertTrue(Files.isDirectory(d), "missing " + d);
            try (Stream<Path> files = Files.walk(d)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    scanned++;
                    String src = Files.readString(f);
                    if (src.contains("org.xenwbem.bridge") || src.contains("com.xensource")) {
                        offenders.add(ROOT.relativize(f).toString());
                    }
                }
            }
        }
        assertTrue(scanned > 20, "the rule scanned too few files to mean anything: " + scanned);
        assertEquals(List.of(), offenders, "these files reach into the XenAPI bridge");
    }

    @Test
    void onlyTheBridgeSpeaksXmlRpc() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (String module : List.of("cim-schema", "tls", "provider")) {
            try (Stream<Path> files = Files.walk(ROOT.resolve(module + "/src/main/java"))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    String src = Files.readString(f);
                    if (src.contains("<methodCall>") || src.contains("org.xenwbem.bridge.xmlrpc")
                            || src.contains("org.xenwbem.bridge.client")) {
                        offenders.add(ROOT.relativize(f).toString());
                    }
                }
            }
        }
        assertEquals(List.of(), offenders, "XenAPI wire code outside xen-bridge");
    }
}
