package org.xenwbem.bridge.rrd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xenwbem.bridge.PowerState;
import org.xenwbem.bridge.client.XenApiConnection;
import org.xenwbem.bridge.client.XenApiError;
import org.xenwbem.bridge.client.XenApiException;
import org.xenwbem.bridge.client.XenApiSession;
import org.xenwbem.bridge.sim.SimulatedPool;

/** /rrd_updates, /host_rrd and query_data_source against the simulator's synthetic data. */
class RrdReaderSimTest {
    private static SimulatedPool pool;
    private static URI url;
    private static XenApiSession session;
    private static String master;

    @BeforeAll
    static void start() throws Exception {
        pool = SimulatedPool.builder().hosts(2).vms(6).seed(9).rootPassword("pw").build();
        url = pool.start("127.0.0.1", 0);
        session = XenApiConnection.create(url, Duration.ofSeconds(2), Duration.ofSeconds(5))
                .login("root", "pw".toCharArray(), "rrd-test");
        master = pool.state().masterUuid();
    }

    @AfterAll
    static void stop() throws Exception {
        session.logout();
        pool.close();
    }

    @Test
    void updatesAreTypedSeriesInTimeOrderForTheHostAndItsVms() throws Exception {
        RrdReader reader = new RrdReader(session);
        RrdUpdates u = reader.fetch(Instant.now().minusSeconds(300), Duration.ofSeconds(5), master);
        assertEquals(5, u.step());
        assertTrue(u.rows() >= 59 && u.rows() <= 61, "about 300 s of 5 s rows: " + u.rows());
        RrdSeries cpu0 = u.series("host", master, "cpu0").orElseThrow();
        for (int i = 1; i < cpu0.size(); i++) {
            assertEquals(cpu0.timestamp(i - 1) + 5, cpu0.timestamp(i), "oldest first, one row per step");
        }
        assertEquals(u.end(), cpu0.timestamp(cpu0.size() - 1));
        for (double v : cpu0.values()) {
            assertTrue(v >= 0 && v <= 1, "a CPU fraction: " + v);
        }
        double totalKib = ((Long) pool.state().hostMetricsRecord(master).get("memory_total")) / 1024.0;
        assertEquals(totalKib, u.series("host", master, "memory_total_kib").orElseThrow().latest().getAsDouble());
        List<String> vms = u.objects().stream().filter(o -> !o.equals(master)).toList();
        assertFalse(vms.isEmpty(), "the master runs VMs (at least its dom0)");
        for (String vm : vms) {
            assertTrue(u.series("vm", vm, "memory").isPresent());
            for (String vbd : pool.state().uuids("VBD")) {
                Map<String, Object> r = pool.state().record("VBD", vbd);
                if (vm.equals(pool.state().uuidOfRef("VM", (String) r.get("VM"))) && !Boolean.TRUE.equals(r.get("empty"))) {
                    assertEquals("xvd" + (char) ('a' + Integer.parseInt((String) r.get("userdevice"))), r.get("device"),
                            "an attached VBD has its guest name");
                    for (String ds : List.of("_read", "_write", "_read_latency", "_write_latency")) {
                        assertTrue(u.series("vm", vm, "vbd_" + r.get("device") + ds).isPresent(), vbd + ds);
                    }
                }
            }
            for (String vif : pool.state().uuids("VIF")) {
                Map<String, Object> r = pool.state().record("VIF", vif);
                if (vm.equals(pool.state().uuidOfRef("VM", (String) r.get("VM")))) {
                    assertTrue(u.series("vm", vm, "vif_" + r.get("device") + "_rx").isPresent(), vif);
                    assertTrue(u.series("vm", vm, "vif_" + r.get("device") + "_tx").isPresent(), vif);
                }
            }
        }
        assertTrue(vms.stream().anyMatch(vm -> u.series("vm", vm, "vbd_xvda_read").isPresent()
                && u.series("vm", vm, "vif_0_rx").isPresent()), "a guest with a disk and a NIC");
        for (String pif : pool.state().uuids("PIF")) {
            Map<String, Object> r = pool.state().record("PIF", pif);
            if (master.equals(pool.state().uuidOfRef("host", (String) r.get("host")))) {
                assertTrue(u.series("host", master, "pif_" + r.get("device") + "_rx").isPresent(), pif);
            }
        }
    }

