package org.xenwbem.bridge.storagetest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** The storage daemons fixture against the real daemons: what every storage test relies on. */
class StorageDaemonsTest {
    private static final long MIB = 1L << 20;

    @Test
    void cephClonesAreCopyOnWriteChildrenOfAProtectedSnapshot() {
        Ceph c = StorageDaemons.ceph();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String base = c.pool() + "/base-" + tag;
        String clone = c.pool() + "/clone-" + tag;
        try {
            c.run("create", "--size", "64M", "--image-feature",
                    "layering,exclusive-lock,object-map,fast-diff,deep-flatten", base);
            c.run("bench", "--io-type", "write", "--io-size", "4M", "--io-total", "16M", base);
            c.run("snap", "create", base + "@gold");
            c.run("snap", "protect", base + "@gold");
            c.run("clone", base + "@gold", clone);
            Map<?, ?> parent = (Map<?, ?>) ((Map<?, ?>) c.json("info", clone)).get("parent");
            assertEquals("base-" + tag, parent.get("image"), "clone's parent image");
            assertEquals("gold", parent.get("snapshot"));
            assertEquals(List.of(clone), lines(c.run("children", base + "@gold")));
        } finally {
            quietly(() -> c.run("rm", clone));
            quietly(() -> c.run("snap", "unprotect", base + "@gold"));
            quietly(() -> c.run("snap", "purge", base));
            quietly(() -> c.run("rm", base));
        }
        List<?> left = (List<?>) c.json("ls", c.pool());
        assertFalse(left.contains("base-" + tag) || left.contains("clone-" + tag), "images removed: " + left);
    }

    @Test
    void cephClonesV2NeedNoProtectAndLetTheSnapshotGo() {
        Ceph c = StorageDaemons.ceph();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String base = c.pool() + "/v2base-" + tag;
        String clone = c.pool() + "/v2clone-" + tag;
        try {
            c.run("create", "--size", "16M", base);
            c.run("snap", "create", base + "@s");
            c.run("clone", base + "@s", clone);
            c.run("snap", "rm", base + "@s");
            Map<?, ?> parent = (Map<?, ?>) ((Map<?, ?>) c.json("info", clone)).get("parent");
            assertEquals("v2base-" + tag, parent.get("image"), "the clone keeps its parent (snapshot in trash)");
        } finally {
            quietly(() -> c.run("rm", clone));
            quietly(() -> c.run("rm", base));
        }
    }

    @Test
    void aFailedCephStartIsStoppedWipedAndRetried() throws IOException {
        StorageDaemons.ceph();
        Path dir = StorageDaemons.stateDir().resolve("ceph-retry");
        Faults.failNextCephStartAfterMon();
        Ceph second = Ceph.start(dir, "memstore");
        try {
            List<Long> failed = Faults.pidsAtFault();
            assertFalse(failed.isEmpty(), "the fault struck with the mon running");
            failed.forEach(p -> assertFalse(Proc.alive(p), "mon " + p + " of the failed start still runs"));
            assertFalse(failed.stream().anyMatch(second.pids()::contains));
            second.run("create", "--size", "4M", "rbd/after-retry");
            assertEquals(List.of("after-retry"), second.json("ls"));
        } finally {
            Ceph.discard(dir);
        }
        assertFalse(Files.exists(dir));
    }

