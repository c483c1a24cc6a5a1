package org.xenwbem.bridge.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.RandomAccessFile;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xenwbem.bridge.client.XenApiConnection;
import org.xenwbem.bridge.client.XenApiException;
import org.xenwbem.bridge.client.XenApiSession;
import org.xenwbem.bridge.transfer.VdiFormat;
import org.xenwbem.bridge.transfer.VdiTransfer;

/** File-based SRs keep real bytes: sparse files, thick copy, scan, probe/introduce, refusals, faults. */
class SimFileStorageTest {
    private static final long MIB = 1 << 20;
    @TempDir
    Path tmp;
    private SimulatedPool pool;
    private XenApiSession s;
    private String host;

    @BeforeEach
    void start() throws Exception {
        pool = SimulatedPool.builder().hosts(2).vms(2).seed(3).rootPassword("pw").storageRoot(tmp.resolve("root"))
                .taskDelay(Duration.ofMillis(5)).build();
        URI url = pool.start("127.0.0.1", 0);
        s = XenApiConnection.create(url, Duration.ofSeconds(2), Duration.ofSeconds(30)).login("root",
                "pw".toCharArray(), "storage-test");
        host = (String) s.call("host.get_by_uuid", pool.state().masterUuid());
    }

    @AfterEach
    void stop() {
        pool.close();
    }

    private XenApiException fails(String code, String method, Object... params) {
        XenApiException e = assertThrows(XenApiException.class, () -> s.call(method, params));
        assertEquals(code, e.code(), e.getMessage());
        return e;
    }

    private String fileSr(Path location) throws Exception {
        return (String) s.call("SR.create", host, Map.of("location", location.toString()), "0", "files", "",
                "file", "user", false, Map.of());
    }

    private String vdi(String sr, long size) throws Exception {
        return (String) s.call("VDI.create", Map.of("name_label", "d", "SR", sr, "virtual_size", Long.toString(size),
                "type", "user", "sharable", false, "read_only", false, "other_config", Map.of()));
    }

    private String uuid(String cls, String ref) throws Exception {
        return (String) s.call(cls + ".get_uuid", ref);
    }

    private static long allocated(Path p) throws Exception {
        String out = SimCommand.run(List.of("stat", "-c", "%b", p.toString())).strip();
        return Long.parseLong(out) * 512;
    }

    @Test
    void vdisAreSparseFilesThatGrowAndGo() throws Exception {
        Path loc = tmp.resolve("file-sr");
        String sr = fileSr(loc);
        assertTrue(Files.isRegularFile(loc.resolve("sr-metadata")));
        Path mount = pool.storageRoot().orElseThrow().resolve(uuid("SR", sr));
        assertTrue(Files.isSymbolicLink(mount) && Files.isSameFile(mount, loc), "reachable under the mount root");
        assertTrue((Long) Long.valueOf((String) String.valueOf(s.call("SR.get_physical_size", sr))) > 0);
        String v = vdi(sr, 64 * MIB);
        Path file = loc.resolve(uuid("VDI", v) + ".raw");
        assertEquals(64 * MIB, Files.size(file));
        assertEquals(0, allocated(file));
        s.call("VDI.resize", v, Long.toString(96 * MIB));
        assertEquals(96 * MIB, Files.size(file));
        fails("SR_BACKEND_FAILURE_79", "VDI.resize", v, Long.toString(MIB));
        s.call("VDI.resize_online", v, Long.toString(128 * MIB));
        assertEquals(128 * MIB, Files.size(file));
        assertEquals(String.valueOf(128 * MIB), String.valueOf(s.call("VDI.get_virtual_size", v)));
        s.call("VDI.destroy", v);
        assertFalse(Files.exists(file));
    }

