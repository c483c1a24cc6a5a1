package org.xenwbem.tests.pack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The payload's scriptlets ({@code xenwbem-setup post|preun|firstboot}, what %post and %preun
 * run) against recording stand-ins for systemctl, xapi's firewall-port plugin and iptables:
 * install enables, opens the port and starts; without a running xapi it defers to first boot;
 * an upgrade restarts; removal stops, disables and closes the port it opened.
 */
class ScriptletTest {
    private static Path setup;
    private Path dir;
    private Path log;
    private Path stubs;
    private Path systemdRun;
    private Path plugin;

    @BeforeAll
    static void install() throws Exception {
        setup = PackFixture.get().payloadRoot().resolve("opt/xenwbem/libexec/xenwbem-setup");
    }

    @BeforeEach
    void stubs() throws Exception {
        dir = PackFixture.scratch("scriptlets");
        log = dir.resolve("calls.log");
        Files.writeString(log, "");
        stubs = Files.createDirectories(dir.resolve("stubs"));
        systemdRun = dir.resolve("run-systemd");
        plugin = stubs.resolve("firewall-port");
        stub("systemctl", "[ \"$1\" = is-active ] && { [ -e " + dir.resolve("xapi-up") + " ]; exit; }");
        stub("firewall-port", "");
        stub("iptables", "case \"$*\" in *-C*|*-L*) exit 1 ;; esac");
        writeConf("");
    }

    private void stub(String name, String body) throws Exception {
        Path p = stubs.resolve(name);
        Files.writeString(p, "#!/bin/bash\necho \"" + name + " $*\" >> " + log + "\n" + body + "\nexit 0\n");
        p.toFile().setExecutable(true);
    }

    private void writeConf(String extra) throws Exception {
        Files.writeString(dir.resolve("xenwbem.conf"), "state_dir = " + dir.resolve("state") + "\n" + extra);
    }

    private void systemdAndXapi(boolean systemd, boolean xapi) throws Exception {
        if (systemd) {
            Files.createDirectories(systemdRun);
        }
        if (xapi) {
            Files.writeString(dir.resolve("xapi-up"), "");
        }
    }

    private Cmd.Result setup(String... args) throws Exception {
        Map<String, String> env = new HashMap<>(Map.of("PATH", stubs + ":/usr/bin:/bin", "XENWBEM_CONF",
                dir.resolve("xenwbem.conf").toString(), "XENWBEM_FIRSTBOOT_DIR", dir.resolve("firstboot.d").toString(),
                "XENWBEM_SYSTEMD_RUN_DIR", systemdRun.toString(), "XENWBEM_CDS_DIR", dir.resolve("cds").toString(),
                "XENWBEM_FIREWALL_PLUGIN", plugin.toString()));
        List<String> cmd = new java.util.ArrayList<>(List.of(setup.toString()));
        cmd.addAll(List.of(args));
        Cmd.Result r = Cmd.run(cmd, dir, env, true, Duration.ofMinutes(1));
        assertEquals(0, r.exit(), "a scriptlet must not fail the transaction: " + r);
        return r;
    }

    private List<String> calls() throws Exception {
        return Files.readAllLines(log);
    }

    @Test
    void installWithXapiRunningEnablesOpensAndStarts() throws Exception {
        systemdAndXapi(true, true);
        setup("post", "1");
        assertEquals(List.of("systemctl enable --quiet xenwbem.service", "systemctl is-active --quiet xapi.service",
                "systemctl daemon-reload", "firewall-port open 5989 tcp", "systemctl start xenwbem.service"), calls());
        assertEquals("xapi 5989", Files.readString(dir.resolve("state/firewall-opened")).strip());
    }

    @Test
    void installWithoutXapiDefersToFirstBoot() throws Exception {
        setup("post", "1");
        assertEquals(List.of("systemctl enable --quiet xenwbem.service"), calls(), "no start, no firewall in the installer");
        Path firstboot = dir.resolve("firstboot.d/95-xenwbem");
        assertTrue(Files.isExecutable(firstboot));
        assertTrue(Files.readString(firstboot).contains(setup + " firstboot"));

        systemdAndXapi(true, true);
        Files.writeString(log, "");
        setup("firstboot");
        assertEquals(List.of("firewall-port open 5989 tcp", "systemctl start xenwbem.service"), calls());
        assertFalse(Files.exists(firstboot), "the first-boot script removes itself");
    }