    @Test
    void reflinkCopySharesEveryExtentAndTakesNoSpace() throws Exception {
        Path d = StorageDaemons.reflinkXfs();
        Path a = d.resolve("a.raw");
        byte[] chunk = new byte[(int) MIB];
        new Random(7).nextBytes(chunk);
        for (int i = 0; i < 32; i++) {
            Files.write(a, chunk, i == 0 ? new java.nio.file.OpenOption[0]
                    : new java.nio.file.OpenOption[] {java.nio.file.StandardOpenOption.APPEND});
        }
        sh("sync");
        long freeBefore = Files.getFileStore(d).getUsableSpace();
        sh("cp", "--reflink=always", a.toString(), d.resolve("b.raw").toString());
        sh("sync");
        long used = freeBefore - Files.getFileStore(d).getUsableSpace();
        assertTrue(ReflinkXfs.isReflinked(a, d.resolve("b.raw")), "clone shares extents with its source");
        assertEquals(32 * MIB, ReflinkXfs.sharedBytes(d.resolve("b.raw")));
        assertTrue(used < MIB, "reflink copy took " + used + " bytes");
        sh("cp", "--reflink=never", a.toString(), d.resolve("c.raw").toString());
        assertFalse(ReflinkXfs.isReflinked(a, d.resolve("c.raw")), "a plain copy shares nothing");
        assertEquals(0, ReflinkXfs.sharedBytes(d.resolve("c.raw")));
    }

    @Test
    void tgtServesAFileLunOnLoopbackAndAdvertisesOnlyLoopback(@TempDir Path tmp) throws IOException {
        Tgt t = StorageDaemons.tgt();
        StorageDaemons.require("iSCSI initiator", "iscsi-readcapacity16", "iscsi-ls");
        Path lun = tmp.resolve("lun1.img");
        try (RandomAccessFile f = new RandomAccessFile(lun.toFile(), "rw")) {
            f.setLength(64 * MIB);
        }
        String iqn = "iqn.2026-01.org.xenwbem.test:" + UUID.randomUUID().toString().substring(0, 8);
        int tid = t.addTarget(iqn, List.of(lun));
        try {
            assertEquals(64 * MIB, capacity(sh("iscsi-readcapacity16", t.url(iqn, 1))));
            String discovery = sh("iscsi-ls", "iscsi://" + t.portal());
            Matcher p = Pattern.compile("Portal:(\\S+)").matcher(discovery);
            List<String> portals = new ArrayList<>();
            while (p.find()) {
                portals.add(p.group(1));
            }
            assertFalse(portals.isEmpty(), discovery);
            portals.forEach(x -> assertTrue(x.startsWith("127.0.0.1:"), "advertised portal " + x));
        } finally {
            t.deleteTarget(tid);
        }
    }

    @Test
    void tgtServesAnRbdImageAsALun() {
        Ceph c = StorageDaemons.ceph();
        Tgt t = StorageDaemons.tgt();
        StorageDaemons.require("iSCSI initiator", "iscsi-readcapacity16");
        String image = "lun-" + UUID.randomUUID().toString().substring(0, 8);
        String iqn = "iqn.2026-01.org.xenwbem.test:" + image;
        c.run("create", "--size", "32M", c.pool() + "/" + image);
        int tid = t.addRbdTarget(iqn, c, image);
        try {
            assertEquals(32 * MIB, capacity(sh("iscsi-readcapacity16", t.url(iqn, 1))));
        } finally {
            t.deleteTarget(tid);
            c.run("rm", c.pool() + "/" + image);
        }
    }

    private static long capacity(String readcapacity16) {
        Matcher m = Pattern.compile("Total size:\\s*(\\d+)").matcher(readcapacity16);
        assertTrue(m.find(), readcapacity16);
        return Long.parseLong(m.group(1));
    }

    @Test
    void everyDaemonListensOnLoopbackOnly() {
        List<Long> pids = new ArrayList<>(StorageDaemons.ceph().pids());
        pids.add(StorageDaemons.tgt().pid());
        List<String> listeners = Listeners.of(pids);
        assertTrue(listeners.size() >= 3, "mon (2) + OSD + tgt listeners: " + listeners);
        listeners.forEach(l -> assertTrue(l.startsWith("127.0.0.1:"), "listener " + l));
    }

