package org.xenwbem.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xenwbem.bridge.PowerState;
import org.xenwbem.bridge.sim.SimState;

/**
 * What SCVMM does all day, over HTTPS WS-Man Invoke against the real daemon and simulated pool:
 * start, checkpoint, migrate, revert, stop; maintenance with and without evacuation; every role.
 * Each long method returns 4096 and a Job, polled by Get until it ends; the pool's state is checked.
 */
class FabricScenarioTest {
    private static DaemonFixture fx;
    private static WsmanCalls ws;

    @BeforeAll
    static void start() throws Exception {
        fx = new DaemonFixture(6);
        ws = new WsmanCalls(fx);
    }

    @AfterAll
    static void stop() {
        if (fx != null) {
            fx.close();
        }
    }

    private static String vmIn(PowerState state) {
        SimState s = fx.sim();
        return fx.systemVmUuids().stream().filter(u -> !Boolean.TRUE.equals(s.vmRecord(u).get("is_control_domain"))
                && s.vmPowerState(u) == state).findFirst().orElseThrow(() -> new AssertionError("no " + state + " VM"));
    }

    private static Map<String, String> vmKeys(String vm) {
        return Map.of("CreationClassName", "Xen_ComputerSystem", "Name", vm);
    }

    private static Map<String, String> service(String cls, String name) {
        return Map.of("SystemCreationClassName", "Xen_HostComputerSystem", "SystemName", fx.sim().masterUuid(),
                "CreationClassName", cls, "Name", name);
    }

    private static String resident(String vm) {
        return fx.sim().uuidOfRef("host", String.valueOf(fx.sim().vmRecord(vm).get("resident_on")));
    }

    private static String requestState(String user, String vm, int state) throws Exception {
        return ws.invoke(user, "Xen_ComputerSystem", vmKeys(vm), "RequestStateChange",
                "<q:RequestedState>" + state + "</q:RequestedState>");
    }

    @Test
    void startCheckpointMigrateRevertStop() throws Exception {
        String vm = vmIn(PowerState.Halted);
        String started = requestState("root", vm, 2);
        assertEquals("4096", WsmanCalls.value(started, "ReturnValue"), started);
        assertEquals("7", WsmanCalls.value(ws.awaitJob("root", started), "JobState"));
        assertEquals(PowerState.Running, fx.sim().vmPowerState(vm));

        String snap = ws.invoke("root", "Xen_VirtualSystemSnapshotService",
                service("Xen_VirtualSystemSnapshotService", "Xen Virtual System Snapshot Service"), "CreateSnapshot",
                WsmanCalls.epr("AffectedSystem", "Xen_ComputerSystem", vmKeys(vm)) + "<q:SnapshotType>2</q:SnapshotType>");
        String rv = WsmanCalls.value(snap, "ReturnValue");
        assertTrue("0".equals(rv) || "4096".equals(rv), snap);
        if ("4096".equals(rv)) {
            assertEquals("7", WsmanCalls.value(ws.awaitJob("root", snap), "JobState"));
        }
        String snapUuid = fx.sim().vmUuids().stream().filter(u -> vm.equals(fx.sim().uuidOfRef("VM",
                String.valueOf(fx.sim().vmRecord(u).get("snapshot_of"))))).findFirst().orElseThrow();

        String from = resident(vm);
        String to = fx.sim().hostUuids().stream().filter(h -> !h.equals(from)).findFirst().orElseThrow();
        String mig = ws.invoke("root", "Xen_VirtualSystemMigrationService",
                service("Xen_VirtualSystemMigrationService", "Xen Migration Service"), "MigrateVirtualSystemToHost",
                WsmanCalls.epr("ComputerSystem", "Xen_ComputerSystem", vmKeys(vm)) + "<q:DestinationHost>" + to
                        + "</q:DestinationHost>");
        assertEquals("7", WsmanCalls.value(ws.awaitJob("root", mig), "JobState"), mig);
        assertEquals(to, resident(vm));

        String apply = ws.invoke("root", "Xen_VirtualSystemSnapshotService",
                service("Xen_VirtualSystemSnapshotService", "Xen Virtual System Snapshot Service"), "ApplySnapshot",
                WsmanCalls.epr("Snapshot", "Xen_ComputerSystemSnapshot", Map.of("InstanceID", "Xen:" + snapUuid)));
        assertEquals("7", WsmanCalls.value(ws.awaitJob("root", apply), "JobState"), apply);

        String off = requestState("root", vm, 32768);
        assertEquals("7", WsmanCalls.value(ws.awaitJob("root", off), "JobState"), off);
        assertEquals(PowerState.Halted, fx.sim().vmPowerState(vm));
        assertEquals("4097", WsmanCalls.value(requestState("root", vm, 3), "ReturnValue"), "a halted VM cannot stop");
    }

