package org.xenwbem.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Debian's wsl (Dell's WS-Man shell client, curl underneath) against the real daemon. */
class WslInteropTest {
    private static DaemonFixture fx;

    @BeforeAll
    static void start() throws Exception {
        ExternalTool.require("wsl");
        ExternalTool.require("xmllint");
        fx = new DaemonFixture(12);
    }

    @AfterAll
    static void stop() {
        if (fx != null) {
            fx.close();
        }
    }

    private ExternalTool.Result wsl(String dir, String password, String... args) throws Exception {
        Path d = fx.scratch(dir);
        Map<String, String> env = Map.of("WSENDPOINT", "127.0.0.1:" + fx.port(), "WSUSER", "root", "WSPASS", password,
                "IPINTERACTIVE", "0", "WSAUTOMATED", "1", "KEEPHISTORY", "0", "HOME", d.toString(), "OUTLEVEL", "3");
        return ExternalTool.run(List.of(args), env, d, Duration.ofSeconds(90));
    }

    @Test
    void identify() throws Exception {
        ExternalTool.Result r = wsl("id", DaemonFixture.PASSWORD, "wsl", "id", "check");
        assertTrue(r.out().contains("ProductVendor"), r.toString());
        assertTrue(r.out().contains("Citrix"), "SCVMM-style clients look for Citrix in the vendor: " + r);
        assertTrue(r.out().contains("secprofile/https/basic"), r.toString());
    }

    @Test
    void optimizedEnumerateListsEveryHost() throws Exception {
        ExternalTool.Result r = wsl("enum-hosts", DaemonFixture.PASSWORD, "wsl", "enum",
                DaemonFixture.P + "Xen_HostComputerSystem");
        for (String host : fx.sim().hostUuids()) {
            assertTrue(r.out().contains("<p:Name>" + host + "</p:Name>"), host + " missing:\n" + r);
        }
        assertEquals(fx.sim().hostUuids().size(), count(r.out(), "<p:Caption>XenServer Host</p:Caption>"), r.toString());
    }

    @Test
    void plainEnumeratePullsOneAtATimeAndListsEveryVm() throws Exception {
        ExternalTool.Result r = wsl("enum-vms", DaemonFixture.PASSWORD, "wslenum",
                DaemonFixture.P + "Xen_ComputerSystem");
        List<String> expected = fx.systemVmUuids();
        for (String vm : expected) {
            assertTrue(r.out().contains("<p:Name>" + vm + "</p:Name>"), vm + " missing:\n" + r);
        }
        for (String t : fx.templateUuids()) {
            assertFalse(r.out().contains(t), "template " + t + " must not be a Xen_ComputerSystem");
        }
        // wsl pulls without MaxElements, so each PullResponse carries exactly one item.
        assertEquals(expected.size(), count(r.out(), "PullResponse>") / 2, r.toString());
    }

    @Test
    void eprModeGivesSelectorsInReferenceParameters() throws Exception {
        ExternalTool.Result r = wsl("enum-epr", DaemonFixture.PASSWORD, "wslenum",
                DaemonFixture.P + "Xen_HostComputerSystem", "-mode", "epr");
        for (String host : fx.sim().hostUuids()) {
            assertTrue(r.out().contains("<wsman:Selector Name=\"Name\">" + host + "</wsman:Selector>"), r.toString());
        }
        assertTrue(r.out().contains("<wsman:ResourceURI>" + DaemonFixture.P + "Xen_HostComputerSystem</wsman:ResourceURI>"),
                r.toString());
    }

    @Test
    void wqlFilterAsScvmmSendsIt() throws Exception {
        ExternalTool.Result r = wsl("wql", DaemonFixture.PASSWORD, "wslenum", DaemonFixture.P + "Xen_ComputerSystem",
                "-dialect", "http://schemas.microsoft.com/wbem/wsman/1/WQL",
                "-filter", "SELECT * FROM Xen_ComputerSystem where Caption != \"XenServer Host\"");
        int vms = 0;
        for (String vm : fx.systemVmUuids()) {
            boolean dom0 = Boolean.TRUE.equals(fx.sim().vmRecord(vm).get("is_control_domain"));
            assertEquals(!dom0, r.out().contains("<p:Name>" + vm + "</p:Name>"), vm + (dom0 ? " (dom0)" : "") + "\n" + r);
            vms += dom0 ? 0 : 1;
        }
        assertTrue(vms > 0, "the simulated pool has ordinary VMs");
        assertFalse(r.out().contains("<p:Caption>XenServer Host</p:Caption>"), r.toString());
    }

    @Test
    void getByKeys() throws Exception {
        String host = fx.sim().masterUuid();
        ExternalTool.Result r = wsl("get", DaemonFixture.PASSWORD, "wslget", DaemonFixture.P + "Xen_HostComputerSystem",
                "CreationClassName=Xen_HostComputerSystem", "Name=" + host);
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("<p:Name>" + host + "</p:Name>"), r.toString());
        assertTrue(r.out().contains("<p:CN>" + fx.daemon.identity().commonName() + "</p:CN>"),
                "this host's CN is the served certificate's CN: " + r);
    }

    /** {@code wslget …/Xen_ComputerSystem Name=<uuid>}: the natural key alone (issue #17). */
    @Test
    void getByNameAlone() throws Exception {
        String vm = fx.systemVmUuids().get(0);
        ExternalTool.Result r = wsl("getname", DaemonFixture.PASSWORD, "wslget", DaemonFixture.P + "Xen_ComputerSystem",
                "Name=" + vm);
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("<p:Name>" + vm + "</p:Name>"), r.toString());
    }

    @Test
    void wrongPasswordIs401WithBasicChallenge() throws Exception {
        wsl("badpw", "not-the-password", "wsl", "enum", DaemonFixture.P + "Xen_HostComputerSystem");
        String log = Files.readString(fx.stateDir.resolve("badpw/log.txt"));
        assertTrue(log.contains("HTTP/1.1 401"), log);
        assertTrue(log.contains("WWW-Authenticate: Basic realm=\"xenwbem\""), log);
    }

    private static int count(String s, String needle) {
        Matcher m = Pattern.compile(Pattern.quote(needle)).matcher(s);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
