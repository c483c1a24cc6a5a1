package org.xenwbem.bridge.spi;

/**
 * The simulated pool a daemon asks for: its seeded size, the password of its accounts, and whether
 * each host also answers at its own address (as pool members do, e.g. for {@code /rrd_updates}).
 */
public record PoolShape(int hosts, int vms, int disksPerVm, int nicsPerVm, long seed, String password,
        boolean memberEndpoints) {
    @Override
    public String toString() {
        return "PoolShape[hosts=" + hosts + ", vms=" + vms + ", disksPerVm=" + disksPerVm + ", nicsPerVm=" + nicsPerVm
                + ", seed=" + seed + ", memberEndpoints=" + memberEndpoints + "]";
    }
}
