package org.xenwbem.tests.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.xenwbem.bridge.client.XenApiConnection;
import org.xenwbem.bridge.client.XenApiProtocol;
import org.xenwbem.bridge.client.XenApiSession;
import org.xenwbem.bridge.sim.SimulatedPool;

/**
 * XenAPI calls per second the bridge's client sustains against the simulator on loopback, over
 * XML-RPC and JSON-RPC: a small call ({@code VM.get_power_state}) on 1 and 4 threads, and a whole
 * record ({@code VM.get_record}) on 4 threads, after a warm-up of both. About 17 s. Prints {@code BENCH name value unit}.
 */
@Tag("benchmark")
class ClientBenchmark {
    private static final Duration WARMUP = Duration.ofMillis(400);
    private static final Duration RUN = Duration.ofMillis(1_800);

    @Test
    void callsPerSecond() throws Exception {
        BenchReport report = new BenchReport("client");
        try (SimulatedPool pool = SimulatedPool.builder().hosts(2).vms(50).seed(3).rootPassword("pw").build()) {
            URI url = pool.start("127.0.0.1", 0);
            for (XenApiProtocol p : List.of(XenApiProtocol.XML_RPC, XenApiProtocol.JSON_RPC)) {
                XenApiSession s = XenApiConnection.create(url, Duration.ofSeconds(2), Duration.ofSeconds(10), p)
                        .login("root", "pw".toCharArray(), "bench-warmup");
                loop(s, 2, "VM.get_record", ((List<?>) s.call("VM.get_all")).get(0), WARMUP.multipliedBy(2));
                s.logout();
            }
            for (XenApiProtocol p : List.of(XenApiProtocol.XML_RPC, XenApiProtocol.JSON_RPC)) {
                String tag = p == XenApiProtocol.XML_RPC ? "xmlrpc" : "jsonrpc";
                XenApiSession s = XenApiConnection.create(url, Duration.ofSeconds(2), Duration.ofSeconds(10), p)
                        .login("root", "pw".toCharArray(), "bench");
                Object vm = ((List<?>) s.call("VM.get_all")).get(0);
                double one = rate(s, 1, "VM.get_power_state", vm);
                double four = rate(s, 4, "VM.get_power_state", vm);
                double records = rate(s, 4, "VM.get_record", vm);
                report.print("client." + tag + ".small_call_1_thread", Math.round(one), "calls/s");
                report.print("client." + tag + ".small_call_4_threads", Math.round(four), "calls/s");
                report.print("client." + tag + ".vm_get_record_4_threads", Math.round(records), "calls/s");
                assertTrue(one > 50, tag + ": implausibly slow: " + one);
                s.logout();
            }
        }
    }

    /** Calls/s of {@code method(vm)} on {@code threads} threads sharing one session, after a warm-up. */
    private static double rate(XenApiSession s, int threads, String method, Object vm) throws Exception {
        loop(s, threads, method, vm, WARMUP);
        return loop(s, threads, method, vm, RUN) / (RUN.toNanos() / 1e9);
    }

    private static long loop(XenApiSession s, int threads, String method, Object vm, Duration d) throws Exception {
        AtomicLong calls = new AtomicLong();
        long end = System.nanoTime() + d.toNanos();
        List<Thread> workers = new ArrayList<>();
        List<Exception> errors = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(() -> {
                try {
                    while (System.nanoTime() < end) {
                        s.call(method, vm);
                        calls.incrementAndGet();
                    }
                } catch (Exception e) {
                    synchronized (errors) {
                        errors.add(e);
                    }
                }
            }, "bench-client-" + i);
            workers.add(t);
            t.start();
        }
        for (Thread t : workers) {
            t.join();
        }
        if (!errors.isEmpty()) {
            throw errors.get(0);
        }
        return calls.get();
    }
}
