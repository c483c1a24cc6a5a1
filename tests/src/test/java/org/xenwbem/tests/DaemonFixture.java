package org.xenwbem.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.xenwbem.bridge.sim.SimState;
import org.xenwbem.bridge.sim.SimulatedPool;
import org.xenwbem.provider.config.ServerOptions;
import org.xenwbem.provider.server.Daemon;

/** A real daemon on 127.0.0.1 and a free port, serving an in-process simulated pool (public for the bench package). */
public final class DaemonFixture implements AutoCloseable {
    public static final String PASSWORD = "e2e-Secret-1";
    public static final String P = "http://schemas.citrix.com/wbem/wscim/1/cim-schema/2/";

    public final Daemon daemon;
    final Path stateDir;

    public DaemonFixture(int vms) throws Exception {
        this(vms, 1, 1);
    }

    /** A pool of {@code vms} ordinary VMs, each seeded with {@code disks} disks (besides its CD) and {@code nics} NICs. */
    public DaemonFixture(int vms, int disks, int nics) throws Exception {
        this(vms, disks, nics, o -> { });
    }

    /** As {@link #DaemonFixture(int, int, int)}, with options changed by {@code tune} before the daemon starts. */
    public DaemonFixture(int vms, int disks, int nics, Consumer<ServerOptions> tune) throws Exception {
        stateDir = Files.createTempDirectory("xenwbem-e2e");
        ServerOptions o = new ServerOptions();
        o.simulate = true;
        o.port = 0;
        o.bind = "127.0.0.1";
        o.stateDir = stateDir;
        o.simPassword = PASSWORD;
        o.simVms = vms;
        o.simDisksPerVm = disks;
        o.simNicsPerVm = nics;
        tune.accept(o);
        daemon = Daemon.start(o);
        // the port answers before the pool is loaded (FirstSyncTest); the tests here start from a loaded one
        if (!daemon.awaitPoolLoaded(Duration.ofSeconds(60))) {
            daemon.close();
            throw new IllegalStateException("the simulated pool was not loaded within 60 s");
        }
    }

    public int port() {
        return daemon.port();
    }

    public String wsmanUrl() {
        return "https://127.0.0.1:" + port() + "/wsman";
    }

    public SimState sim() {
        return daemon.simulatedPool(SimulatedPool.class).state();
    }

    /** UUIDs the simulator holds for VMs that Xen_ComputerSystem must list (no templates, no snapshots). */
    public List<String> systemVmUuids() {
        List<String> out = new ArrayList<>();
        for (String u : sim().vmUuids()) {
            Map<String, Object> r = sim().vmRecord(u);
            if (!Boolean.TRUE.equals(r.get("is_a_template")) && !Boolean.TRUE.equals(r.get("is_a_snapshot"))) {
                out.add(u);
            }
        }
        return out;
    }

    List<String> templateUuids() {
        List<String> out = new ArrayList<>();
        for (String u : sim().vmUuids()) {
            if (Boolean.TRUE.equals(sim().vmRecord(u).get("is_a_template"))) {
                out.add(u);
            }
        }
        return out;
    }

    Path scratch(String name) throws IOException {
        return Files.createDirectories(stateDir.resolve(name));
    }

    @Override
    public void close() {
        daemon.close();
    }
}
