package org.xenwbem.tests.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.xenwbem.bridge.storage.ArrayAdapters;
import org.xenwbem.bridge.storage.ArrayConfig;
import org.xenwbem.bridge.storage.SrDisk;
import org.xenwbem.bridge.storage.StorageAdapter;
import org.xenwbem.bridge.storagetest.Ceph;
import org.xenwbem.bridge.storagetest.ReflinkXfs;
import org.xenwbem.bridge.storagetest.StorageDaemons;

/**
 * Issue #11 P5: a clone and a snapshot of a 20 GiB disk with 4 GiB written, offloaded to the back-end
 * (the offload layer's own adapters, chosen as the daemon chooses them) against a thick copy on the
 * same back-end ({@code rbd cp}; {@code cp --reflink=never}), on real Ceph RBD and real reflink XFS;
 * then the space 10 clones take. Prints BENCH lines; asserts only that the clones are what they claim
 * (a COW child in Ceph, shared extents on XFS), never timings.
 */
@Tag("benchmark")
class StorageOffloadBenchmark {
    private static final long GIB = 1L << 30;
    private static final long SIZE = 20 * GIB;
    private static final long WRITTEN = 4 * GIB;
    private static final int CLONES = 10;

    private static final BenchReport REPORT = new BenchReport("storage-offload");

    @Test
    void rbd() throws Exception {
        Ceph ceph = StorageDaemons.ceph();
        StorageAdapter a = adapter(new SrDisk.Sr(UUID.randomUUID().toString(), "rbd", ceph.deviceConfig()));
        String src = UUID.randomUUID().toString();
        List<String> made = new ArrayList<>(List.of(src));
        try {
            ceph.run("create", "--size", "20G", "rbd/VHD-" + src);
            long w0 = System.nanoTime();
            ceph.run("bench", "--io-type", "write", "--io-size", "4M", "--io-threads", "16", "--io-total", "4G",
                    "--io-pattern", "seq", "rbd/VHD-" + src);
            REPORT.print("p5.rbd.write_4GiB", ms(w0), "ms");
            REPORT.print("p5.rbd.cli_call", cliCall(ceph), "ms");
            double before = cloneCli(ceph, src, made, true);
            double cliV2 = cloneCli(ceph, src, made, false);
            int first = made.size();
            double clone = offloaded(a, src, made, false);
            double snapshot = offloaded(a, src, made, true);
            Map<?, ?> info = (Map<?, ?>) ceph.json("info", "rbd/VHD-" + made.get(first));
            assertEquals("VHD-" + src, ((Map<?, ?>) info.get("parent")).get("image"), "a COW child in Ceph");
            long used = duUsed(ceph, made.subList(first, made.size()));
            String thick = UUID.randomUUID().toString();
            long t0 = System.nanoTime();
            ceph.run("cp", "--no-progress", "rbd/VHD-" + src, "rbd/VHD-" + thick);
            double thickMs = ms(t0);
            made.add(thick);
            long thickUsed = duUsed(ceph, List.of(thick));
            figures("rbd", clone, snapshot, thickMs, used, thickUsed);
            REPORT.print("p5.rbd.clone_before_cli_v1_snap_protect_clone", before, "ms");
            REPORT.print("p5.rbd.clone_speedup_before", thickMs / before, "x");
            REPORT.print("p5.rbd.clone_cli_v2_snap_clone", cliV2, "ms");
            REPORT.print("p5.rbd.clone_speedup_cli_v2", thickMs / cliV2, "x");
        } finally {
            for (int i = made.size() - 1; i >= 0; i--) {
                a.delete(made.get(i)); // clones first: deleting the source first would flatten them all
            }
        }
    }

    @Test
    void reflinkXfs() throws Exception {
        Path dir = StorageDaemons.xfs().newDir("p5");
        StorageAdapter a = adapter(new SrDisk.Sr(UUID.randomUUID().toString(), "file", Map.of("location",
                dir.toString())));
        String src = UUID.randomUUID().toString();
        Path file = dir.resolve(src + ".raw");
        List<String> made = new ArrayList<>(List.of(src));
        try {
            long w0 = System.nanoTime();
            write(file);
            REPORT.print("p5.reflink.write_4GiB", ms(w0), "ms");
            REPORT.print("p5.reflink.cli_call", cpCall(dir), "ms");
            long before = used(dir);
            double clone = offloaded(a, src, made, false);
            double snapshot = offloaded(a, src, made, true);
            long clonesUsed = used(dir) - before;
            assertTrue(ReflinkXfs.isReflinked(file, dir.resolve(made.get(1) + ".raw")), "shared extents");
            long t0 = System.nanoTime();
            run("cp", "--reflink=never", file.toString(), dir.resolve("thick.raw").toString());
            run("sync", "-f", dir.resolve("thick.raw").toString());
            double thickMs = ms(t0);
            long thickUsed = used(dir) - before - clonesUsed;
            REPORT.print("p5.reflink.thick_copy_written_extents", writtenBytes(dir.resolve("thick.raw")) / (1 << 20),
                    "MiB");
            Files.delete(dir.resolve("thick.raw"));
            figures("reflink", clone, snapshot, thickMs, clonesUsed, thickUsed);
        } finally {
            for (String v : made) {
                a.delete(v);
            }
        }
    }

    private static StorageAdapter adapter(SrDisk.Sr sr) {
        return new ArrayAdapters(ArrayConfig.defaults(), Path.of("/nonexistent")).forSr(sr).orElseThrow();
    }

