package org.xenwbem.tests.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.xenwbem.bridge.sim.SimulatedPool;
import org.xenwbem.tests.DaemonFixture;
import org.xenwbem.tests.RawHttps;

/**
 * The SCVMM refreshers of the anchor's §11.2 (host, VM light, VM heavy) against 1,000 VMs × 3 disks
 * × 2 NICs: XenAPI calls per full cycle after warm-up (simulator counters, {@code event.from}
 * excluded; goal 0), the light refresher's server time (sum of its access-log durations; goal ≤
 * 100 ms) and the heap after warm-up (goal ≤ 96 MB; printed with and without the in-process
 * simulator's share, measured by building the same simulated pool alone). The daemon's RRD sampler
 * runs as configured by default (one {@code /rrd_updates} request per host per minute); its requests
 * are HTTP, not XenAPI calls, and are printed apart: the steady-state rate the configuration implies
 * and the requests the simulator saw during the run. The heap is measured once the sampler holds the
 * values of every running VM. Not asserted.
 */
@Tag("benchmark")
class RefresherBenchmark {
    static final int VMS = 1000;
    static final int DISKS = 3;
    static final int NICS = 2;
    static final int WARMUP = 3;
    static final int RUNS = 10;
    static final String WQL = "http://schemas.microsoft.com/wbem/wsman/1/WQL";
    static final String NOT_HOST = " where Caption != \"XenServer Host\"";
    static final List<String> HOST = List.of("Xen_HostComputerSystem", "Xen_VirtualizationCapabilities", "Xen_HostPool",
            "Xen_HostProcessor", "Xen_HostMemory", "Xen_HostNetworkPort", "Xen_StoragePool", "Xen_VirtualSwitch");
    static final List<String> HEAVY = List.of("Xen_NetworkPort", "Xen_DiskSettingData", "Xen_Disk", "Xen_Processor",
            "Xen_Memory", "Xen_ComputerSystemSnapshot", "Xen_HostPool");
    private static final Pattern MILLIS = Pattern.compile("(\\d+)ms$");

    /** Collects the access log's Enumerate lines. */
    static final class AccessLines extends AppenderBase<ILoggingEvent> {
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

        @Override
        protected void append(ILoggingEvent e) {
            String m = e.getFormattedMessage();
            if (m.startsWith("wsman Enumerate ")) {
                lines.add(m);
            }
        }
    }

    private HttpClient http;
    private DaemonFixture fx;
    private AccessLines access;

    @Test
    void scvmmRefreshers() throws Exception {
        BenchReport out = new BenchReport("refresher");
        long baseline = heapAfterGc();
        long simAlone = simulatorHeap();
        access = new AccessLines();
        Logger logger = (Logger) LoggerFactory.getLogger("xenwbem.access");
        access.setContext(logger.getLoggerContext());
        access.start();
        logger.addAppender(access);
        http = RawHttps.client();
        // each class in one response, as before the envelope ceiling (512 KiB by default) paged them
        try (DaemonFixture f = new DaemonFixture(VMS, DISKS, NICS, o -> o.maxEnvelopeKb = 32 * 1024)) {
            fx = f;
            long started = System.nanoTime();
            awaitFirstSample();
            for (int i = 0; i < WARMUP; i++) {
                fullCycle();
            }
            SimulatedPool sim = fx.daemon.simulatedPool();
            long calls0 = sim.totalCalls() - sim.callCount("event.from");
            double[] light = new double[RUNS];
            for (int i = 0; i < RUNS; i++) {
                light[i] = lightRefresher();
            }
            fullCycle();
            long calls = sim.totalCalls() - sim.callCount("event.from") - calls0;
            long heap = heapAfterGc();
            long rrd = sim.httpRequests("/rrd_updates");
            double minutes = (System.nanoTime() - started) / 60e9;
            int hosts = sim.state().hostUuids().size();
            long interval = fx.daemon.metricsInterval().toSeconds();
            out.print("refresher.vms", fx.systemVmUuids().size(), "instances");
            out.print("refresher.xenapi-calls-per-cycle", calls / (double) (RUNS + 1), "calls(goal=0)");
            out.print("refresher.rrd-requests-per-minute", interval == 0 ? 0 : hosts * 60.0 / interval,
                    "requests/min(background-sampler:" + hosts + "-hosts-every-" + interval + "s,not-XenAPI-calls)");
            out.print("refresher.rrd-requests-observed", rrd, "requests(in-" + String.format(java.util.Locale.ROOT,
                    "%.2f", minutes) + "-min,first-sample-included)");
            out.print("refresher.rrd-vms-with-values", fx.daemon.metricsSnapshot().vmCount(), "VMs");
            out.print("refresher.light-server-median", BenchReport.median(light), "ms(goal<=100)");
            out.print("refresher.light-server-p90", BenchReport.percentile(light, 90), "ms");
            out.print("refresher.heap-after-warmup", heap / 1048576.0, "MiB(goal<=96)");
            out.print("refresher.heap-simulator-share", simAlone / 1048576.0, "MiB");
            out.print("refresher.heap-without-simulator", (heap - simAlone) / 1048576.0, "MiB");
            out.print("refresher.heap-test-jvm-baseline", baseline / 1048576.0, "MiB");
            out.print("refresher.heap-daemon-only", (heap - simAlone - baseline) / 1048576.0, "MiB");
            if ("1".equals(System.getenv("BENCH_HISTOGRAM"))) {
                histogram();
            }
        } finally {
            logger.detachAppender(access);
            access.stop();
        }
    }

