package org.xenwbem.bridge.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;

/** The orchestration on a real reflink XFS file SR (raw disks, so create and resize are offloaded too). */
class OffloadedDisksReflinkTest extends OffloadedDisksContract {
    private static Path dir;
    private static ReflinkAdapter real;

    @BeforeAll
    static void fileSystem() throws Exception {
        dir = XfsFixture.newDir("sr-" + StorageAdapterContract.uuid());
        real = new ReflinkAdapter(dir, "raw");
    }

    @Override
    StorageAdapter realAdapter() {
        return real;
    }

    @Override
    Set<String> held() throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".raw"))
                    .map(n -> n.substring(0, n.length() - 4)).collect(Collectors.toSet());
        }
    }

    @Override
    void seed(String vdi) throws Exception {
        new FileDisks(dir).seed(vdi, 8L << 20, 0x5a);
    }

    @Override
    String srType() {
        return "nfs";
    }

    @Override
    void assertNoTraceBeyondTheSource() throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(source + ".raw"), s.map(p -> p.getFileName().toString()).toList());
        }
    }
}
