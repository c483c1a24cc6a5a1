package org.xenwbem.bridge.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xenwbem.bridge.client.XenApiConnection;
import org.xenwbem.bridge.client.XenApiException;
import org.xenwbem.bridge.client.XenApiSession;
import org.xenwbem.bridge.storagetest.Ceph;
import org.xenwbem.bridge.storagetest.StorageDaemons;
import org.xenwbem.bridge.transfer.VdiFormat;
import org.xenwbem.bridge.transfer.VdiTransfer;

/** rbd SRs on a real single-node Ceph: every VDI an RBD image VHD-<uuid>, bytes moved through the rbd CLI. */
class SimRbdStorageTest {
    private static final long MIB = 1 << 20;
    @TempDir
    static Path tmp;
    private static Ceph ceph;
    private static String poolName;
    private static SimulatedPool pool;
    private static XenApiSession s;
    private static String host;

    @BeforeAll
    static void start() throws Exception {
        ceph = StorageDaemons.ceph();
        poolName = "simstore-" + UUID.randomUUID().toString().substring(0, 8);
        ceph.ceph("osd", "pool", "create", poolName, "8", "8", "replicated");
        ceph.run("pool", "init", poolName);
        pool = SimulatedPool.builder().hosts(1).vms(1).seed(9).rootPassword("pw").storageRoot(tmp)
                .taskDelay(Duration.ofMillis(5)).build();
        URI url = pool.start("127.0.0.1", 0);
        s = XenApiConnection.create(url, Duration.ofSeconds(2), Duration.ofSeconds(60)).login("root",
                "pw".toCharArray(), "rbd-test");
        host = (String) s.call("host.get_by_uuid", pool.state().masterUuid());
    }

    @AfterAll
    static void stop() {
        if (pool != null) {
            pool.close();
        }
        if (poolName != null) {
            ceph.ceph("osd", "pool", "delete", poolName, poolName, "--yes-i-really-really-mean-it");
        }
    }

    private static Map<String, String> dc() {
        Map<String, String> dc = new HashMap<>(ceph.deviceConfig());
        dc.put("pool", poolName);
        return dc;
    }

    private static XenApiException fails(String code, String method, Object... params) {
        XenApiException e = assertThrows(XenApiException.class, () -> s.call(method, params));
        assertEquals(code, e.code(), e.getMessage());
        return e;
    }

    private static String vdi(String sr, long size) throws Exception {
        return (String) s.call("VDI.create", Map.of("name_label", "r", "SR", sr, "virtual_size", Long.toString(size),
                "type", "user", "sharable", false, "read_only", false, "other_config", Map.of()));
    }

    private static String images() {
        return ceph.run("ls", "-p", poolName);
    }

