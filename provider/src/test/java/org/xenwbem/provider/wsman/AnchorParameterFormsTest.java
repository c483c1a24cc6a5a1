package org.xenwbem.provider.wsman;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xenwbem.bridge.PowerState;

/**
 * The method calls of the anchor's own clients (xs-cim test/wsman-powershell-tests/XenWsMan.Functions.ps1
 * and test/winrm-tests), sent over WS-Man to the real providers (issue #17): a device named by embedded
 * setting data or by an EPR, AddResourceSettings naming the VM by AffectedSystem or by an EPR to
 * Xen_ComputerSystem with its InstanceID, a processor named by the VM's InstanceID.
 */
class AnchorParameterFormsTest {
    private static final String P = WsmanServiceTest.P;
    private static final String DMTF = "http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/";
    private static final String VSMS = "Xen_VirtualSystemManagementService";
    private static final String XSI = "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"";
    private static PoolService p;

    @BeforeAll
    static void start() throws InterruptedException {
        p = new PoolService(1, 8);
    }

    @AfterAll
    static void stop() {
        p.close();
    }

    /** A halted guest with a VIF and a disk VBD that no earlier test took away. */
    private static String haltedVmWithDevices() {
        return p.sim.vmUuids().stream().filter(u -> p.sim.vmPowerState(u) == PowerState.Halted
                && !Boolean.TRUE.equals(p.sim.vmRecord(u).get("is_a_template"))
                && !Boolean.TRUE.equals(p.sim.vmRecord(u).get("is_a_snapshot"))
                && !Boolean.TRUE.equals(p.sim.vmRecord(u).get("is_control_domain"))
                && !childrenOf("VIF", u).isEmpty() && childrenOf("VBD", u).size() > 1)
                .findFirst().orElseThrow();
    }

    private static List<String> childrenOf(String cls, String vm) {
        return p.sim.uuids(cls).stream()
                .filter(u -> vm.equals(p.sim.uuidOfRef("VM", String.valueOf(p.sim.record(cls, u).get("VM"))))).toList();
    }

    private static String invoke(String method, String body) {
        String svc = p.sim.masterUuid();
        return p.send(WsmanServiceTest.envelope(P + VSMS + "/" + method, P + VSMS,
                PoolService.selectors("Name", "Xen Hypervisor", "SystemName", svc), null,
                "<" + method + "_INPUT " + XSI + " xmlns=\"" + P + VSMS + "\">" + body + "</" + method + "_INPUT>"));
    }

    private static String returnValue(String out) {
        Matcher m = Pattern.compile("<p:ReturnValue>(\\d+)</p:ReturnValue>").matcher(out);
        assertTrue(m.find(), out);
        return m.group(1);
    }

    private static String vmEpr(String param, String selectors) {
        return "<" + param + "><a:Address xmlns:a=\"" + Ns.WSA + "\">" + Ns.ANONYMOUS + "</a:Address>"
                + "<a:ReferenceParameters xmlns:a=\"" + Ns.WSA + "\" xmlns:w=\"" + Ns.WSMAN + "\">"
                + "<w:ResourceURI>" + DMTF + "Xen_ComputerSystem</w:ResourceURI><w:SelectorSet>" + selectors
                + "</w:SelectorSet></a:ReferenceParameters></" + param + ">";
    }

