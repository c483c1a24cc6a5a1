package org.xenwbem.bridge.mirror;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.xenwbem.bridge.HostRecord;
import org.xenwbem.bridge.PoolRecord;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.bridge.VmRecord;

/** An immutable {@link PoolSnapshot}; hosts and VMs sorted by UUID. */
final class MirrorSnapshot implements PoolSnapshot {
    /** Before the first sync: generation 0, an empty pool record, no hosts, no VMs. */
    static final MirrorSnapshot EMPTY = new MirrorSnapshot(0,
            new PoolRecord("", "", "", "", "", false, Map.of()), new TreeMap<>(), new TreeMap<>());

    private final long generation;
    private final PoolRecord pool;
    private final SortedMap<String, HostRecord> hosts;
    private final SortedMap<String, VmRecord> vms;

    MirrorSnapshot(long generation, PoolRecord pool, SortedMap<String, HostRecord> hosts,
                   SortedMap<String, VmRecord> vms) {
        this.generation = generation;
        this.pool = pool;
        this.hosts = Collections.unmodifiableSortedMap(new TreeMap<>(hosts));
        this.vms = Collections.unmodifiableSortedMap(new TreeMap<>(vms));
    }

    @Override
    public long generation() {
        return generation;
    }

    @Override
    public PoolRecord pool() {
        return pool;
    }

    @Override
    public Collection<HostRecord> hosts() {
        return hosts.values();
    }

    @Override
    public Optional<HostRecord> host(String uuid) {
        return Optional.ofNullable(hosts.get(uuid));
    }

    @Override
    public Collection<VmRecord> vms() {
        return vms.values();
    }

    @Override
    public Optional<VmRecord> vm(String uuid) {
        return Optional.ofNullable(vms.get(uuid));
    }

    @Override
    public String toString() {
        return "PoolSnapshot[generation=" + generation + ", hosts=" + hosts.size() + ", vms=" + vms.size() + "]";
    }
}
