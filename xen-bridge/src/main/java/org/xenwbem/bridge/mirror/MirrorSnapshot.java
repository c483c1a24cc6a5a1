package org.xenwbem.bridge.mirror;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.xenwbem.bridge.BondRecord;
import org.xenwbem.bridge.ConsoleRecord;
import org.xenwbem.bridge.HostCpuRecord;
import org.xenwbem.bridge.HostRecord;
import org.xenwbem.bridge.NetworkRecord;
import org.xenwbem.bridge.PbdRecord;
import org.xenwbem.bridge.PifRecord;
import org.xenwbem.bridge.PoolRecord;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.bridge.SrRecord;
import org.xenwbem.bridge.TaskRecord;
import org.xenwbem.bridge.VbdRecord;
import org.xenwbem.bridge.VdiRecord;
import org.xenwbem.bridge.VifRecord;
import org.xenwbem.bridge.VlanRecord;
import org.xenwbem.bridge.VmGuestMetricsRecord;
import org.xenwbem.bridge.VmRecord;

/**
 * An immutable {@link PoolSnapshot}: one {@link Table} per mirrored class. Successive snapshots share
 * every table (and most of each changed table) that a batch did not touch.
 */
final class MirrorSnapshot implements PoolSnapshot {
    static final PoolRecord NO_POOL = new PoolRecord("", "", "", "", "", false, Map.of());
    /** Before the first sync: generation 0, an empty pool record, no objects. */
    static final MirrorSnapshot EMPTY = new MirrorSnapshot(0, emptyTables());

    private final long generation;
    private final Table<?>[] tables;

    MirrorSnapshot(long generation, Table<?>[] tables) {
        this.generation = generation;
        this.tables = tables;
    }

    private static Table<?>[] emptyTables() {
        Table<?>[] t = new Table<?>[MirrorClass.values().length];
        for (MirrorClass c : MirrorClass.values()) {
            t[c.ordinal()] = Table.empty(c.parentOf());
        }
        return t;
    }

    /** The tables, for the builder of the next snapshot (not copied: callers must not write). */
    Table<?>[] tables() {
        return tables;
    }

    @SuppressWarnings("unchecked")
    private <R> Table<R> t(MirrorClass c) {
        return (Table<R>) tables[c.ordinal()];
    }

    private <R> Collection<R> all(MirrorClass c) {
        return this.<R>t(c).all();
    }

    private <R> Optional<R> one(MirrorClass c, String uuid) {
        return Optional.ofNullable(uuid == null ? null : this.<R>t(c).get(uuid));
    }

    private <R> List<R> children(MirrorClass c, String parent) {
        return parent == null ? List.of() : this.<R>t(c).childrenOf(parent);
    }

    @Override
    public long generation() {
        return generation;
    }

    @Override
    public PoolRecord pool() {
        return this.<PoolRecord>all(MirrorClass.POOL).stream().findFirst().orElse(NO_POOL);
    }

    @Override
    public Collection<HostRecord> hosts() {
        return all(MirrorClass.HOST);
    }

    @Override
    public Optional<HostRecord> host(String uuid) {
        return one(MirrorClass.HOST, uuid);
    }

    @Override
    public Collection<VmRecord> vms() {
        return all(MirrorClass.VM);
    }

    @Override
    public Optional<VmRecord> vm(String uuid) {
        return one(MirrorClass.VM, uuid);
    }

    @Override
    public Collection<HostCpuRecord> hostCpus() {
        return all(MirrorClass.HOST_CPU);
    }

    @Override
    public List<HostCpuRecord> hostCpusOf(String hostUuid) {
        return children(MirrorClass.HOST_CPU, hostUuid);
    }

    @Override
    public Optional<VmGuestMetricsRecord> guestMetrics(String vmUuid) {
        return vm(vmUuid).flatMap(v -> one(MirrorClass.VM_GUEST_METRICS, v.guestMetricsUuid()));
    }

    @Override
    public Collection<SrRecord> srs() {
        return all(MirrorClass.SR);
    }

    @Override
    public Optional<SrRecord> sr(String uuid) {
        return one(MirrorClass.SR, uuid);
    }

    @Override
    public Collection<PbdRecord> pbds() {
        return all(MirrorClass.PBD);
    }

    @Override
    public Collection<VdiRecord> vdis() {
        return all(MirrorClass.VDI);
    }

    @Override
    public Optional<VdiRecord> vdi(String uuid) {
        return one(MirrorClass.VDI, uuid);
    }

    @Override
    public List<VdiRecord> vdisOf(String srUuid) {
        return children(MirrorClass.VDI, srUuid);
    }

    @Override
    public Collection<VbdRecord> vbds() {
        return all(MirrorClass.VBD);
    }

    @Override
    public Optional<VbdRecord> vbd(String uuid) {
        return one(MirrorClass.VBD, uuid);
    }

    @Override
    public List<VbdRecord> vbdsOf(String vmUuid) {
        return children(MirrorClass.VBD, vmUuid);
    }

    @Override
    public Collection<NetworkRecord> networks() {
        return all(MirrorClass.NETWORK);
    }

    @Override
    public Optional<NetworkRecord> network(String uuid) {
        return one(MirrorClass.NETWORK, uuid);
    }

    @Override
    public Collection<VifRecord> vifs() {
        return all(MirrorClass.VIF);
    }

    @Override
    public Optional<VifRecord> vif(String uuid) {
        return one(MirrorClass.VIF, uuid);
    }

    @Override
    public List<VifRecord> vifsOf(String vmUuid) {
        return children(MirrorClass.VIF, vmUuid);
    }

    @Override
    public Collection<PifRecord> pifs() {
        return all(MirrorClass.PIF);
    }

    @Override
    public Optional<PifRecord> pif(String uuid) {
        return one(MirrorClass.PIF, uuid);
    }

    @Override
    public List<PifRecord> pifsOf(String hostUuid) {
        return children(MirrorClass.PIF, hostUuid);
    }

    @Override
    public Collection<BondRecord> bonds() {
        return all(MirrorClass.BOND);
    }

    @Override
    public Collection<VlanRecord> vlans() {
        return all(MirrorClass.VLAN);
    }

    @Override
    public Collection<ConsoleRecord> consoles() {
        return all(MirrorClass.CONSOLE);
    }

    @Override
    public Collection<TaskRecord> tasks() {
        return all(MirrorClass.TASK);
    }

    @Override
    public Optional<TaskRecord> task(String uuid) {
        return one(MirrorClass.TASK, uuid);
    }

    @Override
    public String toString() {
        return "PoolSnapshot[generation=" + generation + ", hosts=" + t(MirrorClass.HOST).size() + ", vms="
                + t(MirrorClass.VM).size() + ", vdis=" + t(MirrorClass.VDI).size() + "]";
    }
}
