package org.xenwbem.provider.classes.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xenwbem.bridge.PowerState;
import org.xenwbem.cim.CimObjectPath;
import org.xenwbem.provider.cimom.CimException;
import org.xenwbem.provider.cimom.CimStatus;
import org.xenwbem.provider.cimom.MethodResult;
import org.xenwbem.provider.cimom.RequestContext;
import org.xenwbem.provider.jobs.JobState;
import org.xenwbem.provider.methods.MethodFixture;

/** Xen_HostComputerSystem.RequestStateChange 4, 10, 2 (and 32768) on a simulated pool that does them as xapi. */
class HostStateChangeTest {
    private static final RequestContext ROOT = MethodFixture.as("root", "pool-admin");

    private MethodFixture fx;
    private HostStateChange hsc;
    private String host;

    @BeforeEach
    void up() throws Exception {
        fx = new MethodFixture(2, 4, 5);
        hsc = new HostStateChange(fx.env);
        fx.sim.addVm("guest-a", PowerState.Running);
        fx.sim.addVm("guest-b", PowerState.Running);
        host = fx.sim.hostUuids().stream().filter(h -> !guestsOn(h).isEmpty()
                && !h.equals(fx.sim.masterUuid())).findFirst().orElseThrow();
        fx.synced();
    }

    @AfterEach
    void down() {
        fx.close();
    }

    private MethodResult request(RequestContext ctx, long state) throws CimException {
        CimObjectPath target = new CimObjectPath(MethodFixture.NS, HostStateChange.CLASS,
                Map.of("CreationClassName", HostStateChange.CLASS, "Name", host));
        return hsc.invoke(ctx, target, fx.classes.get(HostStateChange.CLASS).method("RequestStateChange"),
                Map.of("RequestedState", state));
    }

    private Map<?, ?> run(long state) throws Exception {
        return fx.awaitJob(request(ROOT, state));
    }

    private Map<String, Object> hostRec() {
        return fx.sim.hostRecord(host);
    }

    private boolean live() {
        return Boolean.TRUE.equals(fx.sim.hostMetricsRecord(host).get("live"));
    }

    private List<String> guestsOn(String hostUuid) {
        return fx.sim.vmUuids().stream().filter(u -> !Boolean.TRUE.equals(fx.sim.vmRecord(u).get("is_control_domain"))
                && hostUuid.equals(fx.sim.uuidOfRef("host", String.valueOf(fx.sim.vmRecord(u).get("resident_on")))))
                .toList();
    }

    @Test
    void rebootWithGuestsIsRefusedAndLeavesTheHostAsItWas() throws Exception {
        assertFalse(guestsOn(host).isEmpty());
        Map<?, ?> oc = run(10);
        assertEquals("10", oc.get(JobState.STATE), oc.toString());
        assertTrue(String.valueOf(oc.get(JobState.ERROR_DESCRIPTION)).contains("HOST_IN_USE"), oc.toString());
        assertEquals(true, hostRec().get("enabled"));
        assertFalse(((Map<?, ?>) hostRec().get("other_config")).containsKey("MAINTENANCE_MODE"));
        assertTrue(live());
    }

    @Test
    void evacuateThenRebootLeavesAndRejoins() throws Exception {
        List<String> guests = guestsOn(host);
        assertEquals("7", run(HostStateChange.MAINTENANCE_WITH_EVACUATION).get(JobState.STATE));
        assertEquals(List.of(), guestsOn(host));
        guests.forEach(g -> assertEquals(PowerState.Running, fx.sim.vmPowerState(g), "moved, still running"));
        Map<?, ?> oc = run(10);
        assertEquals("7", oc.get(JobState.STATE), oc.toString());
        assertTrue(live());
        assertEquals(true, hostRec().get("enabled"));
        assertFalse(((Map<?, ?>) hostRec().get("other_config")).containsKey("MAINTENANCE_MODE"));
        fx.synced();
        assertTrue(fx.bridge.mirror().current().host(host).orElseThrow().live());
    }

    @Test
    void shutdownThenPowerOn() throws Exception {
        assertEquals("7", run(HostStateChange.MAINTENANCE_WITH_EVACUATION).get(JobState.STATE));
        Map<?, ?> oc = run(4);
        assertEquals("7", oc.get(JobState.STATE), oc.toString());
        assertFalse(live());
        assertEquals(List.of("power_on"), hostRec().get("allowed_operations"));
        fx.synced();
        assertFalse(fx.bridge.mirror().current().host(host).orElseThrow().live(), "the mirror sees the host down");
        oc = run(2);
        assertEquals("7", oc.get(JobState.STATE), oc.toString());
        assertTrue(live());
        assertEquals(true, hostRec().get("enabled"));
    }

    @Test
    void injectedRebootFailureLeavesMaintenance() throws Exception {
        assertEquals("7", run(HostStateChange.MAINTENANCE_WITH_EVACUATION).get(JobState.STATE));
        fx.sim.setField("host", host, "enabled", true);
        fx.synced();
        fx.pool.faults().on("host.reboot").once().fail("INTERNAL_ERROR", "injected");
        Map<?, ?> oc = run(10);
        assertEquals("10", oc.get(JobState.STATE), oc.toString());
        assertEquals(true, hostRec().get("enabled"));
        assertTrue(live());
    }

    @Test
    void readOnlyUserChangesNothing() {
        CimException e = assertThrows(CimException.class, () -> request(MethodFixture.as("reader", "read-only"), 4));
        assertEquals(CimStatus.ACCESS_DENIED, e.status());
        assertTrue(live());
        assertEquals(true, hostRec().get("enabled"));
    }
}