    @Test
    void importIsCountedAndCopyIsThickAndEqual() throws Exception {
        String sr = fileSr(tmp.resolve("sr"));
        String v = vdi(sr, 32 * MIB);
        byte[] data = new byte[(int) (4 * MIB)];
        new Random(7).nextBytes(data);
        new VdiTransfer(s).importVdi(uuid("VDI", v), VdiFormat.RAW, new ByteArrayInputStream(data), data.length);
        long used = Long.parseLong(String.valueOf(s.call("VDI.get_physical_utilisation", v)));
        assertTrue(used >= 4 * MIB && used < 5 * MIB, "allocated blocks, not the virtual size: " + used);
        String other = fileSr(tmp.resolve("other"));
        String copy = (String) s.call("VDI.copy", v, other);
        Path copied = tmp.resolve("other").resolve(uuid("VDI", copy) + ".raw");
        Path source = tmp.resolve("sr").resolve(uuid("VDI", v) + ".raw");
        assertEquals(Files.size(source), Files.size(copied));
        assertArrayEquals(Files.readAllBytes(source), Files.readAllBytes(copied));
        assertTrue(allocated(copied) >= 4 * MIB, "a thick copy writes the data again");
        ByteArrayOutputStream back = new ByteArrayOutputStream();
        new VdiTransfer(s).exportVdi(uuid("VDI", copy), VdiFormat.RAW, back);
        assertArrayEquals(data, java.util.Arrays.copyOf(back.toByteArray(), data.length));
        String into = vdi(other, 40 * MIB);
        assertEquals(into, s.call("VDI.copy", v, "OpaqueRef:NULL", "OpaqueRef:NULL", into));
        Path intoFile = tmp.resolve("other").resolve(uuid("VDI", into) + ".raw");
        assertEquals(40 * MIB, Files.size(intoFile));
        assertArrayEquals(data, java.util.Arrays.copyOf(Files.readAllBytes(intoFile), data.length));
        fails("VDI_TOO_SMALL", "VDI.copy", v, "OpaqueRef:NULL", "OpaqueRef:NULL", vdi(other, MIB));
        String clone = (String) s.call("VDI.clone", v);
        assertArrayEquals(Files.readAllBytes(source),
                Files.readAllBytes(tmp.resolve("sr").resolve(uuid("VDI", clone) + ".raw")));
    }

    @Test
    void scanIntroducesAndDropsWhatChangedBehindXapisBack() throws Exception {
        Path loc = tmp.resolve("scan");
        String sr = fileSr(loc);
        String known = vdi(sr, 8 * MIB);
        String outOfBand = UUID.randomUUID().toString();
        try (RandomAccessFile f = new RandomAccessFile(loc.resolve(outOfBand + ".raw").toFile(), "rw")) {
            f.setLength(16 * MIB);
            f.write(new byte[] {1, 2, 3});
        }
        Files.delete(loc.resolve(uuid("VDI", known) + ".raw"));
        long before = pool.state().generation();
        s.call("SR.scan", sr);
        assertTrue(pool.state().generation() > before, "the scan's changes are events");
        String found = (String) s.call("VDI.get_by_uuid", outOfBand);
        assertEquals(String.valueOf(16 * MIB), String.valueOf(s.call("VDI.get_virtual_size", found)));
        assertEquals(sr, s.call("VDI.get_SR", found));
        fails("HANDLE_INVALID", "VDI.get_record", known);
        assertEquals(String.valueOf(16 * MIB), String.valueOf(s.call("SR.get_virtual_allocation", sr)));
        SimAssertions.assertConsistent(pool.state());
    }

    @Test
    void forgottenSrIsProbedIntroducedAndScannedBackWithItsDisks() throws Exception {
        Path loc = tmp.resolve("again");
        String sr = fileSr(loc);
        String srUuid = uuid("SR", sr);
        String v = vdi(sr, 8 * MIB);
        String vUuid = uuid("VDI", v);
        for (Object pbd : (List<?>) s.call("SR.get_PBDs", sr)) {
            s.call("PBD.unplug", pbd);
        }
        s.call("SR.forget", sr);
        assertTrue(Files.exists(loc.resolve(vUuid + ".raw")), "forget keeps the data");
        assertFalse(Files.exists(pool.storageRoot().orElseThrow().resolve(srUuid), java.nio.file.LinkOption.NOFOLLOW_LINKS));
        Map<String, String> dc = Map.of("location", loc.toString());
        String xml = (String) s.call("SR.probe", host, dc, "file", Map.of());
        assertTrue(xml.contains("<UUID>" + srUuid + "</UUID>"), xml);
        String back = (String) s.call("SR.introduce", srUuid, "files", "", "file", "user", false, Map.of());
        fails("SR_UUID_EXISTS", "SR.introduce", srUuid, "files", "", "file", "user", false, Map.of());
        String pbd = (String) s.call("PBD.create", Map.of("host", host, "SR", back, "device_config", dc));
        s.call("PBD.plug", pbd);
        s.call("SR.scan", back);
        assertEquals(back, s.call("VDI.get_SR", s.call("VDI.get_by_uuid", vUuid)));
        fails("SR_BACKEND_FAILURE_42", "SR.create", host, dc, "0", "x", "", "file", "user", false, Map.of());
    }

