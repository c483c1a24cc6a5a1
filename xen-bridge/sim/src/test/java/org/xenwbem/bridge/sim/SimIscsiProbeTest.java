package org.xenwbem.bridge.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xenwbem.bridge.client.XenApiConnection;
import org.xenwbem.bridge.client.XenApiException;
import org.xenwbem.bridge.client.XenApiSession;
import org.xenwbem.bridge.storagetest.StorageDaemons;
import org.xenwbem.bridge.storagetest.Tgt;

/** SR.probe and SR.create for lvmoiscsi against a real tgt on 127.0.0.1, with SM's error codes and XML. */
class SimIscsiProbeTest {
    private static final long MIB = 1 << 20;
    @TempDir
    static Path tmp;
    private static Tgt tgt;
    private static String iqn;
    private static SimulatedPool pool;
    private static XenApiSession s;
    private static String host;

    @BeforeAll
    static void start() throws Exception {
        tgt = StorageDaemons.tgt();
        iqn = "iqn.2026-12.org.xenwbem:simstore-" + UUID.randomUUID().toString().substring(0, 8);
        tgt.addTarget(iqn, List.of(lun("a.img", 64 * MIB), lun("b.img", 32 * MIB)));
        pool = SimulatedPool.builder().hosts(2).vms(1).seed(4).rootPassword("pw").storageRoot(tmp.resolve("root"))
                .build();
        URI url = pool.start("127.0.0.1", 0);
        s = XenApiConnection.create(url, Duration.ofSeconds(2), Duration.ofSeconds(30)).login("root",
                "pw".toCharArray(), "iscsi-test");
        host = (String) s.call("host.get_by_uuid", pool.state().masterUuid());
    }

    private static Path lun(String name, long size) throws Exception {
        Path p = tmp.resolve(name);
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            f.setLength(size);
        }
        return p;
    }

    @AfterAll
    static void stop() {
        if (pool != null) {
            pool.close();
        }
    }

    private static XenApiException fails(String code, String method, Object... params) {
        XenApiException e = assertThrows(XenApiException.class, () -> s.call(method, params));
        assertEquals(code, e.code(), e.getMessage());
        return e;
    }

    private static Map<String, String> dc(String... kv) {
        Map<String, String> m = new HashMap<>(Map.of("target", "127.0.0.1", "port", Integer.toString(tgt.port())));
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void probeListsIqnsThenLunsThenCreatesOnTheChosenLun() throws Exception {
        String iqns = fails("SR_BACKEND_FAILURE_96", "SR.probe", host, dc(), "lvmoiscsi", Map.of()).params().get(2);
        assertTrue(iqns.contains("<iscsi-target-iqns>"), iqns);
        assertTrue(iqns.contains("<IPAddress>127.0.0.1</IPAddress>"), iqns);
        assertTrue(iqns.contains("<Port>" + tgt.port() + "</Port>"), iqns);
        assertTrue(iqns.contains("<TargetIQN>" + iqn + "</TargetIQN>"), iqns);
        assertTrue(iqns.contains("<TargetIQN>*</TargetIQN>"), "SM's wildcard entry: " + iqns);
        fails("SR_BACKEND_FAILURE_96", "SR.probe", host, dc("targetIQN", "iqn.2026-12.org.xenwbem:absent"),
                "lvmoiscsi", Map.of());
        String luns = fails("SR_BACKEND_FAILURE_107", "SR.probe", host, dc("targetIQN", iqn), "lvmoiscsi", Map.of())
                .params().get(2);
        assertTrue(luns.contains("<iscsi-target>"), luns);
        assertTrue(luns.contains("<LUNid>1</LUNid>") && luns.contains("<LUNid>2</LUNid>"), luns);
        assertTrue(luns.contains("<size>" + 64 * MIB + "</size>"), luns);
        assertTrue(luns.contains("<vendor>IET</vendor>"), luns);
        Matcher m = Pattern.compile("<SCSIid>([^<]+)</SCSIid>").matcher(luns);
        assertTrue(m.find(), luns);
        String scsiId = m.group(1);
        fails("SR_BACKEND_FAILURE_107", "SR.create", host, dc("targetIQN", iqn, "SCSIid", "1nope"), "0", "x", "",
                "lvmoiscsi", "user", true, Map.of());
        String empty = (String) s.call("SR.probe", host, dc("targetIQN", iqn, "SCSIid", scsiId), "lvmoiscsi",
                Map.of());
        assertTrue(empty.contains("<SRlist>") && !empty.contains("<UUID>"), empty);
        String sr = (String) s.call("SR.create", host, dc("targetIQN", iqn, "SCSIid", scsiId), "0", "iscsi", "",
                "lvmoiscsi", "user", true, Map.of());
        assertEquals(String.valueOf(64 * MIB), String.valueOf(s.call("SR.get_physical_size", sr)));
        assertEquals(2, ((List<?>) s.call("SR.get_PBDs", sr)).size());
        String found = (String) s.call("SR.probe", host, dc("targetIQN", iqn, "SCSIid", scsiId), "lvmoiscsi",
                Map.of());
        assertTrue(found.contains("<UUID>" + s.call("SR.get_uuid", sr) + "</UUID>"), found);
    }

    @Test
    void onlyLoopbackIsEverDialled() throws Exception {
        fails("SR_BACKEND_FAILURE_141", "SR.probe", host, Map.of("target", "192.0.2.7"), "lvmoiscsi", Map.of());
        fails("SR_BACKEND_FAILURE_141", "SR.create", host, Map.of("target", "10.0.0.1", "targetIQN", iqn,
                "SCSIid", "1x"), "0", "x", "", "lvmoiscsi", "user", true, Map.of());
        fails("SR_BACKEND_FAILURE_95", "SR.probe", host, Map.of(), "lvmoiscsi", Map.of());
        fails("SR_BACKEND_FAILURE_142", "SR.probe", host, Map.of("target", "127.0.0.1", "port", "99999"),
                "lvmoiscsi", Map.of());
        pool.faults().on("SR.probe").once().fail("SR_BACKEND_FAILURE_141", "", "injected", "");
        fails("SR_BACKEND_FAILURE_141", "SR.probe", host, dc(), "lvmoiscsi", Map.of());
    }
}
