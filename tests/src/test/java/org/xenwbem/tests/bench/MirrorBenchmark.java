package org.xenwbem.tests.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.xenwbem.bridge.client.XenApiConnection;
import org.xenwbem.bridge.client.XenApiSession;
import org.xenwbem.bridge.mirror.XapiPoolMirror;
import org.xenwbem.bridge.sim.SimState;
import org.xenwbem.bridge.sim.SimulatedPool;

/**
 * The pool mirror at scale against the simulator (issue #3, "Performance"): for 1,000 and 10,000 VMs
 * with 3 disks and 2 NICs each, prints initial sync time, heap after sync, change-to-mirror latency
 * and the XenAPI call rate the client sustains. {@code mirror_heap} is the heap's growth from before
 * the sync to after it (the simulator's own growth while serving included, as it always was);
 * {@code mirror_retained} is what the mirror alone holds: the heap with it less the heap once it is
 * closed and unreachable. Prints {@code BENCH name value unit} lines; asserts
 * only that the mirror works, never timings.
 */
@Tag("benchmark")
class MirrorBenchmark {
    private static final String PASSWORD = "bench";
    private static final int CHANGES = 50;
    private static final Duration CALL_LOOP = Duration.ofSeconds(2);
    private static final int CALL_THREADS = 2;

    @Test
    void mirrorAtScale() throws Exception {
        for (int vms : new int[] {1_000, 10_000}) {
            run(vms);
        }
    }

    private void run(int vms) throws Exception {
        String tag = "vms" + vms;
        long t0 = System.nanoTime();
        try (SimulatedPool pool = SimulatedPool.builder().hosts(4).vms(vms).disksPerVm(3).nicsPerVm(2).seed(4)
                .rootPassword(PASSWORD).build()) {
            bench(tag + ".sim_seed_time", millisSince(t0), "ms");
            URI url = pool.start("127.0.0.1", 0);
            long heapBefore = usedHeapAfterGc();
            XapiPoolMirror mirror = new XapiPoolMirror(
                    XenApiConnection.create(url, Duration.ofSeconds(5), Duration.ofSeconds(300)), "root",
                    PASSWORD.toCharArray());
            long withMirror;
            try {
                long t1 = System.nanoTime();
                mirror.start();
                assertTrue(mirror.awaitInitialSync(Duration.ofSeconds(300)), "initial sync");
                bench(tag + ".initial_sync_time", millisSince(t1), "ms");
                long heapAfter = usedHeapAfterGc();
                bench(tag + ".heap_used_after_sync", heapAfter >> 20, "MiB");
                bench(tag + ".mirror_heap", Math.max(0, heapAfter - heapBefore) >> 20, "MiB");
                bench(tag + ".mirrored_objects", mirror.current().vms().size() + mirror.current().vbds().size()
                        + mirror.current().vdis().size() + mirror.current().vifs().size(), "vm+vbd+vdi+vif");
                latency(tag, pool.state(), mirror);
                withMirror = usedHeapAfterGc();
            } finally {
                mirror.close();
            }
            mirror = null;
            bench(tag + ".mirror_retained", Math.max(0, withMirror - usedHeapAfterGc()) >> 20, "MiB");
            callRate(tag, url);
        }
    }

    /** Time from a SimState mutation to its visibility in mirror.current(), over {@value #CHANGES} changes. */
    private static void latency(String tag, SimState sim, XapiPoolMirror mirror) throws InterruptedException {
        List<String> uuids = sim.vmUuids();
        List<Long> micros = new ArrayList<>();
        for (int i = 0; i < CHANGES; i++) {
            String uuid = uuids.get((i * 7919) % uuids.size());
            String name = "bench-change-" + i;
            long t = System.nanoTime();
            sim.renameVm(uuid, name);
            long deadline = t + Duration.ofSeconds(10).toNanos();
            while (!name.equals(mirror.current().vm(uuid).orElseThrow().nameLabel())) {
                assertTrue(System.nanoTime() < deadline, "change " + i + " never reached the mirror");
                Thread.onSpinWait();
            }
            micros.add((System.nanoTime() - t) / 1_000);
            Thread.sleep(2);
        }
        Collections.sort(micros);
        bench(tag + ".change_latency_median", micros.get(micros.size() / 2) / 1000.0, "ms");
        bench(tag + ".change_latency_p95", micros.get((int) Math.ceil(micros.size() * 0.95) - 1) / 1000.0, "ms");
    }

    /** VM.get_record in a loop on {@value #CALL_THREADS} threads, each with its own session. */
    private static void callRate(String tag, URI url) throws Exception {
        XenApiConnection conn = XenApiConnection.create(url, Duration.ofSeconds(5), Duration.ofSeconds(30));
        XenApiSession first = conn.login("root", PASSWORD.toCharArray(), "bench");
        List<?> refs = (List<?>) first.call("VM.get_all");
        AtomicLong calls = new AtomicLong();
        long end = System.nanoTime() + CALL_LOOP.toNanos();
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < CALL_THREADS; t++) {
            int offset = t;
            Thread th = new Thread(() -> {
                try {
                    XenApiSession s = conn.login("root", PASSWORD.toCharArray(), "bench");
                    for (int i = offset; System.nanoTime() < end; i += CALL_THREADS) {
                        s.call("VM.get_record", refs.get(i % refs.size()));
                        calls.incrementAndGet();
                    }
                    s.logout();
                } catch (Exception e) {
                    failures.add(e);
                }
            }, "bench-caller-" + t);
            threads.add(th);
            th.start();
        }
        for (Thread th : threads) {
            th.join();
        }
        first.logout();
        assertTrue(failures.isEmpty(), () -> "callers failed: " + failures);
        bench(tag + ".xenapi_calls_per_second", Math.round(calls.get() / (CALL_LOOP.toNanos() / 1e9)), "calls/s");
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static long millisSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    private static void bench(String name, Object value, String unit) {
        System.out.println("BENCH " + name + " " + value + " " + unit);
    }
}
