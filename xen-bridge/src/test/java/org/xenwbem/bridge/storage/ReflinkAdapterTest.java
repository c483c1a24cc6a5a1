package org.xenwbem.bridge.storage;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The offload contract on a real reflink XFS loop mount; a clone shares its source's extents. */
class ReflinkAdapterTest extends StorageAdapterContract {
    private static FileDisks disks;
    private static ReflinkAdapter adapter;

    @BeforeAll
    static void fileSystem() throws Exception {
        Path dir = XfsFixture.newDir("sr-" + uuid());
        disks = new FileDisks(dir);
        adapter = new ReflinkAdapter(dir, "raw");
    }

    @Override
    StorageAdapter adapter() {
        return adapter;
    }

    @Override
    void seed(String vdi, long size, int pattern) throws Exception {
        disks.seed(vdi, size, pattern);
    }

    @Override
    void fill(String vdi, int pattern, int len) throws Exception {
        disks.fill(vdi, pattern, len);
    }

    @Override
    boolean holdsPattern(String vdi, int pattern, int len) throws Exception {
        return disks.holdsPattern(vdi, pattern, len);
    }

    @Override
    long sizeOf(String vdi) throws Exception {
        return disks.sizeOf(vdi);
    }

    @Override
    List<String> traces(String... vdis) throws Exception {
        return disks.traces(vdis);
    }

    @Override
    String traceOf(String vdi) {
        return vdi + ".raw";
    }

    @Test
    void aCloneSharesItsSourcesExtents() throws Exception {
        String src = uuid();
        String clone = uuid();
        disks.seed(src, SIZE, 0x42);
        adapter.clone(src, clone);
        String frag = XfsFixture.run("filefrag", "-v", disks.file(clone).toString());
        assertTrue(frag.contains("shared"), "FICLONE shares extents: " + frag);
        deleteAll(clone, src);
    }
}
