package org.xenwbem.bridge.spi;

/**
 * The simulated pool a daemon asks for: its seeded size, the password of its accounts, whether
 * each host also answers at its own address (as pool members do, e.g. for {@code /rrd_updates}), and
 * the directory its SRs keep VDI bytes in ({@code --sim-storage}; null: a temporary one).
 */
public record PoolShape(int hosts, int vms, int disksPerVm, int nicsPerVm, long seed, String password,
        boolean memberEndpoints, java.nio.file.Path storageRoot) {
    /** A shape whose storage is a temporary directory. */
    public PoolShape(int hosts, int vms, int disksPerVm, int nicsPerVm, long seed, String password,
            boolean memberEndpoints) {
        this(hosts, vms, disksPerVm, nicsPerVm, seed, password, memberEndpoints, null);
    }

    @Override
    public String toString() {
        return "PoolShape[hosts=" + hosts + ", vms=" + vms + ", disksPerVm=" + disksPerVm + ", nicsPerVm=" + nicsPerVm
                + ", seed=" + seed + ", memberEndpoints=" + memberEndpoints + ", storageRoot=" + storageRoot + "]";
    }
}
