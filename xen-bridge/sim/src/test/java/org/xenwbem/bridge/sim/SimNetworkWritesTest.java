package org.xenwbem.bridge.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/** network, VLAN, Bond and PIF writes of the simulator, with xapi's errors, through the bridge's client. */
class SimNetworkWritesTest {
    private SimulatedPool pool;
    private XenApiConnection conn;
    private XenApiSession s;

    @BeforeEach
    void start() throws Exception {
        pool = SimulatedPool.builder().hosts(2).vms(2).nicsPerVm(1).seed(7).rootPassword("pw")
                .otherUsersPassword("pw2").taskDelay(Duration.ofMillis(5)).build();
        URI url = pool.start("127.0.0.1", 0);
        conn = XenApiConnection.create(url, Duration.ofSeconds(2), Duration.ofSeconds(10));
        s = conn.login("root", "pw".toCharArray(), "test");
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

    /** The PIF of host {@code index} with {@code device} and no VLAN tag. */
    @SuppressWarnings("unchecked")
    private String pif(int index, String device) throws Exception {
        String host = (String) s.call("host.get_by_uuid", pool.state().hostUuids().get(index));
        Map<String, Map<String, Object>> all = (Map<String, Map<String, Object>>) s.call("PIF.get_all_records");
        return all.entrySet().stream().filter(e -> host.equals(e.getValue().get("host"))
                        && device.equals(e.getValue().get("device")) && num(e.getValue().get("VLAN")) < 0)
                .map(Map.Entry::getKey).findFirst().orElseThrow();
    }

    private static long num(Object wire) {
        return Long.parseLong(String.valueOf(wire));
    }

    private String network(String name, long mtu) throws Exception {
        return (String) s.call("network.create", Map.of("name_label", name, "name_description", "d", "MTU",
                Long.toString(mtu), "other_config", Map.of()));
    }

    @Test
    void networkCreateAndDestroy() throws Exception {
        String net = network("internal", 9000);
        Map<String, Object> r = rec("network", net);
        assertEquals("internal", r.get("name_label"));
        assertEquals(9000L, num(r.get("MTU")));
        assertTrue(((String) r.get("bridge")).startsWith("xapi"));
        fails("MTU_INVALID", "network.set_MTU", net, "20");
        s.call("network.destroy", net);
        fails("HANDLE_INVALID", "network.get_record", net);
    }

    @Test
    void networkInUseIsNotDestroyed() throws Exception {
        String tagged = network("tagged", 1500);
        s.call("VLAN.create", pif(0, "eth1"), "77", tagged);
        fails("NETWORK_CONTAINS_PIF", "network.destroy", tagged);
        String net = network("with a vif", 1500);
        String vm = (String) s.call("VM.get_by_uuid", pool.state().vmUuids().get(0));
        String vif = (String) s.call("VIF.create", Map.of("device", "3", "network", net, "VM", vm, "MAC", "",
                "MTU", "1500", "other_config", Map.of(), "qos_algorithm_type", "", "qos_algorithm_params", Map.of()));
        pool.state().setField("VIF", (String) s.call("VIF.get_uuid", vif), "currently_attached", true);
        XenApiException e = fails("NETWORK_CONTAINS_VIF", "network.destroy", net);
        assertEquals(List.of(vif), e.params());
        pool.state().setField("VIF", (String) s.call("VIF.get_uuid", vif), "currently_attached", false);
        s.call("network.destroy", net);
        fails("HANDLE_INVALID", "VIF.get_record", vif);
    }

    @Test
    void vlanCreateAndDestroy() throws Exception {
        String net = network("vlan 200", 1500);
        String eth1 = pif(0, "eth1");
        String vlan = (String) s.call("VLAN.create", eth1, "200", net);
        Map<String, Object> v = rec("VLAN", vlan);
        Map<String, Object> untagged = rec("PIF", (String) v.get("untagged_PIF"));
        assertEquals(200L, num(untagged.get("VLAN")));
        assertEquals("eth1", untagged.get("device"));
        assertEquals(net, untagged.get("network"));
        fails("PIF_VLAN_EXISTS", "VLAN.create", eth1, "200", network("again", 1500));
        fails("VLAN_TAG_INVALID", "VLAN.create", pif(0, "eth0"), "4095", network("bad tag", 1500));
        fails("PIF_IS_VLAN", "VLAN.create", v.get("untagged_PIF"), "5", network("vlan on vlan", 1500));
        fails("NETWORK_ALREADY_CONNECTED", "VLAN.create", pif(0, "eth0"), "201", net);
        s.call("VLAN.destroy", vlan);
        assertEquals(List.of(), rec("network", net).get("PIFs"));
        assertFalse(((List<?>) rec("PIF", eth1).get("VLAN_slave_of")).contains(vlan));
    }

    @Test
    void bondTakesTheManagementRoleAndGivesItBack() throws Exception {
        String net = network("bond", 9000);
        String eth0 = pif(1, "eth0");
        String eth1 = pif(1, "eth1");
        fails("PIF_BOND_NEEDS_MORE_MEMBERS", "Bond.create", net, List.of(eth0), "", "lacp", Map.of());
        fails("PIF_ALREADY_BONDED", "Bond.create", net, List.of(eth0, pif(1, "eth2")), "", "lacp", Map.of());
        fails("PIF_CANNOT_BOND_CROSS_HOST", "Bond.create", net, List.of(eth0, pif(0, "eth0")), "", "lacp", Map.of());
        fails("INVALID_VALUE", "Bond.create", net, List.of(eth0, eth1), "", "round-robin", Map.of());
        String bond = (String) s.call("Bond.create", net, List.of(eth0, eth1), "", "active-backup", Map.of());
        Map<String, Object> b = rec("Bond", bond);
        assertEquals("active-backup", b.get("mode"));
        Map<String, Object> master = rec("PIF", (String) b.get("master"));
        assertEquals("bond1", master.get("device"));
        assertEquals(9000L, num(master.get("MTU")));
        assertEquals(true, master.get("management"));
        assertEquals(false, rec("PIF", eth0).get("management"));
        assertEquals(bond, rec("PIF", eth1).get("bond_slave_of"));
        assertEquals(1, ((List<?>) master.get("VLAN_slave_of")).size(), "eth1's VLAN moved onto the bond");
        s.call("Bond.set_mode", bond, "lacp");
        s.call("Bond.destroy", bond);
        assertEquals(true, rec("PIF", eth0).get("management"));
        assertEquals("Static", rec("PIF", eth0).get("ip_configuration_mode"));
        assertEquals("OpaqueRef:NULL", rec("PIF", eth1).get("bond_slave_of"));
        assertEquals(1, ((List<?>) rec("PIF", eth0).get("VLAN_slave_of")).size(), "the VLAN went to the primary");
        assertEquals(List.of(), rec("network", net).get("PIFs"));
    }

    @Test
    void pifPlugAndIpConfiguration() throws Exception {
        String eth0 = pif(0, "eth0");
        fails("PIF_IS_MANAGEMENT_INTERFACE", "PIF.unplug", eth0);
        fails("PIF_IS_MANAGEMENT_INTERFACE", "PIF.reconfigure_ip", eth0, "None", "", "", "", "");
        String eth1 = pif(0, "eth1");
        s.call("PIF.unplug", eth1);
        assertEquals(false, rec("PIF", eth1).get("currently_attached"));
        s.call("PIF.plug", eth1);
        fails("INVALID_IP_ADDRESS_SPECIFIED", "PIF.reconfigure_ip", eth1, "Static", "10.0.0.300", "255.0.0.0", "", "");
        s.call("PIF.reconfigure_ip", eth1, "Static", "10.1.2.3", "255.255.0.0", "10.1.0.1", "10.1.0.2");
        Map<String, Object> r = rec("PIF", eth1);
        assertEquals("Static", r.get("ip_configuration_mode"));
        assertEquals("10.1.2.3", r.get("IP"));
    }

    @Test
    void readOnlyUserChangesNothing() throws Exception {
        XenApiSession reader = conn.login("reader", "pw2".toCharArray(), "test");
        XenApiException e = assertThrows(XenApiException.class, () -> reader.call("network.create",
                Map.of("name_label", "x", "name_description", "", "MTU", "1500", "other_config", Map.of())));
        assertEquals("RBAC_PERMISSION_DENIED", e.code());
        e = assertThrows(XenApiException.class, () -> reader.call("host.reboot", "OpaqueRef:x"));
        assertEquals("RBAC_PERMISSION_DENIED", e.code());
    }

    @Test
    void injectedFailureLeavesNoVlan() throws Exception {
        pool.faults().on("VLAN.create").once().fail("INTERNAL_ERROR", "injected");
        String net = network("v", 1500);
        fails("INTERNAL_ERROR", "VLAN.create", pif(0, "eth1"), "300", net);
        assertEquals(List.of(), rec("network", net).get("PIFs"));
    }
}
