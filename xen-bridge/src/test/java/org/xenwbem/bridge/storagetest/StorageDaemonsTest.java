package org.xenwbem.bridge.storagetest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
            String cap = sh("iscsi-readcapacity16", t.url(iqn, 1));
            Matcher m = Pattern.compile("Total size:\\s*(\\d+)").matcher(cap);
            assertTrue(m.find(), cap);
            assertEquals(64 * MIB, Long.parseLong(m.group(1)));
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
