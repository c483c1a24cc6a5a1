package org.xenwbem.bridge.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xenwbem.bridge.storage.Capabilities.Operation;

/**
 * A file SR on a file system without reflink (the build machine's ext4 root): the probe says nothing
 * is offloaded, so {@link OffloadedDisks} takes xapi's path, and the probe leaves no file behind.
 */
class Ext4FallbackTest {
    @TempDir
    Path dir;

    @Test
    void theProbeOffloadsNothingOnExt4() throws Exception {
        String fs = Files.getFileStore(dir).type();
        org.junit.jupiter.api.Assumptions.assumeTrue("ext4".equals(fs), "the temp dir is on " + fs + ", not ext4");
        ReflinkAdapter a = new ReflinkAdapter(dir, "raw");
        Capabilities c = a.capabilities();
        assertFalse(c.offloads(Operation.CLONE), c.toString());
        assertTrue(c.offloaded().isEmpty(), c.toString());
        assertTrue(c.detail().contains("no reflink"), c.detail());
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count(), "the probe cleans up its scratch files");
        }
    }

    @Test
    void theChooserGivesAnExt4FileSrTheReflinkAdapterThatOffloadsNothing() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue("ext4".equals(Files.getFileStore(dir).type()));
        String sr = StorageAdapterContract.uuid();
        Files.createDirectories(dir.resolve(sr));
        ArrayAdapters adapters = new ArrayAdapters(ArrayConfig.defaults(), dir);
        SrDisk.Sr nfs = new SrDisk.Sr(sr, "nfs", Map.of("server", "127.0.0.1", "serverpath", "/x"));
        assertEquals(ReflinkAdapter.ID, adapters.forSr(nfs).orElseThrow().id());
        OffloadedDisks disks = new OffloadedDisks(adapters, java.time.Duration.ofSeconds(5));
        assertFalse(disks.capabilitiesOf(nfs).offloads(Operation.CLONE));
        String vdi = StorageAdapterContract.uuid();
        new FileDisks(dir.resolve(sr)).seed(vdi, 1 << 20, 7);
        ScanningXapi xapi = new ScanningXapi(sr, () -> java.util.Set.of(vdi));
        xapi.add(vdi, "disk", Map.of());
        SrDisk.Outcome o = disks.clone(xapi.session(), new SrDisk.Disk(vdi, nfs, "disk", "", Map.of()));
        assertEquals(SrDisk.Outcome.XAPI, o.path(), "ext4 clones through xapi");
        assertEquals(java.util.List.of("cloneVdi"), xapi.calls);
        try (var files = Files.list(dir.resolve(sr))) {
            assertEquals(1, files.count(), "nothing was made on the file system");
        }
    }
}
