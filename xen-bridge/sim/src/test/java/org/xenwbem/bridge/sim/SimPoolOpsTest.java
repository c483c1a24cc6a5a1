package org.xenwbem.bridge.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xenwbem.bridge.client.XenApiConnection;
import org.xenwbem.bridge.client.XenApiException;
import org.xenwbem.bridge.client.XenApiSession;
import org.xenwbem.bridge.PowerState;

/** pool.eject, enable_ha, disable_ha and set_ha_host_failures_to_tolerate of the simulator, with xapi's errors. */
class SimPoolOpsTest {
    private SimulatedPool pool;
    private XenApiConnection conn;
    private XenApiSession s;
    private String poolRef;

    @BeforeEach
    void start() throws Exception {
        pool = SimulatedPool.builder().hosts(3).vms(3).seed(11).rootPassword("pw").otherUsersPassword("pw2")
                .taskDelay(Duration.ofMillis(5)).memberEndpoints(true).build();
        URI url = pool.start("127.0.0.1", 0);
        conn = XenApiConnection.create(url, Duration.ofSeconds(2), Duration.ofSeconds(10));
        s = conn.login("root", "pw".toCharArray(), "test");
        poolRef = (String) ((List<?>) s.call("pool.get_all")).get(0);
    }

    @AfterEach
    void stop() {
        pool.close();
    }

    private XenApiException fails(String code, String method, Object... params) {
        XenApiException e = assertThrows(XenApiException.class, () -> s.call(method, params));
        assertEquals(code, e.code(), e.getMessage());
        return e;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> rec(String cls, String ref) throws Exception {
        return (Map<String, Object>) s.call(cls + ".get_record", ref);
    }

    private String host(int index) throws Exception {
        return (String) s.call("host.get_by_uuid", pool.state().hostUuids().get(index));
    }

    private List<?> guests(String host) throws Exception {
        return ((List<?>) rec("host", host).get("resident_VMs")).stream()
                .filter(vm -> !rec2(vm).get("is_control_domain").equals(true)).toList();
    }

    private Map<String, Object> rec2(Object vm) {
        try {
            return rec("VM", (String) vm);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String busiest() throws Exception {
        return guests(host(1)).size() >= guests(host(2)).size() ? host(1) : host(2);
    }

    @Test
    void ejectRefusesTheMasterAndAHostRunningGuestsThenRemovesEverythingOfTheHost() throws Exception {
        fails("OPERATION_NOT_ALLOWED", "pool.eject", host(0));
        String h = host(1).equals(busiest()) ? host(1) : host(2);
        assertFalse(guests(h).isEmpty(), "a guest runs on the host to eject");
        for (Object vm : guests(h)) {
            fails("HOST_IN_USE", "pool.eject", h);
            pool.state().setVmPowerState((String) rec("VM", (String) vm).get("uuid"), PowerState.Halted);
        }
        Map<String, Object> before = rec("host", h);
        int pifs = ((List<?>) s.call("PIF.get_all")).size();
        s.call("pool.eject", h);
        assertEquals(2, ((List<?>) s.call("host.get_all")).size());
        fails("HANDLE_INVALID", "host.get_record", h);
        for (Object pbd : (List<?>) before.get("PBDs")) {
            fails("HANDLE_INVALID", "PBD.get_record", pbd);
        }
        assertEquals(pifs - ((List<?>) before.get("PIFs")).size(), ((List<?>) s.call("PIF.get_all")).size());
        fails("HANDLE_INVALID", "VM.get_record", before.get("control_domain"));
        fails("HANDLE_INVALID", "host_metrics.get_record", before.get("metrics"));
        // the ejected host is standalone at its address now (root's password still the pool's) and can join again
        XenApiSession alone = XenApiConnection.create(URI.create("http://" + before.get("address") + ":"
                + pool.url().getPort() + "/"), Duration.ofSeconds(2), Duration.ofSeconds(10))
                .login("root", "pw".toCharArray(), "test");
        alone.call("pool.join", "127.0.0.1", "root", "pw");
        assertEquals(3, ((List<?>) s.call("host.get_all")).size());
    }

    @Test
    void haNeedsASharedHeartbeatSrAndKeepsItsStatefileUntilDisabled() throws Exception {
        String shared = (String) rec("pool", poolRef).get("default_SR");
        String localSr = localSr();
        fails("HA_CONSTRAINT_VIOLATION_SR_NOT_SHARED", "pool.enable_ha", new Object[] {localSr}, Map.of());
        assertEquals(false, rec("pool", poolRef).get("ha_enabled"));
        assertEquals(0, ((List<?>) rec("pool", poolRef).get("ha_statefiles")).size());
        s.call("pool.enable_ha", new Object[] {shared}, Map.of("timeout", "60"));
        Map<String, Object> p = rec("pool", poolRef);
        assertEquals(true, p.get("ha_enabled"));
        Object statefile = ((List<?>) p.get("ha_statefiles")).get(0);
        assertEquals("ha_statefile", rec("VDI", (String) statefile).get("type"));
        assertEquals(shared, rec("VDI", (String) statefile).get("SR"));
        fails("HA_IS_ENABLED", "pool.enable_ha", new Object[] {shared}, Map.of());
        fails("HA_IS_ENABLED", "pool.eject", host(1));
        fails("HA_OPERATION_WOULD_BREAK_FAILOVER_PLAN", "pool.set_ha_host_failures_to_tolerate", poolRef, "3");
        fails("INVALID_VALUE", "pool.set_ha_host_failures_to_tolerate", poolRef, "-1");
        s.call("pool.set_ha_host_failures_to_tolerate", poolRef, "2");
        assertEquals("2", String.valueOf(rec("pool", poolRef).get("ha_host_failures_to_tolerate")));
        s.call("pool.disable_ha");
        assertEquals(false, rec("pool", poolRef).get("ha_enabled"));
        fails("HANDLE_INVALID", "VDI.get_record", statefile);
        fails("HA_NOT_ENABLED", "pool.disable_ha");
    }

    @SuppressWarnings("unchecked")
    private String localSr() throws Exception {
        Map<String, Map<String, Object>> all = (Map<String, Map<String, Object>>) s.call("SR.get_all_records");
        return all.entrySet().stream().filter(e -> Boolean.FALSE.equals(e.getValue().get("shared")))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
    }

    @Test
    void aVmOperatorMayNotEjectOrTouchHa() throws Exception {
        XenApiSession op = conn.login("operator", "pw2".toCharArray(), "test");
        XenApiException e = assertThrows(XenApiException.class, () -> op.call("pool.enable_ha", new Object[0], Map.of()));
        assertEquals("RBAC_PERMISSION_DENIED", e.code());
        e = assertThrows(XenApiException.class, () -> op.call("pool.eject", host(1)));
        assertEquals("RBAC_PERMISSION_DENIED", e.code());
        assertFalse((Boolean) rec("pool", poolRef).get("ha_enabled"));
        assertEquals(3, ((List<?>) s.call("host.get_all")).size());
    }
}
