package org.xenwbem.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Debian's python3-winrm: its Windows-style header builder (unqualified mustUnderstand, hard-coded
 * wsa:To, MaxEnvelopeSize 153600, Locale/DataLocale) and its requests transport, posting raw WS-Man.
 */
class PywinrmInteropTest {
    private static DaemonFixture fx;
    private static PywinrmClient winrm;

    @BeforeAll
    static void start() throws Exception {
        fx = new DaemonFixture(10);
        winrm = PywinrmClient.install(fx, "py");
    }

    @AfterAll
    static void stop() {
        if (fx != null) {
            fx.close();
        }
    }

    @Test
    void identify() throws Exception {
        String line = winrm.lines("identify").get(0);
        assertTrue(line.contains("\"ProtocolVersion\": \"http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd\""), line);
        assertTrue(line.contains("xenwbem"), line);
    }

    @Test
    void optimizedEnumerateFitsInOneResponse() throws Exception {
        List<String> lines = winrm.lines("enum", DaemonFixture.P + "Xen_ComputerSystem", "optimized", "32000");
        assertEquals("{\"_pulls\": 0}", lines.get(lines.size() - 1));
        assertEquals(fx.systemVmUuids().size(), lines.size() - 1, String.join("\n", lines));
        for (String vm : fx.systemVmUuids()) {
            assertTrue(lines.stream().anyMatch(l -> l.contains("\"Name\": \"" + vm + "\"")), vm);
        }
    }

    @Test
    void plainEnumeratePagesByMaxElements() throws Exception {
        List<String> lines = winrm.lines("enum", DaemonFixture.P + "Xen_ComputerSystem", "plain", "3");
        int n = fx.systemVmUuids().size();
        assertEquals(n, lines.size() - 1, String.join("\n", lines));
        assertEquals("{\"_pulls\": " + ((n + 2) / 3) + "}", lines.get(lines.size() - 1));
    }

    @Test
    void getReturnsTheVmWithItsState() throws Exception {
        String vm = fx.systemVmUuids().get(0);
        String line = winrm.lines("get", DaemonFixture.P + "Xen_ComputerSystem", "Name=" + vm,
                "CreationClassName=Xen_ComputerSystem").get(0);
        assertTrue(line.contains("\"Name\": \"" + vm + "\""), line);
        assertTrue(line.contains("\"EnabledState\""), line);
    }

    @Test
    void unknownInstanceIsDestinationUnreachable() throws Exception {
        String line = winrm.lines("get", DaemonFixture.P + "Xen_ComputerSystem", "Name=no-such-vm",
                "CreationClassName=Xen_ComputerSystem").get(0);
        assertTrue(line.contains("DestinationUnreachable"), line);
        assertTrue(line.contains("2150858752"), line);
    }

    @Test
    void missingSelectorIsInvalidSelectors() throws Exception {
        String line = winrm.lines("get", DaemonFixture.P + "Xen_ComputerSystem",
                "CreationClassName=Xen_ComputerSystem").get(0);
        assertTrue(line.contains("InvalidSelectors"), line);
    }

    @Test
    void wrongPasswordIs401() throws Exception {
        assertEquals("{\"http\": 401}", winrm.linesAs("wrong", "identify").get(0));
    }

    @Test
    void getClassTheWinrmWayReturnsTheCimXmlClass() throws Exception {
        String line = winrm.lines("getclass", "root/cimv2", "Xen_ComputerSystem").get(0);
        assertTrue(line.contains("\"name\": \"Xen_ComputerSystem\", \"superclass\": \"CIM_ComputerSystem\""), line);
        assertTrue(line.contains("\"EnabledState\": \"uint16\""), line);
        assertTrue(line.contains("\"RequestStateChange\": [\"RequestedState\", \"Job\", \"TimeoutPeriod\"]"), line);
        String unknown = winrm.lines("getclass", "root/cimv2", "Xen_NoSuchClass").get(0);
        assertTrue(unknown.contains("DestinationUnreachable"), unknown);
    }

    @Test
    void openwsmanIntrinsicGetClassAndEnumerateClassNames() throws Exception {
        String intrinsic = "http://schemas.openwsman.org/wbem/wscim/1/intrinsic";
        String cls = winrm.lines("intrinsic", intrinsic + "/Xen_KVPSettingData", "GetClass",
                "__cimnamespace=root/cimv2").get(0);
        assertTrue(cls.contains("\"_element\": \"GetClass\""), cls);
        assertTrue(cls.contains("\"name\": \"Xen_KVPSettingData\""), cls);
        assertTrue(cls.contains("\"InstanceID\": \"string\"") && cls.contains("\"ResourceType\": \"uint16\""), cls);
        String names = winrm.lines("intrinsic", intrinsic, "EnumerateClassNames",
                "__cimnamespace=root/cimv2", "ClassName=CIM_ResourceAllocationSettingData").get(0);
        assertTrue(names.contains("\"Xen_KVPSettingData\"") && names.contains("\"Xen_DiskSettingData\""), names);
        String unknown = winrm.lines("intrinsic", intrinsic + "/Xen_Nope", "GetClass").get(0);
        assertTrue(unknown.contains("DestinationUnreachable"), unknown);
    }
}
