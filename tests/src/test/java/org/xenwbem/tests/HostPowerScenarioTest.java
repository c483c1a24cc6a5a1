package org.xenwbem.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xenwbem.bridge.PowerState;

/**
 * Host power through Debian's python3-winrm against the daemon on a simulated pool that does it as xapi:
 * Xen_HostComputerSystem.RequestStateChange 10 on a host with guests fails with HOST_IN_USE; 32768
 * (maintenance with evacuation) moves the guests; 10 reboots (the host leaves and comes back); 4 shuts
 * it down; 2 powers it on again. Each job polled with Get as a client would.
 */
class HostPowerScenarioTest {
    private static final String P = DaemonFixture.P;
    private static final String HOST = "Xen_HostComputerSystem";
    private static DaemonFixture fx;
    private static PywinrmClient winrm;

    @BeforeAll
    static void start() throws Exception {
        fx = new DaemonFixture(2);
        winrm = PywinrmClient.install(fx, "py");
    }

    @AfterAll
    static void stop() {
        if (fx != null) {
            fx.close();
        }
    }

    private static List<String> guestsOn(String host) {
        return fx.sim().vmUuids().stream().filter(u -> !Boolean.TRUE.equals(fx.sim().vmRecord(u).get("is_control_domain"))
                && host.equals(fx.sim().uuidOfRef("host", String.valueOf(fx.sim().vmRecord(u).get("resident_on")))))
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> request(String host, long state) throws Exception {
        Map<String, Object> out = winrm.first("invoke", P + HOST, "RequestStateChange",
                "<q:RequestedState>" + state + "</q:RequestedState>", "CreationClassName=" + HOST, "Name=" + host);
        assertEquals("4096", out.get("ReturnValue"), out.toString());
        String id = String.valueOf(((Map<String, Object>) out.get("Job")).get("InstanceID"));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Map<String, Object> job;
        do {
            job = winrm.first("get", P + "Xen_SystemStateChangeJob", "InstanceID=" + id);
            if (List.of("7", "8", "9", "10").contains(String.valueOf(job.get("JobState")))) {
                return job;
            }
            Thread.sleep(100);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("job did not end: " + job);
    }

    private static boolean live(String host) {
        return Boolean.TRUE.equals(fx.sim().hostMetricsRecord(host).get("live"));
    }

    @Test
    void rebootShutdownAndPowerOn() throws Exception {
        String host = fx.sim().hostUuids().stream().filter(h -> !h.equals(fx.sim().masterUuid())).findFirst()
                .orElseThrow();
        if (guestsOn(host).isEmpty()) {
            fx.sim().addVm("guest", PowerState.Running);
        }
        boolean guests = !guestsOn(host).isEmpty();
        if (guests) {
            Map<String, Object> refused = request(host, 10);
            assertEquals("10", refused.get("JobState"), refused.toString());
            assertTrue(String.valueOf(refused).contains("HOST_IN_USE"), refused.toString());
            assertEquals(true, fx.sim().hostRecord(host).get("enabled"), "a refused reboot leaves maintenance");
        }
        assertEquals("7", request(host, 32768).get("JobState"));
        assertEquals(List.of(), guestsOn(host));
        Map<String, Object> job = request(host, 10);
        assertEquals("7", job.get("JobState"), job.toString());
        assertTrue(live(host));
        assertEquals("7", request(host, 3).get("JobState"));
        job = request(host, 4);
        assertEquals("7", job.get("JobState"), job.toString());
        assertFalse(live(host), "the host is down");
        job = request(host, 2);
        assertEquals("7", job.get("JobState"), job.toString());
        assertTrue(live(host));
        assertEquals(true, fx.sim().hostRecord(host).get("enabled"));
    }
}
