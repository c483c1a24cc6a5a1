package org.xenwbem.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xenwbem.bridge.PowerState;

/**
 * The anchor's {@code network_tests} flow (xs-cim test/winrm-tests/network_tests.bat) through Debian's
 * python3-winrm against the daemon on a simulated pool: an internal switch (its settings in the DMTF
 * namespace, as the anchor's create_internal_network.xml sends them), two external switches on eth0
 * with VLAN 2 and 3, the internal one made external (AddResourceSettings, VLAN 1234), each destroyed; the
 * new host ports seen at once in Xen_HostNetworkPortSettingData; a switch used by a running VM is not
 * destroyed and the fault says why; a bond of two NICs with its mode and MTU.
 */
class NetworkScenarioTest {
    private static final String P = DaemonFixture.P;
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

    private static Map<String, Object> service(String method, String params) throws Exception {
        return winrm.first("invoke", P + "Xen_VirtualSwitchManagementService", method, params,
                "CreationClassName=Xen_VirtualSwitchManagementService", "Name=Xen Virtual Switch Management Service",
                "SystemCreationClassName=Xen_HostComputerSystem", "SystemName=" + fx.sim().masterUuid());
    }

    private static String element(String param, String cls, String props) {
        return "<q:" + param + "><c:" + cls + " xmlns:c=\"" + P + cls + "\">" + props + "</c:" + cls + "></q:" + param + ">";
    }

    private static String p(String name, String value) {
        return "<c:" + name + ">" + value + "</c:" + name + ">";
    }

    private static String epr(String param, String cls, String... selectors) {
        StringBuilder s = new StringBuilder("<q:" + param + "><a:Address>https://localhost/wsman</a:Address>"
                + "<a:ReferenceParameters><w:ResourceURI>" + P + cls + "</w:ResourceURI><w:SelectorSet>");
        for (int i = 0; i < selectors.length; i += 2) {
            s.append("<w:Selector Name=\"").append(selectors[i]).append("\">").append(selectors[i + 1]).append("</w:Selector>");
        }
        return s.append("</w:SelectorSet></a:ReferenceParameters></q:").append(param).append(">").toString();
    }

    private static String external(String name, String devicesAndTag) {
        return element("SystemSettings", "Xen_VirtualSwitchSettingData", p("ElementName", name)
                + p("Description", "External network created by the winrm")) + devicesAndTag;
    }

    private static String port(String cls, String device, String tag) {
        return element("ResourceSettings", cls, p("ResourceType", "33") + p("Connection", device)
                + (tag == null ? "" : p("VlanTag", tag)));
    }

    @SuppressWarnings("unchecked")
    private static String defined(Map<String, Object> out) {
        assertEquals("0", out.get("ReturnValue"), out.toString());
        return String.valueOf(((Map<String, Object>) out.get("ResultingSystem")).get("Name"));
    }