    @Test
    void valuesAreDeterministicAndTheJsonFormAgreesWithTheXml() throws Exception {
        RrdReader reader = new RrdReader(session);
        Instant start = Instant.now().minusSeconds(3_600);
        RrdUpdates xml = reader.fetch(start, Duration.ofSeconds(60), master, RrdReader.Cf.AVERAGE, false, List.of());
        RrdUpdates json = reader.fetch(start, Duration.ofSeconds(60), master, RrdReader.Cf.AVERAGE, true, List.of());
        assertEquals(60, xml.step());
        if (xml.end() == json.end()) {
            assertEquals(xml.series(), json.series());
        }
        RrdSeries a = xml.series("host", master, "cpu3").orElseThrow();
        RrdSeries b = json.series("host", master, "cpu3").orElseThrow();
        assertEquals(a.value(0), b.value(b.size() - a.size()), 1e-12, "same instant, same value");
    }

    @Test
    void vmFilterAndHostRrdDump() throws Exception {
        RrdReader reader = new RrdReader(session);
        String vm = pool.state().addVm("rrd-vm", PowerState.Running);
        String host = pool.state().vmRecord(vm).get("resident_on").toString();
        String hostUuid = session.call("host.get_uuid", host).toString();
        if (hostUuid.equals(master)) {
            RrdUpdates only = reader.fetch(Instant.now().minusSeconds(30), Duration.ofSeconds(5), master,
                    RrdReader.Cf.MAX, false, List.of(vm));
            assertEquals(java.util.Set.of(master, vm), only.objects());
            assertEquals("MAX", only.series().get(0).cf());
        }
        HostRrd dump = reader.hostRrd(master);
        assertEquals(2, dump.archives().size());
        assertEquals(120, dump.archives().get(0).rows());
        assertEquals(60, dump.archives().get(1).step());
        assertTrue(dump.dataSources().stream().anyMatch(d -> d.name().equals("cpu_avg") && d.type().equals("DERIVE")));
        assertEquals(dump.archives().get(0).series("host", master, "cpu0").orElseThrow().size(), 120);
    }

    @Test
    void queryDataSourceIsTheFallback() throws Exception {
        RrdReader reader = new RrdReader(session);
        double totalKib = ((Long) pool.state().hostMetricsRecord(master).get("memory_total")) / 1024.0;
        assertEquals(totalKib, reader.queryHost(master, "memory_total_kib"));
        assertTrue(reader.hostDataSources(master).stream().anyMatch(d -> d.name().equals("loadavg")));
        String member = pool.state().hostUuids().get(1);
        double viaFallback = reader.latestHostValue(member, "memory_total_kib");
        assertEquals(((Long) pool.state().hostMetricsRecord(member).get("memory_total")) / 1024.0, viaFallback,
                "the member's /rrd_updates is unreachable (no member endpoints): query_data_source answered");
        String halted = pool.state().addVm("rrd-halted", PowerState.Halted);
        assertTrue(reader.vmDataSources(halted).isEmpty());
        assertEquals(XenApiError.INTERNAL_ERROR,
                assertThrows(XenApiException.class, () -> reader.queryVm(halted, "cpu0")).error());
        String running = pool.state().addVm("rrd-running", PowerState.Running);
        double cpu = reader.queryVm(running, "cpu0");
        assertTrue(cpu >= 0 && cpu <= 1);
    }

    @Test
    void theHandlersNeedASessionOrBasicCredentials() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(url.resolve("/rrd_updates?start=0")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, anonymous.statusCode());
        String basic = java.util.Base64.getEncoder().encodeToString("reader:pw".getBytes());
        int before = pool.state().sessionCount();
        HttpResponse<String> ok = http.send(HttpRequest.newBuilder(url.resolve("/rrd_updates?start=-10&host=true&json"))
                .header("Authorization", "Basic " + basic).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, ok.statusCode());
        assertTrue(ok.body().startsWith("{\"meta\":{"), ok.body());
        long deadline = System.nanoTime() + 5_000_000_000L; // the handler logs out once the answer is sent
        while (pool.state().sessionCount() != before && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(before, pool.state().sessionCount(), "the Basic-auth session ended with the request");
        HttpResponse<String> noStart = http.send(HttpRequest.newBuilder(url.resolve("/rrd_updates"))
                .header("Authorization", "Basic " + basic).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, noStart.statusCode());
    }
}
