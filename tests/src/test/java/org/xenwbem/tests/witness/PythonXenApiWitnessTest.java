package org.xenwbem.tests.witness;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xenwbem.tests.ExternalTool;

/**
 * Debian's XenAPI.py ({@code python3-os-xenapi}, loaded by file path because the package imports pbr)
 * driven by {@code witness/xenapi_witness.py}: login (the 2018 copy also calls pool.get_all,
 * pool.get_master and host.get_API_version_*), records, Async.VM.start polled to success, event.from
 * following the start, the name and other-config setters xenwbem's Put uses, network/VLAN create and destroy
 * as the switch service does them (VLAN_TAG_INVALID, NETWORK_CONTAINS_PIF), the pool HA setters' refusals
 * (INVALID_VALUE, HA_NOT_ENABLED), a typed Failure, logout.
 */
class PythonXenApiWitnessTest {
    static final Path XENAPI_PY = Path.of("/usr/lib/python3/dist-packages/os_xenapi/client/XenAPI.py");

    @TempDir
    Path dir;

    @Test
    void xenApiPyDrivesThePool() throws Exception {
        ExternalTool.require("/usr/bin/python3");
        if (!Files.isRegularFile(XENAPI_PY)) {
            ExternalTool.require("/nonexistent/python3-os-xenapi");
        }
        Path script = Witnesses.script("xenapi_witness.py", dir);
        try (WitnessTarget target = WitnessTarget.open()) {
            ExternalTool.Result r = ExternalTool.run(List.of("/usr/bin/python3", script.toString()), target.env(), dir,
                    Duration.ofSeconds(90));
            assertEquals(0, r.exit(), r.toString());
            if (target.testVm != null) {
                Witnesses.assertLinesInOrder(r.out(), "login ok", "records vms=", "event token ", "task success",
                        "event vm mod power_state=Running", "create ok setters ok", "create failure FIELD_TYPE_ERROR",
                        "names ok other_config ok", "network ok vlan ok", "pool ha refusals ok", "failure HANDLE_INVALID", "OK");
            } else {
                Witnesses.assertLinesInOrder(r.out(), "login ok", "records vms=", "create ok setters ok",
                        "create failure FIELD_TYPE_ERROR", "names ok other_config ok", "network ok vlan ok",
                        "pool ha refusals ok", "failure HANDLE_INVALID", "OK");
            }
            if (target.simulator() != null) {
                assertEquals(0, target.simulator().state().sessionCount(), "XenAPI.py logged out");
            }
        }
    }
}
