package org.xenwbem.bridge.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xenwbem.bridge.PowerState;
import org.xenwbem.bridge.client.XenApiConnection;
import org.xenwbem.bridge.client.XenApiException;
import org.xenwbem.bridge.client.XenApiSession;

/** host.shutdown / reboot / power_on with xapi's preconditions; a rebooting host leaves and comes back. */
class SimHostPowerTest {
    private SimulatedPool pool;
    private XenApiSession s;
    private String hostUuid;
    private String host;

    @BeforeEach
    void start() throws Exception {
        pool = SimulatedPool.builder().hosts(2).vms(0).seed(3).rootPassword("pw").taskDelay(Duration.ofMillis(20))
                .build();
        URI url = pool.start("127.0.0.1", 0);
        XenApiConnection conn = XenApiConnection.create(url, Duration.ofSeconds(2), Duration.ofSeconds(10));
        s = conn.login("root", "pw".toCharArray(), "test");
        hostUuid = pool.state().hostUuids().get(1);
        host = (String) s.call("host.get_by_uuid", hostUuid);
    }

    @AfterEach
    void stop() {
        pool.close();
    }

    private String fails(String method, Object... params) {
        return assertThrows(XenApiException.class, () -> s.call(method, params)).code();
    }

    private boolean live() {
        return Boolean.TRUE.equals(pool.state().hostMetricsRecord(hostUuid).get("live"));
    }

    private void awaitLive(boolean wanted) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (live() != wanted && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        assertEquals(wanted, live());
    }

    @Test
    void rebootNeedsAnEmptyDisabledHostThenComesBack() throws Exception {
        String vm = pool.state().addVm("guest", PowerState.Halted);
        String vmRef = (String) s.call("VM.get_by_uuid", vm);
        s.call("VM.start_on", vmRef, host, false, false);
        assertEquals("HOST_IN_USE", fails("host.reboot", host));
        s.call("host.disable", host);
        assertEquals("HOST_IN_USE", fails("host.reboot", host));
        s.call("host.evacuate", host);
        assertEquals(pool.state().hostUuids().get(0), pool.state().uuidOfRef("host",
                (String) pool.state().vmRecord(vm).get("resident_on")));
        s.call("host.enable", host);
        assertEquals("HOST_NOT_DISABLED", fails("host.reboot", host));
        s.call("host.disable", host);
        s.call("host.reboot", host);
        assertEquals(List.of("power_on"), pool.state().hostRecord(hostUuid).get("allowed_operations"));
        awaitLive(true);
        assertEquals(true, pool.state().hostRecord(hostUuid).get("enabled"));
    }

    @Test
    void shutdownThenPowerOn() throws Exception {
        assertEquals("HOST_IS_LIVE", fails("host.power_on", host));
        s.call("host.disable", host);
        s.call("host.shutdown", host);
        awaitLive(false);
        assertEquals("HOST_NOT_LIVE", fails("host.shutdown", host));
        assertEquals("HOST_OFFLINE", fails("host.enable", host));
        pool.state().setField("host", hostUuid, "power_on_mode", "");
        assertEquals("HOST_POWER_ON_MODE_DISABLED", fails("host.power_on", host));
        pool.state().setField("host", hostUuid, "power_on_mode", "wake-on-lan");
        s.call("host.power_on", host);
        awaitLive(true);
        Map<String, Object> h = pool.state().hostRecord(hostUuid);
        assertEquals(true, h.get("enabled"));
    }
}