    @Test
    void daemonsStopWhenTheJvmIsKilled() throws Exception {
        StorageDaemons.require("the watchdog test", "ceph-mon", "ceph-osd", "tgtd", "mkfs.xfs", "setsid");
        String javaBin = ProcessHandle.current().info().command().orElse("java");
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process child = new ProcessBuilder(javaBin, "-Dxenwbem.ceph.objectstore=memstore", "-cp", cp,
                WatchdogChild.class.getName()).redirectErrorStream(true).start();
        try {
            Map<String, String> ready = WatchdogChildOutput.awaitReady(child, 120);
            child.destroyForcibly().waitFor();
            Path state = Path.of(ready.get("state"));
            String mount = ready.get("mount");
            List<Long> pids = Arrays.stream(ready.get("pids").split(",")).map(Long::parseLong).toList();
            long deadline = System.nanoTime() + 15_000_000_000L;
            while (System.nanoTime() < deadline && (pids.stream().anyMatch(Proc::alive) || mounted(mount)
                    || Files.exists(state))) {
                Thread.sleep(200);
            }
            pids.forEach(p -> assertFalse(Proc.alive(p), "daemon " + p + " outlived the killed JVM"));
            assertFalse(mounted(mount), mount + " still mounted");
            assertFalse(Files.exists(state), state + " not deleted");
        } finally {
            child.destroyForcibly();
        }
    }

    private static boolean mounted(String mountPoint) throws IOException {
        return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
                .anyMatch(l -> l.split(" ")[4].equals(mountPoint));
    }

    @Test
    void missingToolsSkipUnlessStorageIsRequiredThenFailNamingThem() {
        List<String> tools = List.of("sh", "xenwbem-no-such-storage-tool");
        TestAbortedException skip = assertThrows(TestAbortedException.class,
                () -> StorageDaemons.require("X", false, true, tools));
        assertTrue(skip.getMessage().contains("[xenwbem-no-such-storage-tool]"), skip.getMessage());
        AssertionFailedError failure = assertThrows(AssertionFailedError.class,
                () -> StorageDaemons.require("X", true, true, tools));
        assertTrue(failure.getMessage().contains("xenwbem-no-such-storage-tool")
                && failure.getMessage().contains(StorageDaemons.REQUIRE_ENV), failure.getMessage());
        assertThrows(AssertionFailedError.class, () -> StorageDaemons.require("X", true, false, List.of("sh")),
                "not root fails when storage is required");
        StorageDaemons.require("X", true, true, List.of("sh"));
    }

    @Test
    void aListenerOutsideLoopbackIsFound() {
        String ss = """
                tcp LISTEN 0 512 127.0.0.1:6800 0.0.0.0:* users:(("ceph-osd",pid=41,fd=20))
                tcp LISTEN 0 128 0.0.0.0:111 0.0.0.0:* users:(("rpcbind",pid=42,fd=8),("x",pid=41,fd=9))
                tcp LISTEN 0 128 [::]:3300 [::]:* users:(("ceph-mon",pid=43,fd=8))
                udp UNCONN 0 0 *:5353 *:* users:(("avahi",pid=44,fd=12))
                """;
        List<String> of41 = Listeners.parse(ss, List.of(41L));
        assertEquals(List.of("127.0.0.1:6800", "0.0.0.0:111"), of41);
        assertEquals(List.of("0.0.0.0:111"), StorageDaemons.outsideLoopback(of41));
        assertEquals(List.of("[::]:3300", "*:5353"), StorageDaemons.outsideLoopback(Listeners.parse(ss, List.of(43L, 44L))));
    }

    private static List<String> lines(String s) {
        return s.lines().map(String::strip).filter(x -> !x.isEmpty()).toList();
    }

    static String sh(String... cmd) {
        return Proc.run(Path.of("/tmp"), StorageDaemons.env(), 120, List.of(cmd)).orThrow();
    }

    private static void quietly(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            // cleanup of a failed test; the fixture deletes the whole cluster at exit anyway
        }
    }
}
