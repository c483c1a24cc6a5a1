package org.xenwbem.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xenwbem.bridge.PowerState;

/**
 * Requests shaped as users and the anchor's scripts send them, through python3-winrm to the real
 * daemon (issue #17): a Get by the natural key alone, the service named by Name and SystemName,
 * AddResourceSettings with AffectedSystem (xs-cim's AttachVdi), RemoveResourceSettings with embedded
 * setting data carrying the device's InstanceID (VmFromNetwork), and the returned job read at once.
 */
class AnchorShapesTest {
    private static final String P = DaemonFixture.P;
    private static DaemonFixture fx;
    private static PywinrmClient winrm;

    @BeforeAll
    static void start() throws Exception {
        fx = new DaemonFixture(3);
        winrm = PywinrmClient.install(fx, "anchor");
    }

    @AfterAll
    static void stop() {
        if (fx != null) {
            fx.close();
        }
    }

    private static Map<String, Object> vsms(String method, String params) throws Exception {
        return winrm.first("invoke", P + "Xen_VirtualSystemManagementService", method, params,
                "Name=Xen Hypervisor", "SystemName=" + fx.sim().masterUuid());
    }

    private static List<String> children(String cls, String vm) {
        return fx.sim().uuids(cls).stream()
                .filter(u -> vm.equals(fx.sim().uuidOfRef("VM", String.valueOf(fx.sim().record(cls, u).get("VM")))))
                .toList();
    }

    private static String element(String param, String cls, String props) {
        return "<q:" + param + "><c:" + cls + " xmlns:c=\"http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/" + cls
                + "\">" + props + "</c:" + cls + "></q:" + param + ">";
    }

    private static String p(String name, String value) {
        return "<c:" + name + ">" + value + "</c:" + name + ">";
    }

    @Test
    void getByNameAlone() throws Exception {
        String vm = fx.systemVmUuids().get(0);
        Map<String, Object> x = winrm.first("get", P + "Xen_ComputerSystem", "Name=" + vm);
        assertEquals(vm, x.get("Name"), x.toString());
        assertEquals("Xen_ComputerSystem", x.get("CreationClassName"), x.toString());
    }

    @Test
    @SuppressWarnings("unchecked")
    void addByAffectedSystemRemoveByEmbeddedSettingDataAndTheJobAtOnce() throws Exception {
        String vm = fx.systemVmUuids().stream()
                .filter(u -> !Boolean.TRUE.equals(fx.sim().vmRecord(u).get("is_control_domain"))
                        && !children("VIF", u).isEmpty()).findFirst().orElseThrow();
        fx.sim().setVmPowerState(vm, PowerState.Halted);
        int vbds = children("VBD", vm).size();
        String affected = "<q:AffectedSystem><a:Address>" + "http://schemas.xmlsoap.org/ws/2004/08/addressing/role/anonymous"
                + "</a:Address><a:ReferenceParameters><w:ResourceURI>" + P + "Xen_ComputerSystem</w:ResourceURI>"
                + "<w:SelectorSet><w:Selector Name=\"Name\">" + vm + "</w:Selector><w:Selector Name=\"CreationClassName\">"
                + "Xen_ComputerSystem</w:Selector></w:SelectorSet></a:ReferenceParameters></q:AffectedSystem>";
        Map<String, Object> out = vsms("AddResourceSettings", element("ResourceSettings", "Xen_DiskSettingData",
                p("ElementName", "CD / DVD ROM") + p("ResourceType", "15") + p("ResourceSubType", "CD")) + affected);
        assertEquals("4096", out.get("ReturnValue"), out.toString());
        String id = String.valueOf(((Map<String, Object>) out.get("Job")).get("InstanceID"));
        Map<String, Object> job = winrm.first("get", P + "Xen_VirtualSystemModifyResourcesJob", "InstanceID=" + id);
        assertNull(job.get("http"), "the job is readable at once: " + job);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!List.of("7", "8", "9", "10").contains(String.valueOf(job.get("JobState")))
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
            job = winrm.first("get", P + "Xen_VirtualSystemModifyResourcesJob", "InstanceID=" + id);
        }
        assertEquals("7", job.get("JobState"), job.toString());
        assertEquals(vbds + 1, children("VBD", vm).size());

        List<String> vifs = new ArrayList<>(children("VIF", vm));
        String vif = vifs.get(0);
        out = vsms("RemoveResourceSettings", element("ResourceSettings", "Xen_NetworkPortSettingData",
                p("InstanceID", "Xen:" + vm + "/" + vif) + p("ResourceType", "33")));
        assertEquals("0", out.get("ReturnValue"), out.toString());
        assertFalse(fx.sim().uuids("VIF").contains(vif));
    }
}
