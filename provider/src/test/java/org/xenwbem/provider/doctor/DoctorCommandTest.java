package org.xenwbem.provider.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xenwbem.bridge.connect.XenBridges;
import org.xenwbem.bridge.sim.SimulatedPool;
import org.xenwbem.provider.config.ServerOptions;
import org.xenwbem.provider.server.Daemon;
import org.xenwbem.tls.HostNames;
import org.xenwbem.tls.ServerIdentity;

/** The doctor against a real daemon on 127.0.0.1 that serves a simulated pool through its xapi URL. */
class DoctorCommandTest {
    private static final String PASSWORD = "doctor-Secret-7";
    private static SimulatedPool sim;
    private static URI xapi;
    private static Daemon daemon;
    private static Path dir;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("xenwbem-doctor");
        sim = SimulatedPool.builder().hosts(2).vms(2).rootPassword(PASSWORD).build();
        xapi = sim.start("127.0.0.1", 0);
        Path pw = dir.resolve("password");
        Files.writeString(pw, PASSWORD + "\n");
        ServerOptions o = new ServerOptions();
        o.port = 0;
        o.bind = "127.0.0.1";
        o.stateDir = dir.resolve("state");
        o.xapiUrl = xapi;
        o.xapiPasswordFile = pw;
        daemon = Daemon.start(o);
    }

    @AfterAll
    static void stop() {
        daemon.close();
        sim.close();
    }

    private record Run(int rc, String out) {
    }

    private static Run doctor(String... extra) {
        List<String> args = new ArrayList<>(List.of("--port", Integer.toString(daemon.port()), "--xapi", xapi.toString(),
                "--timeout", "5", "--manifest", dir.resolve("no-manifest.xml").toString(),
                "--state-dir", dir.resolve("state").toString()));
        args.addAll(List.of(extra));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = DoctorCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false, () -> XenBridges::connect);
        return new Run(rc, out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theDaemonPassesItsOwnChecksAndTheWinrmLineIsPrinted() throws Exception {
        Path pw = dir.resolve("password");
        Run r = doctor("--password-file", pw.toString());
        assertTrue(r.out().contains("[ ok ] " + ListenerCheck.NAME), r.out());
        assertTrue(r.out().contains("[ ok ] " + HostCnCheck.NAME), r.out());
        assertTrue(r.out().contains("[ ok ] " + XapiLoginCheck.NAME), r.out());
        assertTrue(r.out().contains("[skip] " + InstallationCheck.NAME), r.out());
        String cn = daemon.identity().commonName();
        assertTrue(r.out().contains("winrm enum http://schemas.citrix.com/wbem/wscim/1/cim-schema/2/Xen_HostComputerSystem"
                + " -r:https://" + cn + ":" + daemon.port() + " -encoding:utf-8 -a:basic -u:root -p:<password of root>"
                + " -skipcacheck"), r.out());
        assertFalse(r.out().contains(PASSWORD), "the password must never be printed");
    }

    @Test
    void aWrongPasswordFailsWithWhatToDo() throws Exception {
        Path bad = dir.resolve("bad-password");
        Files.writeString(bad, "not-it");
        Run r = doctor("--password-file", bad.toString());
        assertEquals(1, r.rc());
        assertTrue(r.out().contains("[FAIL] " + XapiLoginCheck.NAME + ": xapi at " + xapi + " rejected the password of root"),
                r.out());
        assertTrue(r.out().contains("what to do: use the pool's root password"), r.out());
    }

    @Test
    void aClosedPortFailsWithWhatToDo() throws Exception {
        int free;
        try (ServerSocket s = new ServerSocket(0)) {
            free = s.getLocalPort();
        }
        Run r = doctor("--port", Integer.toString(free));
        assertEquals(1, r.rc());
        assertTrue(r.out().contains("[FAIL] " + ListenerCheck.NAME + ": nothing listens on https://127.0.0.1:" + free + "/wsman"),
                r.out());
        assertTrue(r.out().contains("what to do: run `systemctl status xenwbem`"), r.out());
        assertTrue(r.out().contains("[skip] " + XapiLoginCheck.NAME + ": no password given"), r.out());
    }

    @Test
    void aDaemonServingAnotherCertificateIsNotTrustedWithTheCredentials() throws Exception {
        Path other = dir.resolve("other-state");
        ServerIdentity.loadOrGenerate(other, HostNames.detect());
        Run r = doctor("--state-dir", other.toString(), "--password-file", dir.resolve("password").toString());
        assertEquals(1, r.rc());
        assertTrue(r.out().contains("[FAIL] " + ListenerCheck.NAME + ": TLS handshake with https://127.0.0.1:"
                + daemon.port() + "/wsman failed"), r.out());
        assertTrue(r.out().contains("[skip] " + HostCnCheck.NAME), "no credentials sent to an unverified server: "
                + r.out());
    }

    @Test
    void verifyInstallWithoutAManifestFails() {
        Run r = doctor("--verify-install");
        assertEquals(1, r.rc());
        assertTrue(r.out().contains("[FAIL] " + InstallationCheck.NAME + ": the manifest "), r.out());
        assertFalse(r.out().contains("winrm"), r.out());
    }

    @Test
    void badOptionsAreRefused() {
        assertEquals(2, doctor("--port", "99999").rc());
        assertEquals(2, doctor("--frobnicate", "x").rc());
    }
}
