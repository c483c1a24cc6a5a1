package org.xenwbem.bridge.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The orchestration against the fake ONTAP: a file clone xapi learns of; nothing left after a fault. */
class OffloadedDisksOntapTest extends OffloadedDisksContract {
    private static Path root;
    private static Path srDir;
    private static FakeOntap fake;
    private static StorageAdapter real;

    @BeforeAll
    static void array() throws Exception {
        root = Files.createTempDirectory("xenwbem-fake-ontap");
        Path volume = Files.createDirectories(root.resolve("volume"));
        fake = new FakeOntap(volume, Files.createDirectories(root.resolve("state")));
        srDir = Files.createDirectories(volume.resolve(SR));
        SrDisk.Sr sr = new SrDisk.Sr(SR, "nfs", Map.of("server", "127.0.0.1", "serverpath", "/xen_nfs"));
        real = new ArrayAdapters(ArrayConfig.parse(fake.configSection(SR), "test"), root).forSr(sr).orElseThrow();
    }

    @AfterAll
    static void stop() throws Exception {
        fake.close();
        XfsFixture.deleteTree(root);
    }

    @Override
    StorageAdapter realAdapter() {
        return real;
    }

    @Override
    Set<String> held() throws Exception {
        try (Stream<Path> s = Files.list(srDir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".raw"))
                    .map(n -> n.substring(0, n.length() - 4)).collect(Collectors.toSet());
        }
    }

    @Override
    void seed(String vdi) throws Exception {
        new FileDisks(srDir).seed(vdi, 8L << 20, 0x5a);
    }

    @Override
    String srType() {
        return "nfs";
    }

    @Override
    void assertNoTraceBeyondTheSource() throws Exception {
        try (Stream<Path> s = Files.list(srDir)) {
            assertEquals(List.of(source + ".raw"), s.map(p -> p.getFileName().toString()).toList());
        }
    }
}
