package org.xenwbem.provider.classes.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.xenwbem.bridge.NetworkRecord;
import org.xenwbem.bridge.PifRecord;
import org.xenwbem.provider.cimom.CimException;
import org.xenwbem.provider.cimom.CimStatus;
import org.xenwbem.provider.cimom.MethodResult;
import org.xenwbem.provider.methods.MethodFixture;

/** Xen_VirtualSwitchManagementService on a simulated two-host pool through the real bridge. */
class SwitchManagementTest extends SwitchTestBase {
    @Test
    void internalSwitchAsTheAnchorSendsIt() throws Exception {
        String uuid = define(Map.of("SystemSettings", "instance of CIM_VirtualSystemSettingData { "
                + "ElementName = \"WinrmInternalNetwork\"; Description = \"Test Internal network\"; };"));
        NetworkRecord n = now().network(uuid).orElseThrow();
        assertEquals("WinrmInternalNetwork", n.nameLabel());
        assertEquals("Test Internal network", n.nameDescription());
        assertEquals(List.of(), n.pifUuids());
    }

    @Test
    void externalSwitchIsAVlanOnEveryHostsNic() throws Exception {
        String a = define(Map.of("SystemSettings", switchSettings("ext2", ""), "ResourceSettings", List.of(port("eth0", "2"))));
        String b = define(Map.of("SystemSettings", switchSettings("ext3", ""), "ResourceSettings", List.of(port("eth0", "3"))));
        for (String[] c : new String[][] {{a, "2"}, {b, "3"}}) {
            List<PifRecord> pifs = pifsOf(c[0]);
            assertEquals(2, pifs.size(), "one VLAN PIF per host");
            pifs.forEach(p -> assertEquals(Long.parseLong(c[1]), p.vlan()));
            pifs.forEach(p -> assertEquals("eth0", p.device()));
        }
    }

    @Test
    void bondingANicThatCarriesVlansIsRefused() {
        CimException e = assertThrows(CimException.class, () -> call(ROOT, "DefineSystem", Map.of("SystemSettings",
                switchSettings("b", ""), "ResourceSettings", List.of(port("eth0", null), port("eth1", null)))));
        assertEquals(CimStatus.FAILED, e.status());
        assertTrue(e.getMessage().contains("VLAN"), e.getMessage());
    }

    @Test
    void bondOfSeveralNicsWithModeAndMtu() throws Exception {
        freeEth1();
        String uuid = define(Map.of("SystemSettings", switchSettings("bonded", "MTU = 9000; BondMode = \"lacp\";"),
                "ResourceSettings", List.of(port("eth0", null), port("eth1", null))));
        List<PifRecord> masters = pifsOf(uuid);
        assertEquals(2, masters.size());
        masters.forEach(p -> assertEquals(9000L, p.mtu()));
        masters.forEach(p -> assertTrue(p.management(), "the management interface moved onto the bond"));
        assertTrue(now().bonds().stream().filter(b -> masters.stream().anyMatch(m -> m.uuid().equals(b.masterPifUuid())))
                .allMatch(b -> "lacp".equals(b.mode()) && b.slavePifUuids().size() == 2));
    }

    @Test
    void oneNicWithoutTagIsRefusedWithTheReason() {
        CimException e = assertThrows(CimException.class, () -> call(ROOT, "DefineSystem", Map.of("SystemSettings",
                switchSettings("x", ""), "ResourceSettings", List.of(port("eth0", null)))));
        assertEquals(CimStatus.INVALID_PARAMETER, e.status());
        assertTrue(e.getMessage().contains("VlanTag"), e.getMessage());
    }

    @Test
    void destroyIsRefusedWhileARunningVmUsesTheSwitch() throws Exception {
        String uuid = define(Map.of("SystemSettings", switchSettings("used", ""), "ResourceSettings",
                List.of(port("eth0", "7"))));
        String vif = SwitchTestSupport.attachRunningVif(fx, uuid);
        CimException e = assertThrows(CimException.class, () -> call(ROOT, "DestroySystem",
                Map.of("AffectedSystem", switchRef(uuid))));
        assertEquals(CimStatus.FAILED, e.status());
        assertTrue(e.getMessage().contains("in use by running VMs"), e.getMessage());
        assertEquals(2, pifsOf(uuid).size(), "nothing was taken off the switch");
        fx.sim.setField("VIF", vif, "currently_attached", false);
        fx.synced();
        call(ROOT, "DestroySystem", Map.of("AffectedSystem", switchRef(uuid)));
        assertTrue(now().network(uuid).isEmpty());
        assertTrue(now().pifs().stream().noneMatch(p -> p.vlan() == 7));
    }