    @Test
    void destroyRefusesWhileInUseOrNotEmpty() throws Exception {
        String sr = (String) s.call("SR.create", host, Map.of("location", tmp.resolve("busy").toString()), "0",
                "shared files", "", "file", "user", true, Map.of());
        String v = vdi(sr, MIB);
        String vm = (String) s.call("VM.get_by_uuid", pool.state().vmUuidByName("sim-vm-1").orElseThrow());
        if (!"Running".equals(s.call("VM.get_power_state", vm))) {
            s.call("VM.start", vm, false, false);
        }
        String vbd = (String) s.call("VBD.create", Map.of("VM", vm, "VDI", v, "userdevice", "5", "bootable", false,
                "mode", "RW", "type", "Disk", "empty", false, "other_config", Map.of(), "qos_algorithm_type", "",
                "qos_algorithm_params", Map.of()));
        if (!Boolean.TRUE.equals(s.call("VBD.get_currently_attached", vbd))) {
            s.call("VBD.plug", vbd);
        }
        fails("SR_HAS_PBD", "SR.destroy", sr);
        Object resident = s.call("VM.get_resident_on", vm);
        for (Object pbd : (List<?>) s.call("SR.get_PBDs", sr)) {
            if (resident.equals(s.call("PBD.get_host", pbd))) {
                XenApiException inUse = fails("VDI_IN_USE", "PBD.unplug", pbd);
                assertEquals(List.of(v), inUse.params());
            }
        }
        fails("VDI_IN_USE", "VDI.destroy", v);
        s.call("VBD.unplug", vbd);
        for (Object pbd : (List<?>) s.call("SR.get_PBDs", sr)) {
            s.call("PBD.unplug", pbd);
        }
        fails("SR_NOT_EMPTY", "SR.destroy", sr);
        s.call("VDI.destroy", v);
        s.call("SR.destroy", sr);
        assertFalse(Files.exists(tmp.resolve("busy").resolve("sr-metadata")));
    }

    @Test
    void resizeOnlineNeedsTheCapabilityAndTypesAreListed() throws Exception {
        String lvm = (String) s.call("SR.create", host, Map.of("device", "/dev/sim-x"), "0", "lvm", "", "lvm",
                "user", false, Map.of());
        String v = vdi(lvm, MIB);
        fails("SR_OPERATION_NOT_SUPPORTED", "VDI.resize_online", v, Long.toString(2 * MIB));
        List<?> types = (List<?>) s.call("SR.get_supported_types");
        assertTrue(types.containsAll(List.of("nfs", "file", "rbd", "lvmoiscsi")), types.toString());
        fails("SR_BACKEND_FAILURE_94", "SR.create", host, Map.of(), "0", "x", "", "file", "user", false, Map.of());
    }

    @Test
    void injectedFaultsLeaveNothingBehind() throws Exception {
        Path loc = tmp.resolve("faults");
        pool.faults().on("SR.create").once().fail("SR_BACKEND_FAILURE_47", "", "injected", "");
        fails("SR_BACKEND_FAILURE_47", "SR.create", host, Map.of("location", loc.toString()), "0", "f", "", "file",
                "user", false, Map.of());
        assertFalse(Files.exists(loc));
        String sr = fileSr(loc);
        for (String m : List.of("SR.probe", "SR.introduce", "SR.scan", "VDI.resize_online", "VDI.copy")) {
            pool.faults().on(m).once().fail("SR_BACKEND_FAILURE_40", "", m, "");
        }
        fails("SR_BACKEND_FAILURE_40", "SR.scan", sr);
        fails("SR_BACKEND_FAILURE_40", "SR.probe", host, Map.of("location", loc.toString()), "file", Map.of());
        String v = vdi(sr, MIB);
        int before = pool.state().count("VDI");
        fails("SR_BACKEND_FAILURE_40", "VDI.copy", v, sr);
        assertEquals(before, pool.state().count("VDI"));
        try (var files = Files.list(loc)) {
            assertEquals(2, files.count(), "the marker and the one VDI");
        }
        Files.delete(loc.resolve(uuid("VDI", v) + ".raw"));
        fails("SR_BACKEND_FAILURE_78", "VDI.copy", v, sr);
        assertEquals(before, pool.state().count("VDI"), "a copy that failed halfway leaves no VDI");
        try (var files = Files.list(loc)) {
            assertEquals(1, files.count(), "and no file: " + loc);
        }
    }
}
