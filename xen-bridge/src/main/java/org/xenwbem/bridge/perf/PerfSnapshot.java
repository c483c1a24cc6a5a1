package org.xenwbem.bridge.perf;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What the {@link RrdSampler} last read: per host and per running VM, the newest value of each disk
 * and NIC data source. {@link #generation()} grows with every publication, so readers can cache what
 * they derive. Immutable; {@link #EMPTY} before the first sample or when sampling is off.
 */
public final class PerfSnapshot {
    public static final PerfSnapshot EMPTY = new PerfSnapshot(0, Map.of(), Map.of());

    private final long generation;
    private final Map<String, PerfValues> hosts;
    private final Map<String, PerfValues> vms;

    PerfSnapshot(long generation, Map<String, PerfValues> hosts, Map<String, PerfValues> vms) {
        this.generation = generation;
        this.hosts = Map.copyOf(hosts);
        this.vms = Map.copyOf(vms);
    }

    public long generation() {
        return generation;
    }

    public Optional<PerfValues> host(String hostUuid) {
        return Optional.ofNullable(hosts.get(hostUuid));
    }

    public Optional<PerfValues> vm(String vmUuid) {
        return Optional.ofNullable(vms.get(vmUuid));
    }

    /** A host data source, e.g. {@code pif_eth0_rx}. */
    public OptionalDouble hostValue(String hostUuid, String dataSource) {
        PerfValues v = hosts.get(hostUuid);
        return v == null ? OptionalDouble.empty() : v.value(dataSource);
    }

    /** A VM data source, e.g. {@code vbd_xvda_read}. */
    public OptionalDouble vmValue(String vmUuid, String dataSource) {
        PerfValues v = vms.get(vmUuid);
        return v == null ? OptionalDouble.empty() : v.value(dataSource);
    }

    /** The hosts with values. */
    public int hostCount() {
        return hosts.size();
    }

    /** The VMs with values. */
    public int vmCount() {
        return vms.size();
    }

    @Override
    public String toString() {
        return "PerfSnapshot[generation " + generation + ", " + hosts.size() + " hosts, " + vms.size() + " VMs]";
    }
}