    @Test
    void hostNicsOwnSwitchIsNotDestroyed() {
        String eth0Net = now().pifs().stream().filter(p -> p.device().equals("eth0") && p.vlan() < 0)
                .findFirst().orElseThrow().networkUuid();
        CimException e = assertThrows(CimException.class, () -> call(ROOT, "DestroySystem",
                Map.of("AffectedSystem", switchRef(eth0Net))));
        assertEquals(CimStatus.FAILED, e.status());
    }

    @Test
    void internalBecomesExternalAndBack() throws Exception {
        String uuid = define(Map.of("SystemSettings", switchSettings("conv", "")));
        MethodResult r = call(ROOT, "AddResourceSettings", Map.of("AffectedConfiguration", settingsRef(uuid),
                "ResourceSettings", List.of("instance of Xen_NetworkPortSettingData { ResourceType = 33; "
                        + "Connection = {\"eth0\"}; VlanTag = 1234; };")));
        assertEquals(0L, ((Number) r.returnValue()).longValue());
        assertEquals(2, ((List<?>) r.out().get("ResultingResourceSettings")).size());
        assertEquals(2, pifsOf(uuid).size());
        call(ROOT, "RemoveResourceSettings", Map.of("ResourceSettings", r.out().get("ResultingResourceSettings")));
        assertEquals(List.of(), pifsOf(uuid));
    }

    @Test
    void vlanTagChangesForTheWholeSwitch() throws Exception {
        String uuid = define(Map.of("SystemSettings", switchSettings("retag", ""), "ResourceSettings",
                List.of(port("eth0", "20"))));
        PifRecord p = pifsOf(uuid).get(0);
        call(ROOT, "ModifyResourceSettings", Map.of("ResourceSettings", List.of(
                "instance of Xen_HostNetworkPortSettingData { InstanceID = \"Xen:" + p.hostUuid() + "/" + p.uuid()
                        + "\"; VlanTag = 21; };")));
        List<PifRecord> after = pifsOf(uuid);
        assertEquals(2, after.size());
        after.forEach(x -> assertEquals(21L, x.vlan()));
    }

    @Test
    void nameDescriptionAndMtu() throws Exception {
        String uuid = define(Map.of("SystemSettings", switchSettings("old", "")));
        call(ROOT, "ModifySystemSettings", Map.of("SystemSettings", "instance of Xen_VirtualSwitchSettingData { "
                + "InstanceID = \"Xen:" + uuid + "\"; ElementName = \"new\"; Description = \"renamed\"; MTU = 9000; };"));
        NetworkRecord n = now().network(uuid).orElseThrow();
        assertEquals("new", n.nameLabel());
        assertEquals("renamed", n.nameDescription());
        assertEquals(9000L, n.mtu());
    }

    @Test
    void managementInterfaceNeedsAConfirmation() throws Exception {
        PifRecord mgmt = now().pifs().stream().filter(PifRecord::management).findFirst().orElseThrow();
        String id = "Xen:" + mgmt.hostUuid() + "/" + mgmt.uuid();
        CimException e = assertThrows(CimException.class, () -> call(ROOT, "ModifyResourceSettings", Map.of(
                "ResourceSettings", List.of("instance of Xen_HostNetworkPortSettingData { InstanceID = \"" + id
                        + "\"; IPConfigurationMode = 1; };"))));
        assertEquals(CimStatus.FAILED, e.status());
        assertTrue(e.getMessage().contains("ConfirmManagementChange"), e.getMessage());
        assertEquals("Static", now().pif(mgmt.uuid()).orElseThrow().ipConfigurationMode());
        call(ROOT, "ModifyResourceSettings", Map.of("ResourceSettings", List.of("instance of "
                + "Xen_HostNetworkPortSettingData { InstanceID = \"" + id + "\"; IPConfigurationMode = 1; "
                + "ConfirmManagementChange = true; };")));
        assertEquals("DHCP", now().pif(mgmt.uuid()).orElseThrow().ipConfigurationMode());
    }

    @Test
    void readOnlyUserChangesNothing() {
        int before = now().networks().size();
        for (String role : List.of("read-only", "vm-admin")) {
            CimException e = assertThrows(CimException.class, () -> call(MethodFixture.as("reader", role),
                    "DefineSystem", Map.of("SystemSettings", switchSettings("no", ""))));
            assertEquals(CimStatus.ACCESS_DENIED, e.status());
        }
        assertEquals(before, now().networks().size());
        assertFalse(now().networks().stream().anyMatch(n -> n.nameLabel().equals("no")));
    }
}
