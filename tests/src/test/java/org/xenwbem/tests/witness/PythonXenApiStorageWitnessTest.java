package org.xenwbem.tests.witness;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xenwbem.bridge.sim.SimulatedPool;
import org.xenwbem.bridge.storagetest.StorageDaemons;
import org.xenwbem.bridge.storagetest.Tgt;
import org.xenwbem.tests.ExternalTool;

/**
 * Debian's XenAPI.py sees the simulated pool's storage as it would a real pool's
 * ({@code witness/xenapi_storage_witness.py}): a file SR with a VDI made by VDI.create and one
 * written behind xapi's back, both listed after SR.scan; and lvmoiscsi SR.probe against a real tgt on
 * 127.0.0.1 (SM's IQN and LUN listings parsed from the Failure), then SR.create on a listed LUN.
 * Simulator only: the steps write into the SR's directory and start a target.
 */
class PythonXenApiStorageWitnessTest {
    @TempDir
    Path dir;

    private ExternalTool.Result run(SimulatedPool pool, String step, Map<String, String> extra) throws Exception {
        ExternalTool.require("/usr/bin/python3");
        if (!Files.isRegularFile(PythonXenApiWitnessTest.XENAPI_PY)) {
            ExternalTool.require("/nonexistent/python3-os-xenapi");
        }
        Path script = Witnesses.script("xenapi_storage_witness.py", dir);
        Map<String, String> env = new java.util.HashMap<>(Map.of("XAPI_URL", pool.url().toString(),
                "XAPI_USER", "root", "XAPI_PASSWORD", "witness-pw"));
        env.putAll(extra);
        ExternalTool.Result r = ExternalTool.run(List.of("/usr/bin/python3", script.toString(), step), env, dir,
                Duration.ofSeconds(90));
        assertEquals(0, r.exit(), r.toString());
        assertEquals(0, pool.state().sessionCount(), "XenAPI.py logged out");
        return r;
    }

    private SimulatedPool pool() {
        Assumptions.assumeFalse(WitnessTarget.realPool(), "the storage witness writes into the SR: simulator only");
        SimulatedPool pool = SimulatedPool.builder().hosts(2).vms(1).seed(35).rootPassword("witness-pw")
                .storageRoot(dir.resolve("sim-storage")).build();
        pool.start("127.0.0.1", 0);
        return pool;
    }

    @Test
    void xenApiPyListsDisksMadeByCallsAndBehindXapisBack() throws Exception {
        try (SimulatedPool pool = pool()) {
            Path location = dir.resolve("file-sr");
            ExternalTool.Result r = run(pool, "file", Map.of("XAPI_SR_LOCATION", location.toString()));
            Witnesses.assertLinesInOrder(r.out(), "login ok", "created sr=", "scanned", "listed vdis=2 found ",
                    "size=16777216", "sr virtual_allocation=25165824", "OK");
        }
    }

    @Test
    void xenApiPyProbesARealIscsiTargetThroughTheSimulator() throws Exception {
        Tgt tgt = StorageDaemons.tgt();
        String iqn = "iqn.2026-12.org.xenwbem:witness-" + UUID.randomUUID().toString().substring(0, 8);
        Path lun = dir.resolve("witness-lun.img");
        try (RandomAccessFile f = new RandomAccessFile(lun.toFile(), "rw")) {
            f.setLength(48L << 20);
        }
        int tid = tgt.addTarget(iqn, List.of(lun));
        try (SimulatedPool pool = pool()) {
            ExternalTool.Result r = run(pool, "iscsi", Map.of("XAPI_ISCSI_PORT", Integer.toString(tgt.port()),
                    "XAPI_ISCSI_IQN", iqn));
            Witnesses.assertLinesInOrder(r.out(), "login ok", "probe iqns=", "has " + iqn, "probe luns=1 sizes=50331648",
                    "created lvmoiscsi physical_size=50331648", "OK");
        } finally {
            tgt.deleteTarget(tid);
        }
    }
}
