package org.xenwbem.tests.witness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xenwbem.tests.ExternalTool;

/**
 * Xen Orchestra's {@code xen-api} 4.7.6 from npm (installed on first use into
 * {@code ~/.cache/xenwbem/npm/xen-api-4.7.6}) driven by {@code witness/xo_witness.mjs}: it connects over
 * JSON-RPC (its first choice), lists records, runs its own event.from loop (event.inject, then
 * get_all_records of every class system.listMethods names), watches an async VM start's task through
 * those events, and disconnects.
 */
class XoXenApiWitnessTest {
    static final String VERSION = "4.7.6";

    @TempDir
    Path dir;

    private static Path installXenApi() throws Exception {
        Path prefix = Path.of(System.getProperty("user.home"), ".cache", "xenwbem", "npm", "xen-api-" + VERSION);
        Path module = prefix.resolve("node_modules/xen-api/index.mjs");
        if (Files.isRegularFile(module)) {
            return module;
        }
        Files.createDirectories(prefix);
        ExternalTool.Result r = ExternalTool.run(List.of("/usr/bin/npm", "install", "--no-audit", "--no-fund",
                "--prefix", prefix.toString(), "xen-api@" + VERSION), Map.of(), prefix, Duration.ofMinutes(5));
        if (r.exit() != 0 || !Files.isRegularFile(module)) {
            if ("1".equals(System.getenv("XENWBEM_REQUIRE_CLIENTS"))) {
                fail("npm could not install xen-api@" + VERSION + ": " + r);
            }
            assumeTrue(false, "npm could not install xen-api@" + VERSION);
        }
        return module;
    }

    @Test
    void xenOrchestrasClientDrivesThePool() throws Exception {
        ExternalTool.require("/usr/bin/node");
        ExternalTool.require("/usr/bin/npm");
        Path module = installXenApi();
        Path script = Witnesses.script("xo_witness.mjs", dir);
        try (WitnessTarget target = WitnessTarget.open()) {
            Map<String, String> env = new HashMap<>(target.env());
            env.put("XEN_API_MODULE", module.toString());
            ExternalTool.Result r = ExternalTool.run(List.of("/usr/bin/node", script.toString()), env, dir,
                    Duration.ofSeconds(90));
            assertEquals(0, r.exit(), r.toString());
            if (target.testVm != null) {
                Witnesses.assertLinesInOrder(r.out(), "login ok", "records vms=", "event loop cached vms=",
                        "task success", "event vm power_state=Running", "failure HANDLE_INVALID", "OK");
            } else {
                Witnesses.assertLinesInOrder(r.out(), "login ok", "records vms=", "failure HANDLE_INVALID", "OK");
            }
            if (target.simulator() != null) {
                assertTrue(target.simulator().callCount("event.from") >= 1, "xen-api ran its event loop");
                assertTrue(target.simulator().callCount("Async.VM.start") >= 1);
                Thread.sleep(200);
                assertEquals(0, target.simulator().state().sessionCount(), "xen-api logged out");
            }
        }
    }
}
