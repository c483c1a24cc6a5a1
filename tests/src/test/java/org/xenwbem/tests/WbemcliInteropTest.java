package org.xenwbem.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Debian's sblim-wbemcli (CIM-XML over libcurl) against /cimom. */
class WbemcliInteropTest {
    private static DaemonFixture fx;

    @BeforeAll
    static void start() throws Exception {
        ExternalTool.require("wbemcli");
        fx = new DaemonFixture(9);
    }

    @AfterAll
    static void stop() {
        if (fx != null) {
            fx.close();
        }
    }

    private ExternalTool.Result wbemcli(String op, String password, String path) throws Exception {
        String url = "https://root:" + password + "@127.0.0.1:" + fx.port() + "/root/cimv2:" + path;
        return ExternalTool.run(List.of("wbemcli", op, "-noverify", url), Map.of(), fx.scratch("wbemcli"),
                Duration.ofSeconds(60));
    }

    @Test
    void enumerateInstanceNames() throws Exception {
        ExternalTool.Result r = wbemcli("ein", DaemonFixture.PASSWORD, "Xen_ComputerSystem");
        assertEquals(0, r.exit(), r.toString());
        List<String> lines = r.out().lines().filter(l -> !l.isBlank()).toList();
        assertEquals(fx.systemVmUuids().size(), lines.size(), r.toString());
        for (String vm : fx.systemVmUuids()) {
            assertTrue(r.out().contains("Name=\"" + vm + "\""), vm + "\n" + r);
        }
    }

    @Test
    void enumerateInstancesCarriesProperties() throws Exception {
        ExternalTool.Result r = wbemcli("ei", DaemonFixture.PASSWORD, "Xen_HostComputerSystem");
        assertEquals(0, r.exit(), r.toString());
        for (String host : fx.sim().hostUuids()) {
            String label = (String) fx.sim().hostRecord(host).get("name_label");
            assertTrue(r.out().contains("ElementName=\"" + label + "\""), label + "\n" + r);
        }
        assertTrue(r.out().contains("Caption=\"XenServer Host\""), r.toString());
    }

    @Test
    void getInstanceByPath() throws Exception {
        String vm = fx.systemVmUuids().get(1);
        ExternalTool.Result r = wbemcli("gi", DaemonFixture.PASSWORD,
                "Xen_ComputerSystem.CreationClassName=\"Xen_ComputerSystem\",Name=\"" + vm + "\"");
        assertEquals(0, r.exit(), r.toString());
        String label = (String) fx.sim().vmRecord(vm).get("name_label");
        assertTrue(r.out().contains("ElementName=\"" + label + "\""), r.toString());
    }

    @Test
    void unknownInstanceIsNotFound() throws Exception {
        ExternalTool.Result r = wbemcli("gi", DaemonFixture.PASSWORD,
                "Xen_ComputerSystem.CreationClassName=\"Xen_ComputerSystem\",Name=\"nope\"");
        assertEquals(16, r.exit(), "wbemcli exits 16 on a CIM error: " + r);
        assertTrue(r.err().contains("(6) CIM_ERR_NOT_FOUND"), r.toString());
    }

    @Test
    void wrongPasswordIsRejected() throws Exception {
        ExternalTool.Result r = wbemcli("ei", "wrong", "Xen_ComputerSystem");
        assertNotEquals(0, r.exit(), r.toString());
        assertTrue((r.out() + r.err()).contains("Invalid username/password"), r.toString());
    }
}
