package org.xenwbem.provider.wsman;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.provider.cimom.CimException;

/**
 * Get and Invoke by natural key on the real providers (issue #17): selectors that leave out only keys
 * the resource URI determines are completed; any other missing key is InvalidSelectors /
 * InsufficientSelectors; a parent class with several served classes does not imply CreationClassName.
 */
class NaturalKeyTest {
    private static final String INSUFFICIENT = "faultDetail/InsufficientSelectors";
    private static PoolService two;

    @BeforeAll
    static void start() throws InterruptedException {
        two = new PoolService(2, 4);
    }

    @AfterAll
    static void stop() {
        two.close();
    }

    private static String guest(PoolService p) {
        return p.bridge.mirror().current().vms().stream()
                .filter(v -> !v.isControlDomain() && !v.isATemplate() && !v.isASnapshot())
                .findFirst().orElseThrow().uuid();
    }

    @Test
    void aVmByItsNameAlone() {
        String vm = guest(two);
        String x = two.get("Xen_ComputerSystem", "Name", vm);
        assertTrue(x.contains("<p:Name>" + vm + "</p:Name>"), x);
        assertTrue(x.contains("<p:CreationClassName>Xen_ComputerSystem</p:CreationClassName>"), x);
    }

    @Test
    void aHostByItsNameAlone() {
        String host = two.sim.masterUuid();
        String x = two.get("Xen_HostComputerSystem", "Name", host);
        assertTrue(x.contains("<p:Name>" + host + "</p:Name>"), x);
    }

    @Test
    void aParentClassServedBySeveralClassesNeedsCreationClassName() {
        String x = two.get("CIM_ComputerSystem", "Name", guest(two));
        assertTrue(x.contains("InvalidSelectors") && x.contains(INSUFFICIENT), x);
        assertTrue(x.contains("needs key CreationClassName"), x);
    }

    @Test
    void aServiceOfOneOfTwoHostsNeedsItsSystemName() {
        String x = two.get("Xen_VirtualSystemManagementService", "Name", "Xen Hypervisor");
        assertTrue(x.contains(INSUFFICIENT) && x.contains("needs key SystemName"), x);
        String named = two.get("Xen_VirtualSystemManagementService", "Name", "Xen Hypervisor",
                "SystemName", two.sim.masterUuid());
        assertTrue(named.contains("<p:SystemCreationClassName>Xen_HostComputerSystem</p:SystemCreationClassName>"), named);
    }

    @Test
    void theServiceOfAOneHostPoolByNameAlone() throws InterruptedException {
        try (PoolService one = new PoolService(1, 1)) {
            String x = one.get("Xen_VirtualSystemManagementService", "Name", "Xen Hypervisor");
            assertTrue(x.contains("<p:SystemName>" + one.sim.masterUuid() + "</p:SystemName>"), x);
        }
    }

    @Test
    void aDiskByDeviceIdAloneNeedsItsSystemName() throws CimException {
        CimInstance disk = two.ops.enumerateInstances(PoolService.ROOT, "root/cimv2", "Xen_Disk").get(0);
        String x = two.get("Xen_Disk", "DeviceID", String.valueOf(disk.get("DeviceID")));
        assertTrue(x.contains(INSUFFICIENT) && x.contains("needs key SystemName"), x);
        String full = two.get("Xen_Disk", "DeviceID", String.valueOf(disk.get("DeviceID")),
                "SystemName", String.valueOf(disk.get("SystemName")));
        assertTrue(full.contains("<p:DeviceID>" + disk.get("DeviceID") + "</p:DeviceID>"), full);
    }

    @Test
    void invokeByNameAndInvokeMissingTheName() {
        String vm = guest(two);
        String body = "<q:RequestStateChange_INPUT xmlns:q=\"" + WsmanServiceTest.P + "Xen_ComputerSystem\">"
                + "<q:RequestedState>9</q:RequestedState></q:RequestStateChange_INPUT>";
        String action = WsmanServiceTest.P + "Xen_ComputerSystem/RequestStateChange";
        String x = two.send(WsmanServiceTest.envelope(action, WsmanServiceTest.P + "Xen_ComputerSystem",
                PoolService.selectors("Name", vm), null, body));
        assertTrue(x.contains("<p:ReturnValue>"), x);
        String missing = two.send(WsmanServiceTest.envelope(action, WsmanServiceTest.P + "Xen_ComputerSystem",
                PoolService.selectors("CreationClassName", "Xen_ComputerSystem"), null, body));
        assertTrue(missing.contains(INSUFFICIENT) && missing.contains("needs key Name"), missing);
    }

    /** The premise of implying CreationClassName: every served instance's CreationClassName is its class. */
    @Test
    void everyServedCreationClassNameIsTheInstancesClass() throws CimException {
        List<CimInstance> all = two.ops.enumerateInstances(PoolService.ROOT, "root/cimv2", "CIM_ManagedElement");
        assertFalse(all.isEmpty());
        int checked = 0;
        for (CimInstance i : all) {
            if (i.cimClass().property("CreationClassName") != null && i.cimClass().property("CreationClassName").isKey()) {
                assertEquals(i.className(), i.get("CreationClassName"), i.path().toString());
                checked++;
            }
        }
        assertTrue(checked > 10, "checked " + checked);
    }
}