    /** The RRD sampler's first cycle (started with the daemon) has read every host. */
    private void awaitFirstSample() throws InterruptedException {
        int hosts = fx.daemon.simulatedPool().state().hostUuids().size();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (fx.daemon.metricsSnapshot().hostCount() < hosts && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(hosts, fx.daemon.metricsSnapshot().hostCount(), "the RRD sampler has read every host");
    }

    /** With BENCH_HISTOGRAM=1: the heap's top classes (jcmd GC.class_histogram) in target/bench/refresher-histogram.txt. */
    private static void histogram() throws Exception {
        java.nio.file.Path file = java.nio.file.Path.of("target", "bench", "refresher-histogram.txt");
        new ProcessBuilder("jcmd", Long.toString(ProcessHandle.current().pid()), "GC.class_histogram")
                .redirectOutput(file.toFile()).redirectErrorStream(true).start().waitFor(60, TimeUnit.SECONDS);
    }

    /** Heap the simulated pool of this shape takes by itself. */
    private static long simulatorHeap() {
        long before = heapAfterGc();
        SimulatedPool alone = SimulatedPool.builder().hosts(2).vms(VMS).disksPerVm(DISKS).nicsPerVm(NICS).seed(42).build();
        long with = heapAfterGc();
        alone.close();
        return Math.max(0, with - before);
    }

    private static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private void fullCycle() throws Exception {
        for (String c : HOST) {
            enumerate(c, null);
        }
        lightRefresher();
        for (String c : HEAVY) {
            enumerate(c, null);
        }
    }

    /** Server milliseconds of the VM light refresher. */
    private double lightRefresher() throws Exception {
        return enumerate("Xen_VirtualSystemManagementService", null)
                + enumerate("Xen_ComputerSystem", "SELECT * FROM Xen_ComputerSystem" + NOT_HOST)
                + enumerate("Xen_ComputerSystemSettingData", "SELECT * FROM Xen_ComputerSystemSettingData" + NOT_HOST);
    }

    /** One optimized Enumerate holding every instance; returns the access log's server time. */
    private double enumerate(String cls, String wql) throws Exception {
        access.lines.clear();
        byte[] body = envelope(fx.wsmanUrl(), cls, wql).getBytes(StandardCharsets.UTF_8);
        HttpResponse<byte[]> r = http.send(RawHttps.post(fx.wsmanUrl(), body, "application/soap+xml;charset=UTF-8"),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode(), () -> new String(r.body(), StandardCharsets.UTF_8));
        assertTrue(new String(r.body(), StandardCharsets.UTF_8).contains("EndOfSequence"), cls + " fits in one response");
        String line = access.lines.poll(5, TimeUnit.SECONDS);
        assertNotNull(line, "an access log line for " + cls);
        Matcher m = MILLIS.matcher(line);
        assertTrue(m.find(), line);
        return Double.parseDouble(m.group(1));
    }

    private static String envelope(String to, String cls, String wql) {
        return "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\" "
                + "xmlns:a=\"http://schemas.xmlsoap.org/ws/2004/08/addressing\" "
                + "xmlns:n=\"http://schemas.xmlsoap.org/ws/2004/09/enumeration\" "
                + "xmlns:w=\"http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd\"><s:Header>"
                + "<a:To>" + to + "</a:To>"
                + "<w:ResourceURI s:mustUnderstand=\"true\">" + DaemonFixture.P + cls + "</w:ResourceURI>"
                + "<a:ReplyTo><a:Address s:mustUnderstand=\"true\">"
                + "http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous</a:Address></a:ReplyTo>"
                + "<a:Action s:mustUnderstand=\"true\">http://schemas.xmlsoap.org/ws/2004/09/enumeration/Enumerate</a:Action>"
                + "<a:MessageID>uuid:" + UUID.randomUUID() + "</a:MessageID>"
                + "<w:OperationTimeout>PT60.000S</w:OperationTimeout></s:Header><s:Body><n:Enumerate>"
                + "<w:OptimizeEnumeration/><w:MaxElements>32000</w:MaxElements>"
                + (wql == null ? "" : "<w:Filter Dialect=\"" + WQL + "\">" + wql.replace("\"", "&quot;") + "</w:Filter>")
                + "</n:Enumerate></s:Body></s:Envelope>";
    }
}
