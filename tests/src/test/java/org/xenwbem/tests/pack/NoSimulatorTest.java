package org.xenwbem.tests.pack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xenwbem.bridge.spi.PoolSimulators;

/**
 * The simulated pool (artifact {@code xen-bridge-sim}, package {@code org.xenwbem.bridge.sim}) is a
 * development tool and stays out of the dom0 pack: the payload RPM lists no simulator jar, no
 * installed jar holds a simulator class or its service entry, the linked runtime holds only JDK
 * modules, and the installed {@code xenwbem} answers {@code serve --simulate}, {@code demo} and
 * {@code sim} with one sentence (exit 1, no stack trace) before writing anything.
 */
class NoSimulatorTest {
    private static final String SIM_PACKAGE = "org/xenwbem/bridge/sim/";
    private static final String SERVICE_ENTRY = "META-INF/services/org.xenwbem.bridge.spi.PoolSimulator";
    private static PackFixture pack;
    private static Path root;

    @BeforeAll
    static void install() throws Exception {
        pack = PackFixture.get();
        root = pack.payloadRoot();
    }

    @Test
    void thePayloadRpmListsNoSimulatorJar() throws Exception {
        String files = Cmd.ok(PackFixture.WORK, "rpm", "-qpl", "--nosignature", pack.rpm("xenwbem").toString());
        List<String> jars = files.lines().filter(l -> l.startsWith("/opt/xenwbem/lib/") && l.endsWith(".jar")).toList();
        assertTrue(jars.stream().anyMatch(j -> j.startsWith("/opt/xenwbem/lib/xen-bridge-0")), "the bridge ships: " + jars);
        assertEquals(List.of(), jars.stream().filter(j -> j.contains("-sim")).toList(), "simulator jars in the payload");
    }

    @Test
    void noInstalledJarHoldsASimulatorClassOrItsServiceEntry() throws Exception {
        List<String> offenders = new ArrayList<>();
        boolean sawTheBridge = false;
        try (Stream<Path> s = Files.list(root.resolve("opt/xenwbem/lib"))) {
            for (Path jar : s.filter(p -> p.toString().endsWith(".jar")).toList()) {
                try (ZipFile z = new ZipFile(jar.toFile())) {
                    for (ZipEntry e : z.stream().toList()) {
                        if (e.getName().startsWith(SIM_PACKAGE) || e.getName().equals(SERVICE_ENTRY)) {
                            offenders.add(jar.getFileName() + "!" + e.getName());
                        }
                        sawTheBridge |= e.getName().equals("org/xenwbem/bridge/connect/XenBridges.class");
                    }
                }
            }
        }
        assertTrue(sawTheBridge, "the scan reached xen-bridge's classes");
        assertEquals(List.of(), offenders, "simulator classes in the installed tree");
    }

    @Test
    void theLinkedRuntimeHoldsOnlyJdkModules() throws Exception {
        String modules = Cmd.ok(PackFixture.WORK, root.resolve("opt/xenwbem/runtime/bin/java").toString(), "--list-modules");
        List<String> names = modules.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        assertTrue(names.stream().anyMatch(n -> n.startsWith("java.base@")), modules);
        assertEquals(List.of(), names.stream().filter(n -> !n.startsWith("java.") && !n.startsWith("jdk.")).toList());
    }

    @Test
    void theInstalledXenwbemRefusesToSimulateInOneSentence() throws Exception {
        Path dir = PackFixture.scratch("no-simulator");
        Path state = dir.resolve("state");
        for (List<String> args : List.of(List.of("serve", "--simulate", "--port", "0", "--bind", "127.0.0.1"),
                List.of("demo", "--port", "0"), List.of("sim", "--port", "0"))) {
            List<String> cmd = new ArrayList<>(List.of(root.resolve("opt/xenwbem/bin/xenwbem").toString()));
            cmd.addAll(args);
            if (!args.get(0).equals("sim")) {
                cmd.addAll(List.of("--state-dir", state.toString()));
            }
            Cmd.Result r = Cmd.run(cmd, dir, Map.of("PATH", "/usr/bin:/bin", "XENWBEM_CONF", "/nonexistent",
                    "XENWBEM_CDS_DIR", ""), true, Duration.ofSeconds(30));
            assertEquals(1, r.exit(), args + ": " + r);
            assertTrue(r.err().contains("xenwbem: cannot start: " + PoolSimulators.MISSING), args + ": " + r);
            assertTrue(PoolSimulators.MISSING.startsWith("the simulated pool is not installed (serve --simulate"));
            String all = r.out() + r.err();
            assertFalse(all.contains("Exception") || all.contains("\tat "), args + " shows a stack trace: " + r);
            assertFalse(Files.exists(state), args + " wrote to its state directory before refusing");
        }
    }
}