    /** Median time of one offloaded clone (or snapshot) of {@code src}; the first of them is the figure's {@code _first}. */
    private double offloaded(StorageAdapter a, String src, List<String> made, boolean snapshot) throws Exception {
        double[] t = new double[snapshot ? 1 : CLONES];
        for (int i = 0; i < t.length; i++) {
            String n = UUID.randomUUID().toString();
            long t0 = System.nanoTime();
            if (snapshot) {
                a.snapshot(src, n);
            } else {
                a.clone(src, n);
            }
            t[i] = ms(t0);
            made.add(n);
        }
        return snapshot ? t[0] : BenchReport.median(t);
    }

    private void figures(String tag, double clone, double snapshot, double thick, long clonesUsed, long thickUsed) {
        REPORT.print("p5." + tag + ".clone_offloaded", clone, "ms");
        REPORT.print("p5." + tag + ".snapshot_offloaded", snapshot, "ms");
        REPORT.print("p5." + tag + ".copy_thick", thick, "ms");
        REPORT.print("p5." + tag + ".clone_speedup", thick / clone, "x");
        REPORT.print("p5." + tag + ".snapshot_speedup", thick / snapshot, "x");
        REPORT.print("p5." + tag + ".space_after_" + CLONES + "_clones_and_1_snapshot", clonesUsed / (1 << 20), "MiB");
        REPORT.print("p5." + tag + ".space_of_1_thick_copy", thickUsed / (1 << 20), "MiB");
    }

    /**
     * A clone through the {@code rbd} CLI, one process per call, median of {@value #CLONES}: as the
     * adapter made it before ({@code v1}: {@code snap create}, {@code snap protect}, {@code clone}) or
     * as its CLI fallback makes it now (clone v2: {@code snap create}, {@code clone}). The adapter's own
     * figure ({@code clone_offloaded}) is librbd's, in-process.
     */
    private static double cloneCli(Ceph ceph, String src, List<String> made, boolean v1) {
        double[] t = new double[CLONES];
        for (int i = 0; i < t.length; i++) {
            String n = UUID.randomUUID().toString();
            String snap = "rbd/VHD-" + src + "@snap-" + n;
            long t0 = System.nanoTime();
            ceph.run("snap", "create", "--no-progress", snap);
            if (v1) {
                ceph.run("snap", "protect", snap);
            }
            ceph.run("clone", snap, "rbd/VHD-" + n);
            t[i] = ms(t0);
            made.add(n);
        }
        return BenchReport.median(t);
    }

    /** Bytes the images use, as {@code rbd du} reports them. */
    private static long duUsed(Ceph ceph, List<String> vdis) {
        long used = 0;
        for (String v : vdis) {
            Map<?, ?> du = (Map<?, ?>) ceph.json("du", "rbd/VHD-" + v);
            for (Object image : (List<?>) du.get("images")) {
                used += ((Number) ((Map<?, ?>) image).get("used_size")).longValue();
            }
        }
        return used;
    }

    /** Median cost of one rbd CLI call that does nothing (connect, ask, exit). */
    private static double cliCall(Ceph ceph) {
        double[] t = new double[5];
        for (int i = 0; i < t.length; i++) {
            long t0 = System.nanoTime();
            ceph.run("ls", "-p", "rbd");
            t[i] = ms(t0);
        }
        return BenchReport.median(t);
    }

    private static double cpCall(Path dir) throws Exception {
        Path a = dir.resolve("probe-a");
        Files.write(a, new byte[] {1});
        double[] t = new double[5];
        for (int i = 0; i < t.length; i++) {
            long t0 = System.nanoTime();
            run("cp", "--reflink=always", a.toString(), dir.resolve("probe-b" + i).toString());
            t[i] = ms(t0);
            Files.delete(dir.resolve("probe-b" + i));
        }
        Files.delete(a);
        return BenchReport.median(t);
    }

    /** A 20 GiB sparse file with its first 4 GiB written (not zeros), flushed to the file system. */
    private static void write(Path file) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw"); FileChannel ch = f.getChannel()) {
            f.setLength(SIZE);
            ByteBuffer buf = ByteBuffer.allocateDirect(4 << 20);
            for (long off = 0; off < WRITTEN; off += buf.capacity()) {
                buf.clear();
                while (buf.hasRemaining()) {
                    buf.putLong(off + buf.position());
                }
                buf.flip();
                ch.write(buf, off);
            }
            ch.force(true);
        }
    }

    /** Bytes allocated on the file system holding {@code dir} ({@code df}'s used). */
    private static long used(Path dir) throws Exception {
        run("sync", "-f", dir.toString());
        var store = Files.getFileStore(dir);
        return store.getTotalSpace() - store.getUnallocatedSpace();
    }

    /**
     * Bytes in the file's written extents ({@code filefrag -v}, extents not flagged {@code unwritten}):
     * df's figure also counts the space XFS preallocates for a file written sequentially.
     */
    private static long writtenBytes(Path file) throws Exception {
        Process p = new ProcessBuilder("filefrag", "-v", file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        Matcher bs = Pattern.compile("blocks? of (\\d+) bytes").matcher(out);
        long block = bs.find() ? Long.parseLong(bs.group(1)) : 4096;
        Pattern extent = Pattern.compile("^\\s*\\d+:.*?:.*?:\\s*(\\d+):.*$");
        long bytes = 0;
        for (String line : out.split("\n")) {
            Matcher m = extent.matcher(line);
            if (m.matches() && !line.contains("unwritten")) {
                bytes += Long.parseLong(m.group(1)) * block;
            }
        }
        return bytes;
    }

    private static void run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        assertEquals(0, p.waitFor(), String.join(" ", cmd));
    }

    private static double ms(long t0) {
        return (System.nanoTime() - t0) / 1e6;
    }
}
