package org.xenwbem.bridge.storage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.xenwbem.bridge.storagetest.Ceph;
import org.xenwbem.bridge.storagetest.StorageDaemons;

/** The shared test Ceph ({@link StorageDaemons#ceph()}), with the commands these tests run against it. */
final class CephFixture {
    private final Ceph ceph;
    final Path conf;
    final Path keyring;

    private CephFixture(Ceph ceph) {
        this.ceph = ceph;
        this.conf = ceph.conf();
        this.keyring = ceph.keyring();
    }

    static CephFixture get() {
        return new CephFixture(StorageDaemons.ceph());
    }

    Map<String, String> deviceConfig() {
        return ceph.deviceConfig();
    }

    /** Runs a tool with this cluster's ceph.conf ({@code rbd} with the admin id and keyring). */
    String run(String... cmd) throws IOException {
        List<String> c = cmd[0].equals("rbd") ? List.of(cmd).subList(1, cmd.length) : null;
        if (c != null) {
            return ceph.run(c.toArray(String[]::new));
        }
        Cli.Result r = Cli.run(List.of(cmd), Map.of("CEPH_CONF", conf.toString()), 120);
        if (!r.ok()) {
            throw new IOException(String.join(" ", cmd) + " exited " + r.exitCode() + ": " + r.stderr());
        }
        return r.stdout();
    }
}