    @Test
    void imagesFollowTheVdisAndBytesRoundTrip() throws Exception {
        Map<String, String> bad = new HashMap<>(dc());
        bad.put("keyring", tmp.resolve("no-such-keyring").toString());
        fails("SR_BACKEND_FAILURE_47", "SR.create", host, bad, "0", "rbd", "", "rbd", "user", true, Map.of());
        fails("SR_BACKEND_FAILURE_115", "SR.create", host, Map.of("pool", poolName), "0", "rbd", "", "rbd", "user",
                true, Map.of());
        String sr = (String) s.call("SR.create", host, dc(), "0", "ceph", "", "rbd", "user", true, Map.of());
        String srUuid = (String) s.call("SR.get_uuid", sr);
        String v = vdi(sr, 8 * MIB + 4096);
        String u = (String) s.call("VDI.get_uuid", v);
        assertTrue(images().contains("VHD-" + u), images());
        byte[] data = new byte[(int) (2 * MIB)];
        new Random(3).nextBytes(data);
        new VdiTransfer(s).importVdi(u, VdiFormat.RAW, new ByteArrayInputStream(data), data.length);
        assertTrue(Long.parseLong(String.valueOf(s.call("VDI.get_physical_utilisation", v))) >= 2 * MIB);
        ByteArrayOutputStream back = new ByteArrayOutputStream();
        new VdiTransfer(s).exportVdi(u, VdiFormat.RAW, back);
        assertEquals(8 * MIB + 4096, back.size());
        assertArrayEquals(data, Arrays.copyOf(back.toByteArray(), data.length));
        s.call("VDI.resize_online", v, Long.toString(16 * MIB));
        assertTrue(ceph.run("info", poolName + "/VHD-" + u).contains("16 MiB"), ceph.run("info", poolName + "/VHD-" + u));
        fails("SR_BACKEND_FAILURE_79", "VDI.resize", v, Long.toString(MIB));
        String copy = (String) s.call("VDI.copy", v, sr);
        String cu = (String) s.call("VDI.get_uuid", copy);
        Path exported = tmp.resolve("copy.raw");
        ceph.run("export", "--no-progress", poolName + "/VHD-" + cu, exported.toString());
        assertArrayEquals(data, Arrays.copyOf(Files.readAllBytes(exported), data.length));
        assertEquals(16 * MIB, Files.size(exported));
        s.call("VDI.destroy", copy);
        assertFalse(images().contains("VHD-" + cu), images());
        String xml = (String) s.call("SR.probe", host, dc(), "rbd", Map.of());
        assertTrue(xml.contains("<UUID>" + srUuid + "</UUID>"), xml);
        scanSeesImagesMadeBehindItsBack(sr);
        forgetAndReattach(sr, srUuid, u);
    }

    private void scanSeesImagesMadeBehindItsBack(String sr) throws Exception {
        String outOfBand = UUID.randomUUID().toString();
        ceph.run("create", "--size", "4", poolName + "/VHD-" + outOfBand);
        ceph.run("create", "--size", "4", poolName + "/not-a-vdi");
        s.call("SR.scan", sr);
        String found = (String) s.call("VDI.get_by_uuid", outOfBand);
        assertEquals(String.valueOf(4 * MIB), String.valueOf(s.call("VDI.get_virtual_size", found)));
        ceph.run("rm", "--no-progress", poolName + "/VHD-" + outOfBand);
        s.call("SR.scan", sr);
        fails("HANDLE_INVALID", "VDI.get_record", found);
        ceph.run("rm", "--no-progress", poolName + "/not-a-vdi");
        SimAssertions.assertConsistent(pool.state());
    }

    private void forgetAndReattach(String sr, String srUuid, String vdiUuid) throws Exception {
        for (Object pbd : (List<?>) s.call("SR.get_PBDs", sr)) {
            s.call("PBD.unplug", pbd);
        }
        s.call("SR.forget", sr);
        assertTrue(images().contains("VHD-" + vdiUuid), "forget keeps the images");
        fails("SR_BACKEND_FAILURE_42", "SR.create", host, dc(), "0", "again", "", "rbd", "user", true, Map.of());
        String back = (String) s.call("SR.introduce", srUuid, "ceph", "", "rbd", "user", true, Map.of());
        String pbd = (String) s.call("PBD.create", Map.of("host", host, "SR", back, "device_config", dc()));
        s.call("PBD.plug", pbd);
        s.call("SR.scan", back);
        String v = (String) s.call("VDI.get_by_uuid", vdiUuid);
        assertEquals(back, s.call("VDI.get_SR", v));
        s.call("PBD.unplug", pbd);
        fails("SR_NOT_EMPTY", "SR.destroy", back);
        s.call("PBD.plug", pbd);
        s.call("VDI.destroy", v);
        s.call("PBD.unplug", pbd);
        s.call("SR.destroy", back);
        assertFalse(images().contains("VHD-"), images());
        assertFalse(((String) s.call("SR.probe", host, dc(), "rbd", Map.of())).contains("<UUID>"));
    }
}
