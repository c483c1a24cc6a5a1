package org.xenwbem.tests.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.xenwbem.bridge.client.XenApiConnection;
import org.xenwbem.bridge.client.XenApiSession;
import org.xenwbem.bridge.sim.SimulatedPool;
import org.xenwbem.bridge.storagetest.Ceph;
import org.xenwbem.bridge.storagetest.ReflinkXfs;
import org.xenwbem.bridge.storagetest.StorageDaemons;

/**
 * The simulated pool's storage costs, through XenAPI as a client sees them: VDI.copy (the thick copy
 * the P5 offload comparison runs against) and VDI.clone of a 20 GiB disk with 4 GiB written, on a file
 * SR on real reflink XFS; SR.scan (the step the offload layer runs after each offloaded disk) with 1 and
 * 20 VDIs on that SR and on an rbd SR on real Ceph. Prints BENCH lines; asserts only that the copy has
 * the data and the clone shares its blocks, never timings.
 */
@Tag("benchmark")
class SimStorageBenchmark {
    private static final long GIB = 1L << 30;
    private static final BenchReport REPORT = new BenchReport("sim-storage");

    private static double ms(long t0) {
        return (System.nanoTime() - t0) / 1e6;
    }

    private static XenApiSession login(SimulatedPool pool) throws Exception {
        return XenApiConnection.create(pool.url(), Duration.ofSeconds(2), Duration.ofMinutes(10))
                .login("root", "pw".toCharArray(), "sim-storage-bench");
    }

    private static String vdi(XenApiSession s, String sr, long size) throws Exception {
        return (String) s.call("VDI.create", Map.of("name_label", "bench", "SR", sr, "virtual_size",
                Long.toString(size), "type", "user", "sharable", false, "read_only", false, "other_config", Map.of()));
    }

    @Test
    void fileSrOnReflinkXfs() throws Exception {
        ReflinkXfs xfs = StorageDaemons.xfs();
        Path loc = xfs.newDir("sim-bench");
        try (SimulatedPool pool = SimulatedPool.builder().hosts(1).vms(0).rootPassword("pw").build()) {
            pool.start("127.0.0.1", 0);
            XenApiSession s = login(pool);
            String host = (String) s.call("host.get_by_uuid", pool.state().masterUuid());
            String sr = (String) s.call("SR.create", host, Map.of("location", loc.toString()), "0", "bench", "",
                    "file", "user", false, Map.of());
            String src = vdi(s, sr, 20 * GIB);
            Path file = loc.resolve(s.call("VDI.get_uuid", src) + ".raw");
            long w0 = System.nanoTime();
            write(file, 4 * GIB);
            REPORT.print("sim.file.write_4GiB_behind_xapi", ms(w0), "ms");
            long t0 = System.nanoTime();
            String copy = (String) s.call("VDI.copy", src, sr);
            REPORT.print("sim.file.vdi_copy_20GiB_4GiB_written", ms(t0), "ms");
            Path copied = loc.resolve(s.call("VDI.get_uuid", copy) + ".raw");
            assertTrue(!ReflinkXfs.isReflinked(file, copied), "a thick copy shares nothing");
            t0 = System.nanoTime();
            String clone = (String) s.call("VDI.clone", src);
            REPORT.print("sim.file.vdi_clone_reflink", ms(t0), "ms");
            assertTrue(ReflinkXfs.isReflinked(file, loc.resolve(s.call("VDI.get_uuid", clone) + ".raw")));
            scans(s, sr, "file");
        }
    }

    @Test
    void rbdSr() throws Exception {
        Ceph ceph = StorageDaemons.ceph();
        String poolName = "simbench-" + UUID.randomUUID().toString().substring(0, 8);
        ceph.ceph("osd", "pool", "create", poolName, "8", "8", "replicated");
        ceph.run("pool", "init", poolName);
        try (SimulatedPool pool = SimulatedPool.builder().hosts(1).vms(0).rootPassword("pw").build()) {
            pool.start("127.0.0.1", 0);
            XenApiSession s = login(pool);
            String host = (String) s.call("host.get_by_uuid", pool.state().masterUuid());
            Map<String, String> dc = new HashMap<>(ceph.deviceConfig());
            dc.put("pool", poolName);
            String sr = (String) s.call("SR.create", host, dc, "0", "bench", "", "rbd", "user", true, Map.of());
            long t0 = System.nanoTime();
            String v = vdi(s, sr, GIB);
            REPORT.print("sim.rbd.vdi_create", ms(t0), "ms");
            t0 = System.nanoTime();
            s.call("VDI.copy", v, sr);
            REPORT.print("sim.rbd.vdi_copy_1GiB_empty", ms(t0), "ms");
            scans(s, sr, "rbd");
        } finally {
            ceph.ceph("osd", "pool", "delete", poolName, poolName, "--yes-i-really-really-mean-it");
        }
    }

    /** SR.scan with what the SR holds, then with 20 VDIs. */
    private void scans(XenApiSession s, String sr, String kind) throws Exception {
        long t0 = System.nanoTime();
        s.call("SR.scan", sr);
        int n = ((List<?>) s.call("SR.get_VDIs", sr)).size();
        REPORT.print("sim." + kind + ".sr_scan_" + n + "_vdis", ms(t0), "ms");
        while (((List<?>) s.call("SR.get_VDIs", sr)).size() < 20) {
            vdi(s, sr, GIB);
        }
        t0 = System.nanoTime();
        s.call("SR.scan", sr);
        REPORT.print("sim." + kind + ".sr_scan_20_vdis", ms(t0), "ms");
        assertEquals(20, ((List<?>) s.call("SR.get_VDIs", sr)).size());
    }

    private static void write(Path file, long bytes) throws Exception {
        ByteBuffer buf = ByteBuffer.allocateDirect(4 << 20);
        java.util.Random r = new java.util.Random(1);
        byte[] chunk = new byte[4 << 20];
        r.nextBytes(chunk);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            for (long pos = 0; pos < bytes; pos += chunk.length) {
                chunk[0] = (byte) pos;
                buf.clear();
                buf.put(chunk).flip();
                while (buf.hasRemaining()) {
                    ch.write(buf, pos + buf.position());
                }
            }
            ch.force(false);
        }
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            assertEquals(20 * GIB, f.length());
        }
    }
}