    /** Polls the job the output names until it ends; its JobState. */
    private static String jobEnd(String out) throws InterruptedException {
        Matcher cls = Pattern.compile("<p:Job>.*?/(Xen_[A-Za-z]+)</wsman:ResourceURI>", Pattern.DOTALL).matcher(out);
        Matcher id = Pattern.compile("<wsman:Selector Name=\"InstanceID\">([^<]+)<").matcher(out);
        assertTrue(cls.find() && id.find(), out);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            Matcher st = Pattern.compile("<p:JobState>(\\d+)<").matcher(p.get(cls.group(1), "InstanceID", id.group(1)));
            if (st.find() && List.of("7", "8", "9", "10").contains(st.group(1))) {
                return st.group(1);
            }
            Thread.sleep(20);
        }
        throw new AssertionError("job did not end: " + out);
    }

    @Test
    void removeResourceSettingsTakesTheAnchorsEmbeddedSettingData() throws InterruptedException {
        String vm = haltedVmWithDevices();
        String vif = childrenOf("VIF", vm).get(0);
        String vbd = childrenOf("VBD", vm).get(0);
        // VmFromNetwork: a Xen_NetworkPortSettingData in the DMTF namespace, its prefix first bound to Citrix's
        String nic = "<ResourceSettings><npsd:Xen_NetworkPortSettingData xmlns:npsd=\"" + DMTF
                + "Xen_NetworkPortSettingData\" xsi:type=\"Xen_NetworkPortSettingData_Type\"><npsd:InstanceID>Xen:" + vm
                + "/" + vif + "</npsd:InstanceID><npsd:ResourceType>33</npsd:ResourceType></npsd:Xen_NetworkPortSettingData>"
                + "</ResourceSettings>";
        // DetachVbd's shape with the Citrix namespace
        String disk = "<ResourceSettings><dsd:Xen_DiskSettingData xmlns:dsd=\"" + P + "Xen_DiskSettingData\">"
                + "<dsd:InstanceID>Xen:" + vm + "/" + vbd + "</dsd:InstanceID><dsd:ResourceType>19</dsd:ResourceType>"
                + "</dsd:Xen_DiskSettingData></ResourceSettings>";
        String out = invoke("RemoveResourceSettings", nic.replace("<ResourceSettings>",
                "<ResourceSettings xmlns:npsd=\"" + P + "Xen_NetworkPortSettingData\">") + disk);
        assertEquals("0", returnValue(out), out);
        assertFalse(p.sim.uuids("VIF").contains(vif));
        assertFalse(p.sim.uuids("VBD").contains(vbd));
    }

    @Test
    void removeResourceSettingsStillTakesAnEndpointReference() throws InterruptedException {
        String vm = haltedVmWithDevices();
        String vbd = childrenOf("VBD", vm).get(0);
        String out = invoke("RemoveResourceSettings", "<ResourceSettings><a:Address xmlns:a=\"" + Ns.WSA + "\">"
                + Ns.ANONYMOUS + "</a:Address><a:ReferenceParameters xmlns:a=\"" + Ns.WSA + "\" xmlns:w=\"" + Ns.WSMAN
                + "\"><w:ResourceURI>" + P + "Xen_DiskSettingData</w:ResourceURI><w:SelectorSet>"
                + "<w:Selector Name=\"InstanceID\">Xen:" + vm + "/" + vbd + "</w:Selector></w:SelectorSet>"
                + "</a:ReferenceParameters></ResourceSettings>");
        assertEquals("0", returnValue(out), out);
        assertFalse(p.sim.uuids("VBD").contains(vbd));
    }

    private static String cdDrive() {
        return "<ResourceSettings><dsd:Xen_DiskSettingData xmlns:dsd=\"" + DMTF + "Xen_DiskSettingData\">"
                + "<dsd:ElementName>CD / DVD ROM</dsd:ElementName><dsd:ResourceType>15</dsd:ResourceType>"
                + "<dsd:ResourceSubType>CD</dsd:ResourceSubType></dsd:Xen_DiskSettingData></ResourceSettings>";
    }

    @Test
    void addResourceSettingsTakesAffectedSystem() throws InterruptedException {
        String vm = haltedVmWithDevices();
        int before = childrenOf("VBD", vm).size();
        String out = invoke("AddResourceSettings", cdDrive() + vmEpr("AffectedSystem",
                "<w:Selector Name=\"Name\">" + vm + "</w:Selector>"
                        + "<w:Selector Name=\"CreationClassName\">Xen_ComputerSystem</w:Selector>"));
        assertEquals("4096", returnValue(out), out);
        assertEquals("7", jobEnd(out), out);
        assertEquals(before + 1, childrenOf("VBD", vm).size());
    }

    @Test
    void addResourceSettingsTakesTheVmByItsInstanceId() throws InterruptedException {
        String vm = haltedVmWithDevices();
        int before = childrenOf("VBD", vm).size();
        String out = invoke("AddResourceSettings", cdDrive() + vmEpr("AffectedConfiguration",
                "<w:Selector Name=\"InstanceID\">Xen:" + vm + "</w:Selector>"));
        assertEquals("4096", returnValue(out), out);
        assertEquals("7", jobEnd(out), out);
        assertEquals(before + 1, childrenOf("VBD", vm).size());
        String other = p.bridge.mirror().current().vms().stream()
                .filter(v -> !v.isControlDomain() && !v.isATemplate() && !v.isASnapshot() && !v.uuid().equals(vm))
                .findFirst().orElseThrow().uuid();
        String mismatch = invoke("AddResourceSettings", cdDrive()
                + vmEpr("AffectedConfiguration", "<w:Selector Name=\"InstanceID\">Xen:" + vm + "</w:Selector>")
                + vmEpr("AffectedSystem", "<w:Selector Name=\"Name\">" + other + "</w:Selector>"));
        assertTrue(mismatch.contains("name different VMs"), mismatch);
    }

    @Test
    void modifyResourceSettingsTakesAProcessorNamedByTheVmsInstanceId() {
        String vm = haltedVmWithDevices();
        String out = invoke("ModifyResourceSettings", "<ResourceSettings><psd:Xen_ProcessorSettingData xmlns:psd=\""
                + P + "Xen_ProcessorSettingData\"><psd:ResourceType>3</psd:ResourceType>"
                + "<psd:VirtualQuantity>2</psd:VirtualQuantity><psd:AllocationUnits>true</psd:AllocationUnits>"
                + "<psd:InstanceID>Xen:" + vm + "</psd:InstanceID></psd:Xen_ProcessorSettingData></ResourceSettings>");
        assertEquals("0", returnValue(out), out);
        assertEquals("2", String.valueOf(p.sim.vmRecord(vm).get("VCPUs_max")));
    }
}
