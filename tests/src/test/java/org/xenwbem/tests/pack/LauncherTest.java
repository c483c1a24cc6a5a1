package org.xenwbem.tests.pack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The installed launcher turns /etc/xenwbem/xenwbem.conf into {@code serve} options and JVM
 * limits ({@code XENWBEM_PRINT_COMMAND=1} shows the command instead of running it), and refuses
 * a bad setting with its line number.
 */
class LauncherTest {
    private static Path root;
    private static Path dir;

    @BeforeAll
    static void install() throws Exception {
        root = PackFixture.get().payloadRoot();
        dir = PackFixture.scratch("launcher");
    }

    private static final String PIN = "AB:".repeat(31) + "AB";

    private static Cmd.Result launcher(String conf, String... args) throws Exception {
        Path f = dir.resolve("xenwbem.conf");
        Files.writeString(f, conf);
        List<String> cmd = new java.util.ArrayList<>(List.of(root.resolve("opt/xenwbem/bin/xenwbem").toString()));
        cmd.addAll(List.of(args));
        return Cmd.run(cmd, dir, Map.of("PATH", "/usr/bin:/bin", "XENWBEM_CONF", f.toString(), "XENWBEM_PRINT_COMMAND", "1",
                "XENWBEM_CDS_DIR", ""), true, Duration.ofMinutes(1));
    }

    @Test
    void theServiceCommandCarriesTheConfiguration() throws Exception {
        Cmd.Result r = launcher("port = 6001\nbind = 10.0.0.5 # comment\ncertificate = auto\nlog_level = debug\n"
                + "job_expiry = 2h\nheap = 96m\nxapi_password_file = /etc/xenwbem/pw\nmax_connections = 300\n"
                + "max_connections_per_client = 20\nheader_timeout = 15\nbody_timeout = 30\nbody_min_rate = 1000\n"
                + "event_trust_file = /etc/xenwbem/receivers.pem\nevent_trust_pin = " + PIN + ", " + PIN + "\n"
                + "log_max_size = 50\nlog_files = 3\n", "service");
        assertEquals(0, r.exit(), r.toString());
        String c = r.out();
        assertTrue(c.startsWith(root.resolve("opt/xenwbem/runtime/bin/java").toString()), "the bundled runtime: " + c);
        for (String part : List.of(" serve --port 6001 --bind 10.0.0.5 --state-dir /var/lib/xenwbem --xapi http://127.0.0.1/",
                " --log-level DEBUG", " --xapi-password-file /etc/xenwbem/pw", " --log-file /var/log/xenwbem/xenwbem.log --log-max-size 50 --log-files 3",
                " -Xmx96m", " -XX:+UseSerialGC", " -Dxenwbem.jobs.expiry=2h", " --max-connections 300",
                " --max-connections-per-client 20", " --header-timeout 15", " --body-timeout 30", " --body-min-rate 1000",
                " --event-trust-file /etc/xenwbem/receivers.pem", " --event-trust-pin " + PIN + "\\," + PIN)) { // the command is printed shell-quoted
            assertTrue(c.contains(part), "missing " + part + " in " + c);
        }
        assertFalse(c.contains("--cert-pem"), "certificate = auto leaves the choice to the daemon: " + c);
    }

    @Test
    void theDefaultsServeXapisCertificateWithA128MegabyteHeap() throws Exception {
        String c = launcher("", "service").out();
        assertTrue(c.contains(" --cert-pem /etc/xensource/xapi-ssl.pem") && c.contains(" -Xmx128m")
                && c.contains(" serve --port 5989 --bind 0.0.0.0"), c);
        // the daemon keeps both compilers (C1 alone: a fifth of the throughput, FootprintBenchmark) and has
        // its C heap trimmed when the bundled runtime knows how; short-lived commands compile with C1 only
        assertFalse(c.contains("TieredStopAtLevel"), c);
        // the heap's floor and fixed young generation (FootprintBenchmark: the 16 MB floor spent half the
        // load in full collections), the whole heap when it is smaller than the 48 MB floor
        assertTrue(c.contains(" -Xmx128m -Xms48m -Xmn15m -XX:SurvivorRatio=2 -XX:MinHeapFreeRatio=20"
                + " -XX:MaxHeapFreeRatio=50 "), c);
        // C2's smaller inlining budget (FootprintBenchmark: lower peaks, 146-156 MB instead of 155-167)
        assertTrue(c.contains(" -XX:FreqInlineSize=100 -XX:InlineSmallCode=1000"), c);
        // the benchmarks' copy of the installed flags (ChildDaemon.INSTALLED_JVM) is what the launcher gives
        for (String flag : org.xenwbem.tests.ChildDaemon.INSTALLED_JVM) {
            if (!flag.contains("TrimNativeHeapInterval") && !flag.equals("-XX:+UnlockExperimentalVMOptions")) {
                assertTrue(c.contains(" " + flag + " "), flag + " is in INSTALLED_JVM but not in: " + c);
            }
        }
        String small = launcher("heap = 040m\n", "service").out();
        assertTrue(small.contains(" -Xmx040m -Xms40m -Xmn12m "), small);
        String release = Files.readString(root.resolve("opt/xenwbem/runtime/release"));
        java.util.regex.Matcher v = java.util.regex.Pattern.compile("JAVA_VERSION=\"17\\.0\\.(\\d+)").matcher(release);
        if (v.find()) {
            // unlocked: the flag is experimental in 17.0.9-17.0.11, where it alone would stop the JVM
            assertEquals(Integer.parseInt(v.group(1)) >= 9,
                    c.contains(" -XX:+UnlockExperimentalVMOptions -XX:TrimNativeHeapInterval=2000"), c);
        }
        String d = launcher("port = 6002\n", "doctor", "--verify-install").out();
        assertTrue(d.contains(" -XX:TieredStopAtLevel=1") && !d.contains("TrimNativeHeapInterval")
                && !d.contains("FreqInlineSize"), d);
        assertTrue(d.contains(" doctor --port 6002 --xapi http://127.0.0.1/ --user root --state-dir /var/lib/xenwbem"
                + " --cert-pem /etc/xensource/xapi-ssl.pem"
                + " --verify-install"), d);
    }

    @Test
    void aBadSettingIsRefusedWithItsLine() throws Exception {
        Cmd.Result r = launcher("port = 5989\n\nport = http\n", "service");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("line 3: port must be a number from 1 to 65535: http"), r.toString());
        Cmd.Result z = launcher("max_connections = 0\n", "service");
        assertTrue(z.err().contains("line 1: max_connections must be a positive whole number: 0"), z.toString());
        Cmd.Result u = launcher("colour = blue\n", "service");
        assertTrue(u.err().contains("line 1: unknown setting 'colour'"), u.toString());
        Cmd.Result s = launcher("log_max_size = 20m\n", "service");
        assertTrue(s.err().contains("line 1: log_max_size must be megabytes (0: never rotate): 20m"), s.toString());
    }

    @Test
    void theInstalledConfigurationIsValidAndDocumentsEverySetting() throws Exception {
        String conf = Files.readString(root.resolve("etc/xenwbem/xenwbem.conf"));
        for (String key : List.of("port", "bind", "certificate", "log_level", "job_expiry", "max_connections",
                "max_connections_per_client", "header_timeout", "body_timeout", "body_min_rate",
                "max_operations_per_user", "max_enumerations_per_user", "max_subscriptions_per_user")) {
            assertTrue(conf.contains("\n" + key + " = "), key);
        }
        assertEquals(0, launcher(conf, "service").exit());
    }
}