    @Test
    void upgradeRestartsAndDropsTheOldClassDataArchive() throws Exception {
        systemdAndXapi(true, true);
        Files.createDirectories(dir.resolve("cds"));
        Files.writeString(dir.resolve("cds/xenwbem-0.0.9-1.jsa"), "old");
        setup("post", "2");
        assertEquals(List.of("systemctl is-active --quiet xapi.service", "systemctl daemon-reload",
                "firewall-port open 5989 tcp", "systemctl try-restart xenwbem.service"), calls());
        assertFalse(Files.exists(dir.resolve("cds/xenwbem-0.0.9-1.jsa")));
    }

    @Test
    void removalStopsDisablesAndClosesThePortItOpened() throws Exception {
        systemdAndXapi(true, true);
        writeConf("port = 6000\n");
        setup("post", "1");
        assertTrue(calls().contains("firewall-port open 6000 tcp"), calls().toString());
        writeConf("port = 7000\n");
        Files.writeString(log, "");
        setup("preun", "0");
        assertEquals(List.of("systemctl stop xenwbem.service", "systemctl disable --quiet xenwbem.service",
                "firewall-port close 6000 tcp"), calls(), "closes the port it opened, not the one configured since");
        assertFalse(Files.exists(dir.resolve("state/firewall-opened")));

        Files.writeString(log, "");
        setup("preun", "1");
        assertEquals(List.of(), calls(), "an upgrade's preun leaves the service alone");
    }

    @Test
    void theRpmRunsTheSetupAndRefusesAHostWhoseGlibcIsTooOld() throws Exception {
        PackFixture pack = PackFixture.get();
        String scripts = Cmd.ok(dir, "rpm", "-qp", "--scripts", "--nosignature", pack.rpm("xenwbem").toString());
        assertTrue(scripts.contains("/opt/xenwbem/libexec/xenwbem-setup post \"$1\""), scripts);
        assertTrue(scripts.contains("/opt/xenwbem/libexec/xenwbem-setup preun \"$1\""), scripts);
        String pre = scripts.substring(scripts.indexOf("preinstall scriptlet"));
        pre = pre.substring(pre.indexOf('\n') + 1, pre.indexOf("postinstall scriptlet"));
        Path preFile = dir.resolve("pre.sh");
        Files.writeString(preFile, pre);
        String floor = pack.prop("runtime.glibc");
        stub("getconf", "echo glibc 2.17");
        Cmd.Result old = Cmd.run(List.of("/bin/sh", preFile.toString()), dir, Map.of("PATH", stubs + ":/usr/bin:/bin"), true,
                Duration.ofMinutes(1));
        if (floor.equals("2.17")) {
            assertEquals(0, old.exit(), old.toString());
        } else {
            assertEquals(1, old.exit(), "a runtime needing glibc " + floor + " must not install on 2.17: " + old);
            assertTrue(old.err().contains("needs glibc " + floor + " or later, and this host has 2.17"), old.toString());
        }
        stub("getconf", "echo glibc 2.99");
        assertEquals(0, Cmd.run(List.of("/bin/sh", preFile.toString()), dir, Map.of("PATH", stubs + ":/usr/bin:/bin"), true,
                Duration.ofMinutes(1)).exit());
    }

    @Test
    void withoutXapisPluginIptablesOpensThePort() throws Exception {
        systemdAndXapi(true, true);
        plugin = dir.resolve("no-such-plugin");
        setup("post", "1");
        assertTrue(calls().contains(
                "iptables -I INPUT 1 -p tcp -m conntrack --ctstate NEW -m tcp --dport 5989 -j ACCEPT"), calls().toString());
        assertEquals("iptables 5989", Files.readString(dir.resolve("state/firewall-opened")).strip());
    }
}
