package org.xenwbem.tests.witness;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xenwbem.bridge.sim.SimulatedPool;
import org.xenwbem.tests.ExternalTool;

/**
 * Debian's XenAPI.py with Python's tarfile and xmlrpc.client read the simulated pool's
 * {@code /export_metadata} of a VM with two snapshots (a tar with ova.xml, one XML-RPC value, the
 * snapshots' {@code snapshot_of} naming the VM) and import it back through {@code PUT /import_metadata}
 * with their own task, whose result lists the new VMs ({@code witness/xenapi_metadata_witness.py}).
 */
class PythonXenApiMetadataWitnessTest {
    @TempDir
    Path dir;

    @Test
    void xenApiPyExportsAndImportsAVmWithItsSnapshots() throws Exception {
        ExternalTool.require("/usr/bin/python3");
        if (!Files.isRegularFile(PythonXenApiWitnessTest.XENAPI_PY)) {
            ExternalTool.require("/nonexistent/python3-os-xenapi");
        }
        try (SimulatedPool pool = SimulatedPool.builder().hosts(1).vms(1).seed(41).rootPassword("witness-pw").build()) {
            pool.start("127.0.0.1", 0);
            Path script = Witnesses.script("xenapi_metadata_witness.py", dir);
            ExternalTool.Result r = ExternalTool.run(List.of("/usr/bin/python3", script.toString()), Map.of("XAPI_URL",
                    pool.url().toString(), "XAPI_USER", "root", "XAPI_PASSWORD", "witness-pw"), dir, Duration.ofSeconds(90));
            assertEquals(0, r.exit(), r.toString());
            Witnesses.assertLinesInOrder(r.out(), "login ok", "exported vms=", "imported vms=", "parent=w2", "OK");
            assertEquals(0, pool.state().sessionCount(), "XenAPI.py logged out");
        }
    }
}
