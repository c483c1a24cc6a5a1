package org.xenwbem.bridge.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xenwbem.bridge.client.XenApiConnection;
import org.xenwbem.bridge.client.XenApiSession;
import org.xenwbem.bridge.ops.PoolSession;
import org.xenwbem.bridge.ops.XapiPoolSession;
import org.xenwbem.bridge.ops.XenFailure;
import org.xenwbem.bridge.sim.SimulatedPool;
import org.xenwbem.bridge.storage.SrDisk.Disk;
import org.xenwbem.bridge.storage.SrDisk.Outcome;
import org.xenwbem.bridge.storagetest.Ceph;
import org.xenwbem.bridge.storagetest.ReflinkXfs;
import org.xenwbem.bridge.storagetest.StorageDaemons;

/**
 * The offload layer against the simulated pool holding real bytes (its SRs on the reflink XFS and on
 * Ceph): a clone made by the array is found by the simulator's SR.scan and named as xapi's own clone
 * would be; a fault at the scan or at a field set leaves no file and no VDI; an RBD clone is a COW
 * child in Ceph and is deleted with its parent snapshot.
 */
class OffloadOnSimulatedPoolTest {
    private static final long MIB = 1 << 20;
    private static final Duration T = Duration.ofSeconds(30);
    private static Path root;
    private static SimulatedPool pool;
    private static XenApiConnection conn;
    private static XenApiSession raw;
    private static String host;

    @BeforeAll
    static void start() throws Exception {
        root = StorageDaemons.xfs().newDir("sim");
        pool = SimulatedPool.builder().hosts(1).vms(1).seed(5).rootPassword("pw").storageRoot(root)
                .taskDelay(Duration.ofMillis(5)).build();
        URI url = pool.start("127.0.0.1", 0);
        conn = XenApiConnection.create(url, Duration.ofSeconds(5), T);
        raw = conn.login("root", "pw".toCharArray(), "offload-test");
        host = (String) raw.call("host.get_by_uuid", pool.state().masterUuid());
    }

    @AfterAll
    static void stop() {
        pool.close();
    }

    private static String sr(String type, Map<String, String> deviceConfig) throws Exception {
        String ref = (String) raw.call("SR.create", host, deviceConfig, "0", type + " sr", "", type, "user", true,
                Map.of());
        return (String) raw.call("SR.get_uuid", ref);
    }

    private static Map<?, ?> vdiRecord(String uuid) throws Exception {
        return (Map<?, ?>) raw.call("VDI.get_record", raw.call("VDI.get_by_uuid", uuid));
    }

    private static OffloadedDisks offload() throws Exception {
        return new OffloadedDisks(new ArrayAdapters(ArrayConfig.parse("[reflink]\nformat = raw\n", "test"), root), T);
    }