    private static List<Map<String, Object>> portsOf(String network) throws Exception {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String line : winrm.lines("enum", P + "Xen_HostNetworkPortSettingData")) {
            Map<String, Object> m = MiniJson.object(line);
            if (network.equals(m.get("VirtualSwitch"))) {
                out.add(m);
            }
        }
        return out;
    }

    private static void destroy(String network) throws Exception {
        Map<String, Object> out = service("DestroySystem", epr("AffectedSystem", "Xen_VirtualSwitch",
                "Name", network, "CreationClassName", "Xen_VirtualSwitch"));
        assertEquals("0", out.get("ReturnValue"), out.toString());
    }

    @Test
    void anchorNetworkTests() throws Exception {
        String dmtf = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_VirtualSystemSettingData";
        String internal = defined(service("DefineSystem", "<q:SystemSettings><c:CIM_VirtualSystemSettingData xmlns:c=\""
                + dmtf + "\">" + p("ElementName", "WinrmInternalNetwork") + p("Description",
                "Test Internal network created by winrm") + "</c:CIM_VirtualSystemSettingData></q:SystemSettings>"));
        String ext2 = defined(service("DefineSystem", external("WINRMExternalNetwork", port(
                "Xen_HostNetworkPortSettingData", "eth0", "2"))));
        String ext3 = defined(service("DefineSystem", external("WINRMExternalNetwork", port(
                "Xen_HostNetworkPortSettingData", "eth0", "3"))));
        assertEquals(2, portsOf(ext2).size(), "a VLAN port on each host, visible at once");
        portsOf(ext3).forEach(m -> assertEquals("3", m.get("VlanTag")));
        Map<String, Object> sw = winrm.first("get", P + "Xen_VirtualSwitch", "CreationClassName=Xen_VirtualSwitch",
                "Name=" + internal);
        assertEquals("WinrmInternalNetwork", sw.get("ElementName"));
        Map<String, Object> added = service("AddResourceSettings", epr("AffectedConfiguration",
                "Xen_VirtualSwitchSettingData", "InstanceID", "Xen:" + internal)
                + port("Xen_NetworkPortSettingData", "eth0", "1234"));
        assertEquals("0", added.get("ReturnValue"), added.toString());
        portsOf(internal).forEach(m -> assertEquals("1234", m.get("VlanTag")));
        assertEquals(2, portsOf(internal).size());
        for (String n : List.of(internal, ext2, ext3)) {
            destroy(n);
        }
        assertTrue(winrm.lines("enum", P + "Xen_VirtualSwitch").stream()
                .noneMatch(l -> l.contains(internal) || l.contains(ext2) || l.contains(ext3)));
    }

    @Test
    void switchUsedByARunningVmIsNotDestroyed() throws Exception {
        String used = defined(service("DefineSystem", external("used", port("Xen_HostNetworkPortSettingData",
                "eth0", "44"))));
        String vm = fx.sim().vmUuids().stream().filter(u -> fx.sim().vmPowerState(u) == PowerState.Running
                && !Boolean.TRUE.equals(fx.sim().vmRecord(u).get("is_control_domain"))).findFirst().orElseThrow();
        String vif = fx.sim().addVif(vm, used, "6");
        Map<String, Object> refused = service("DestroySystem", epr("AffectedSystem", "Xen_VirtualSwitch",
                "Name", used, "CreationClassName", "Xen_VirtualSwitch"));
        assertTrue(String.valueOf(refused).contains("in use by running VMs"), refused.toString());
        assertEquals(2, portsOf(used).size());
        fx.sim().setField("VIF", vif, "currently_attached", false);
        Thread.sleep(500);
        destroy(used);
    }

    @Test
    void bondOfTwoNicsWithModeAndMtu() throws Exception {
        String vlan100 = fx.sim().uuids("network").stream().filter(n -> String.valueOf(fx.sim().record("network", n)
                .get("name_label")).startsWith("VLAN 100")).findFirst().orElseThrow();
        destroy(vlan100);
        String bond = defined(service("DefineSystem", element("SystemSettings", "Xen_VirtualSwitchSettingData",
                p("ElementName", "bonded") + p("MTU", "9000") + p("BondMode", "active-backup"))
                + port("Xen_HostNetworkPortSettingData", "eth0", null) + port("Xen_HostNetworkPortSettingData", "eth1", null)));
        Map<String, Object> settings = winrm.first("get", P + "Xen_VirtualSwitchSettingData", "InstanceID=Xen:" + bond);
        assertEquals("9000", settings.get("MTU"));
        assertEquals("active-backup", settings.get("BondMode"));
        assertEquals(2, portsOf(bond).size());
        portsOf(bond).forEach(m -> assertEquals("true", m.get("Management"), "management moved onto the bond"));
        destroy(bond);
        long managementOnEth0 = winrm.lines("enum", P + "Xen_HostNetworkPortSettingData").stream().map(MiniJson::object)
                .filter(m -> "true".equals(m.get("Management")) && String.valueOf(m.get("Connection")).contains("eth0"))
                .count();
        assertEquals(2, managementOnEth0, "each host's management interface is eth0 again");
    }
}
