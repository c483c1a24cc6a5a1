package org.xenwbem.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Debian's python3-winrm: its Windows-style header builder (unqualified mustUnderstand, hard-coded
 * wsa:To, MaxEnvelopeSize 153600, Locale/DataLocale) and its requests transport, posting raw WS-Man.
 */
class PywinrmInteropTest {
    private static DaemonFixture fx;
    private static Path script;

    @BeforeAll
    static void start() throws Exception {
        ExternalTool.require("/usr/bin/python3");
        fx = new DaemonFixture(10);
        script = fx.scratch("py").resolve("pywinrm_client.py");
        try (var in = PywinrmInteropTest.class.getResourceAsStream("/clients/pywinrm_client.py")) {
            Files.copy(in, script);
        }
        ExternalTool.Result probe = ExternalTool.run(List.of("/usr/bin/python3", "-c", "import winrm, xmltodict"),
                Map.of(), fx.scratch("py"), Duration.ofSeconds(30));
        if (probe.exit() != 0) {
            ExternalTool.require("/nonexistent/python3-winrm");
        }
    }

    @AfterAll
    static void stop() {
        if (fx != null) {
            fx.close();
        }
    }

    private List<String> py(String password, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3", script.toString(), fx.wsmanUrl(), "root", password));
        cmd.addAll(List.of(args));
        ExternalTool.Result r = ExternalTool.run(cmd, Map.of(), fx.scratch("py"), Duration.ofSeconds(60));
        assertEquals(0, r.exit(), r.toString());
        return r.out().lines().toList();
    }

    @Test
    void identify() throws Exception {
        String line = py(DaemonFixture.PASSWORD, "identify").get(0);
        assertTrue(line.contains("\"ProtocolVersion\": \"http://schemas.dmtf.org/wbem/wsman/1/wsman.xsd\""), line);
        assertTrue(line.contains("xenwbem"), line);
    }

    @Test
    void optimizedEnumerateFitsInOneResponse() throws Exception {
        List<String> lines = py(DaemonFixture.PASSWORD, "enum", DaemonFixture.P + "Xen_ComputerSystem", "optimized", "32000");
        assertEquals("{\"_pulls\": 0}", lines.get(lines.size() - 1));
        assertEquals(fx.systemVmUuids().size(), lines.size() - 1, String.join("\n", lines));
        for (String vm : fx.systemVmUuids()) {
            assertTrue(lines.stream().anyMatch(l -> l.contains("\"Name\": \"" + vm + "\"")), vm);
        }
    }

    @Test
    void plainEnumeratePagesByMaxElements() throws Exception {
        List<String> lines = py(DaemonFixture.PASSWORD, "enum", DaemonFixture.P + "Xen_ComputerSystem", "plain", "3");
        int n = fx.systemVmUuids().size();
        assertEquals(n, lines.size() - 1, String.join("\n", lines));
        assertEquals("{\"_pulls\": " + ((n + 2) / 3) + "}", lines.get(lines.size() - 1));
    }

    @Test
    void getReturnsTheVmWithItsState() throws Exception {
        String vm = fx.systemVmUuids().get(0);
        String line = py(DaemonFixture.PASSWORD, "get", DaemonFixture.P + "Xen_ComputerSystem", "Name=" + vm,
                "CreationClassName=Xen_ComputerSystem").get(0);
        assertTrue(line.contains("\"Name\": \"" + vm + "\""), line);
        assertTrue(line.contains("\"EnabledState\""), line);
    }

    @Test
    void unknownInstanceIsDestinationUnreachable() throws Exception {
        String line = py(DaemonFixture.PASSWORD, "get", DaemonFixture.P + "Xen_ComputerSystem", "Name=no-such-vm",
                "CreationClassName=Xen_ComputerSystem").get(0);
        assertTrue(line.contains("DestinationUnreachable"), line);
        assertTrue(line.contains("2150858752"), line);
    }

    @Test
    void missingSelectorIsInvalidSelectors() throws Exception {
        String line = py(DaemonFixture.PASSWORD, "get", DaemonFixture.P + "Xen_ComputerSystem",
                "CreationClassName=Xen_ComputerSystem").get(0);
        assertTrue(line.contains("InvalidSelectors"), line);
    }

    @Test
    void wrongPasswordIs401() throws Exception {
        assertEquals("{\"http\": 401}", py("wrong", "identify").get(0));
    }

    @Test
    void getClassTheWinrmWayReturnsTheCimXmlClass() throws Exception {
        String line = py(DaemonFixture.PASSWORD, "getclass", "root/cimv2", "Xen_ComputerSystem").get(0);
        assertTrue(line.contains("\"name\": \"Xen_ComputerSystem\", \"superclass\": \"CIM_ComputerSystem\""), line);
        assertTrue(line.contains("\"EnabledState\": \"uint16\""), line);
        assertTrue(line.contains("\"RequestStateChange\": [\"RequestedState\", \"Job\", \"TimeoutPeriod\"]"), line);
        String unknown = py(DaemonFixture.PASSWORD, "getclass", "root/cimv2", "Xen_NoSuchClass").get(0);
        assertTrue(unknown.contains("DestinationUnreachable"), unknown);
    }

    @Test
    void openwsmanIntrinsicGetClassAndEnumerateClassNames() throws Exception {
        String intrinsic = "http://schemas.openwsman.org/wbem/wscim/1/intrinsic";
        String cls = py(DaemonFixture.PASSWORD, "intrinsic", intrinsic + "/Xen_KVPSettingData", "GetClass",
                "__cimnamespace=root/cimv2").get(0);
        assertTrue(cls.contains("\"_element\": \"GetClass\""), cls);
        assertTrue(cls.contains("\"name\": \"Xen_KVPSettingData\""), cls);
        assertTrue(cls.contains("\"InstanceID\": \"string\"") && cls.contains("\"ResourceType\": \"uint16\""), cls);
        String names = py(DaemonFixture.PASSWORD, "intrinsic", intrinsic, "EnumerateClassNames",
                "__cimnamespace=root/cimv2", "ClassName=CIM_ResourceAllocationSettingData").get(0);
        assertTrue(names.contains("\"Xen_KVPSettingData\"") && names.contains("\"Xen_DiskSettingData\""), names);
        String unknown = py(DaemonFixture.PASSWORD, "intrinsic", intrinsic + "/Xen_Nope", "GetClass").get(0);
        assertTrue(unknown.contains("DestinationUnreachable"), unknown);
    }
}