    private static List<String> files(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".raw")).sorted().toList();
        }
    }

    /** An nfs SR (its bytes in {@code <root>/<sr>}) with one 64 MiB disk whose first MiB is written. */
    private static Disk goldOnNfs(PoolSession ps) throws Exception {
        Map<String, String> dc = Map.of("server", "127.0.0.1", "serverpath", "/exports/x");
        String sr = sr("nfs", dc);
        String vdi = ps.devices().createVdi(sr, "gold", 64 * MIB, "user", false, false);
        try (RandomAccessFile f = new RandomAccessFile(root.resolve(sr).resolve(vdi + ".raw").toFile(), "rw")) {
            f.write(new byte[(int) MIB]);
        }
        return new Disk(vdi, new SrDisk.Sr(sr, "nfs", dc), "gold", "the base image", Map.of("folder", "/gold"));
    }

    @Test
    void aReflinkCloneIsFoundByTheScanAndNamedAsXapisOwn() throws Exception {
        try (PoolSession ps = XapiPoolSession.login(conn, "root", "pw".toCharArray())) {
            Disk gold = goldOnNfs(ps);
            Outcome o = offload().clone(ps, gold);
            assertEquals("reflink", o.path());
            Map<?, ?> rec = vdiRecord(o.vdiUuid());
            assertEquals("gold", rec.get("name_label"));
            assertEquals("the base image", rec.get("name_description"));
            assertEquals(Map.of("folder", "/gold", "xenwbem-offload", "reflink"), rec.get("other_config"));
            assertEquals(String.valueOf(64 * MIB), String.valueOf(rec.get("virtual_size")));
            assertTrue(ps.storage().vdisOf(gold.sr().uuid()).contains(o.vdiUuid()));
            Path dir = root.resolve(gold.sr().uuid());
            assertTrue(ReflinkXfs.isReflinked(dir.resolve(gold.vdiUuid() + ".raw"), dir.resolve(o.vdiUuid() + ".raw")),
                    "the clone shares the source's extents");
        }
    }

    /** Adapters as the daemon builds them under --simulate: the simulated pool's file SRs keep raw disks. */
    @Test
    void aDiskTheReflinkAdapterCreatesIsFoundByTheSimulatorsScan() throws Exception {
        OffloadedDisks daemonLike = new OffloadedDisks(new ArrayAdapters(ArrayConfig.defaults(), root, "raw"), T);
        try (PoolSession ps = XapiPoolSession.login(conn, "root", "pw".toCharArray())) {
            Disk gold = goldOnNfs(ps);
            Outcome o = daemonLike.create(ps, gold.sr(), 32 * MIB, "blank", "made by the adapter");
            assertEquals("reflink", o.path());
            assertTrue(Files.isRegularFile(root.resolve(gold.sr().uuid()).resolve(o.vdiUuid() + ".raw")));
            assertTrue(ps.storage().vdisOf(gold.sr().uuid()).contains(o.vdiUuid()), "SR.scan found the new disk");
            Map<?, ?> rec = vdiRecord(o.vdiUuid());
            assertEquals("blank", rec.get("name_label"));
            assertEquals(String.valueOf(32 * MIB), String.valueOf(rec.get("virtual_size")));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"scanSr", "set:name_label", "addToMap:other_config"})
    void aFaultAtAnyStepLeavesNoFileAndNoVdi(String step) throws Exception {
        try (PoolSession ps = XapiPoolSession.login(conn, "root", "pw".toCharArray())) {
            Disk gold = goldOnNfs(ps);
            assertThrows(XenFailure.class, () -> offload().clone(failing(ps, step), gold));
            assertEquals(List.of(gold.vdiUuid() + ".raw"), files(root.resolve(gold.sr().uuid())));
            assertEquals(List.of(gold.vdiUuid()), ps.storage().vdisOf(gold.sr().uuid()));
        }
    }

    @Test
    void anRbdCloneIsACowChildAndGoesWithItsParentSnapshot() throws Exception {
        Ceph ceph = StorageDaemons.ceph();
        try (PoolSession ps = XapiPoolSession.login(conn, "root", "pw".toCharArray())) {
            String sr = sr("rbd", ceph.deviceConfig());
            String vdi = ps.devices().createVdi(sr, "gold", 64 * MIB, "user", false, false);
            Disk gold = new Disk(vdi, new SrDisk.Sr(sr, "rbd", ceph.deviceConfig()), "gold", "", Map.of());
            Outcome o = offload().clone(ps, gold);
            assertEquals("rbd", o.path());
            Map<?, ?> info = (Map<?, ?>) ceph.json("info", "rbd/VHD-" + o.vdiUuid());
            assertEquals("VHD-" + vdi, ((Map<?, ?>) info.get("parent")).get("image"), "rbd info shows the parent");
            assertEquals("rbd", vdiRecord(o.vdiUuid()).get("other_config") instanceof Map<?, ?> m
                    ? m.get("xenwbem-offload") : null);
            offload().delete(ps, new Disk(o.vdiUuid(), gold.sr(), "gold", "", Map.of()));
            assertFalse(ps.storage().vdiExists(o.vdiUuid()));
            assertEquals(List.of(), ceph.json("snap", "ls", "rbd/VHD-" + vdi), "the parent snapshot went too");
            ps.devices().destroyVdi(vdi);
        }
    }

    /** The session with one call ({@code scanSr}, {@code set:<field>}) failing as xapi would fail it. */
    private static PoolSession failing(PoolSession real, String step) {
        return wrap(PoolSession.class, real, step);
    }

    @SuppressWarnings("unchecked")
    private static <T> T wrap(Class<T> type, Object real, String step) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, m, a) -> {
            String name = m.getName().equals("set") || m.getName().equals("addToMap") ? m.getName() + ":" + a[2] : m.getName();
            if (name.equals(step)) {
                throw new XenFailure(XenFailure.Kind.FAILED, "INJECTED", List.of(step), "injected at " + step, null);
            }
            try {
                Object r = m.invoke(real, a);
                boolean part = m.getReturnType().isInterface() && m.getReturnType().getPackageName()
                        .equals(PoolSession.class.getPackageName()) && a == null;
                return part ? wrap(m.getReturnType(), r, step) : r;
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
    }
}
