package org.xenwbem.bridge.spi;

/**
 * The simulated pool a daemon asks for: its seeded size, the password of its accounts, whether
 * each host also answers at its own address (as pool members do, e.g. for {@code /rrd_updates}), and
 * the directory its SRs keep VDI bytes in ({@code --sim-storage}; null: a temporary one), and how many
 * hosts outside the pool wait to join it ({@code --sim-standalone-hosts}; each at
 * {@link #standaloneAddress}, its root password the pool's, as a freshly installed host would have it).
 */
public record PoolShape(int hosts, int vms, int disksPerVm, int nicsPerVm, long seed, String password,
        boolean memberEndpoints, java.nio.file.Path storageRoot, int standaloneHosts) {
    /** A shape without standalone hosts. */
    public PoolShape(int hosts, int vms, int disksPerVm, int nicsPerVm, long seed, String password,
            boolean memberEndpoints, java.nio.file.Path storageRoot) {
        this(hosts, vms, disksPerVm, nicsPerVm, seed, password, memberEndpoints, storageRoot, 0);
    }

    /** The address of standalone host {@code i} (0-based): 127.0.0.201, 127.0.0.202, … */
    public static String standaloneAddress(int i) {
        return "127.0.0." + (201 + i);
    }

    /** A shape whose storage is a temporary directory. */
    public PoolShape(int hosts, int vms, int disksPerVm, int nicsPerVm, long seed, String password,
            boolean memberEndpoints) {
        this(hosts, vms, disksPerVm, nicsPerVm, seed, password, memberEndpoints, null);
    }

    @Override
    public String toString() {
        return "PoolShape[hosts=" + hosts + ", vms=" + vms + ", disksPerVm=" + disksPerVm + ", nicsPerVm=" + nicsPerVm
                + ", seed=" + seed + ", memberEndpoints=" + memberEndpoints + ", storageRoot=" + storageRoot + ", standaloneHosts=" + standaloneHosts + "]";
    }
}