    @Test
    void maintenanceWithAndWithoutEvacuation() throws Exception {
        String host = fx.sim().hostUuids().stream().filter(h -> !h.equals(fx.sim().masterUuid())).findFirst().orElseThrow();
        Map<String, String> keys = Map.of("CreationClassName", "Xen_HostComputerSystem", "Name", host);
        String on = ws.invoke("root", "Xen_HostComputerSystem", keys, "RequestStateChange", "<q:RequestedState>3</q:RequestedState>");
        assertEquals("7", WsmanCalls.value(ws.awaitJob("root", on), "JobState"), on);
        assertEquals(Boolean.FALSE, fx.sim().hostRecord(host).get("enabled"));
        assertEquals("true", ((Map<?, ?>) fx.sim().hostRecord(host).get("other_config")).get("MAINTENANCE_MODE"));
        String hostView = ws.get("root", "Xen_HostComputerSystem", keys);
        assertEquals("6", WsmanCalls.value(hostView, "EnabledState"), "the next Get shows maintenance: " + hostView);
        String off = ws.invoke("root", "Xen_HostComputerSystem", keys, "RequestStateChange", "<q:RequestedState>2</q:RequestedState>");
        assertEquals("7", WsmanCalls.value(ws.awaitJob("root", off), "JobState"), off);
        assertEquals(Boolean.TRUE, fx.sim().hostRecord(host).get("enabled"));

        String vm = vmIn(PowerState.Halted);
        ws.awaitJob("root", ws.invoke("root", "Xen_VirtualSystemMigrationService",
                service("Xen_VirtualSystemMigrationService", "Xen Migration Service"), "MigrateVirtualSystemToHost",
                WsmanCalls.epr("ComputerSystem", "Xen_ComputerSystem", vmKeys(vm)) + "<q:DestinationHost>" + host
                        + "</q:DestinationHost>"));
        ws.awaitJob("root", requestState("root", vm, 2));
        if (!host.equals(resident(vm))) {
            ws.awaitJob("root", ws.invoke("root", "Xen_VirtualSystemMigrationService",
                    service("Xen_VirtualSystemMigrationService", "Xen Migration Service"), "MigrateVirtualSystemToHost",
                    WsmanCalls.epr("ComputerSystem", "Xen_ComputerSystem", vmKeys(vm)) + "<q:DestinationHost>" + host
                            + "</q:DestinationHost>"));
        }
        assertEquals(host, resident(vm));
        String evac = ws.invoke("root", "Xen_HostComputerSystem", keys, "RequestStateChange",
                "<q:RequestedState>32768</q:RequestedState>");
        assertEquals("7", WsmanCalls.value(ws.awaitJob("root", evac), "JobState"), evac);
        assertNotEquals(host, resident(vm), "evacuation moved the VM away");
        ws.awaitJob("root", ws.invoke("root", "Xen_HostComputerSystem", keys, "RequestStateChange",
                "<q:RequestedState>2</q:RequestedState>"));
    }

    @Test
    void everyRoleGetsWhatItMayDo() throws Exception {
        String vm = vmIn(PowerState.Running);
        String denied = requestState("reader", vm, 9);
        assertTrue(denied.contains("AccessDenied"), denied);
        String snapDenied = ws.invoke("operator", "Xen_VirtualSystemSnapshotService",
                service("Xen_VirtualSystemSnapshotService", "Xen Virtual System Snapshot Service"), "CreateSnapshot",
                WsmanCalls.epr("AffectedSystem", "Xen_ComputerSystem", vmKeys(vm)));
        assertTrue(snapDenied.contains("AccessDenied"), snapDenied);
        String hostDenied = ws.invoke("operator", "Xen_HostComputerSystem",
                Map.of("CreationClassName", "Xen_HostComputerSystem", "Name", fx.sim().masterUuid()), "RequestStateChange",
                "<q:RequestedState>3</q:RequestedState>");
        assertTrue(hostDenied.contains("AccessDenied"), hostDenied);
        String paused = requestState("operator", vm, 9);
        assertEquals("7", WsmanCalls.value(ws.awaitJob("operator", paused), "JobState"), "vm-operator may change power state");
        assertEquals(PowerState.Paused, fx.sim().vmPowerState(vm));
        ws.awaitJob("operator", requestState("operator", vm, 2));
        assertEquals(PowerState.Running, fx.sim().vmPowerState(vm));
    }
}
