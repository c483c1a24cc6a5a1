package org.xenwbem.bridge;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * A consistent, immutable view of the pool at one moment: readers never see half of an update.
 * Collections are ordered by UUID so that enumerations are stable; the {@code …Of(uuid)} indexes
 * answer without scanning (empty when the parent is unknown). Reading never calls xapi.
 */
public interface PoolSnapshot {
    /** Increases every time the mirror applies a batch of changes. */
    long generation();

    PoolRecord pool();

    /** Every record of one class (e.g. {@code VmRecord.class}), ordered by UUID. */
    <R> Collection<R> all(Class<R> type);

    /** One record by UUID; empty when there is none or {@code uuid} is null. */
    <R> Optional<R> get(Class<R> type, String uuid);

    /**
     * The records indexed under a parent (CPUs and PIFs by host, VDIs by SR, VBDs and VIFs by VM),
     * ordered by UUID; empty when the parent is unknown or null.
     */
    <R> List<R> childrenOf(Class<R> type, String parentUuid);

    default Collection<HostRecord> hosts() {
        return all(HostRecord.class);
    }

    default Optional<HostRecord> host(String uuid) {
        return get(HostRecord.class, uuid);
    }

    /** Every VM: control domains, templates, snapshots and ordinary VMs. */
    default Collection<VmRecord> vms() {
        return all(VmRecord.class);
    }

    default Optional<VmRecord> vm(String uuid) {
        return get(VmRecord.class, uuid);
    }

    default Collection<HostCpuRecord> hostCpus() {
        return all(HostCpuRecord.class);
    }

    /** The host's CPUs, ordered by UUID. */
    default List<HostCpuRecord> hostCpusOf(String hostUuid) {
        return childrenOf(HostCpuRecord.class, hostUuid);
    }

    /** The guest agent's report for a VM (through {@link VmRecord#guestMetricsUuid()}). */
    default Optional<VmGuestMetricsRecord> guestMetrics(String vmUuid) {
        return vm(vmUuid).flatMap(v -> get(VmGuestMetricsRecord.class, v.guestMetricsUuid()));
    }

    default Collection<SrRecord> srs() {
        return all(SrRecord.class);
    }

    default Optional<SrRecord> sr(String uuid) {
        return get(SrRecord.class, uuid);
    }

    default Collection<PbdRecord> pbds() {
        return all(PbdRecord.class);
    }

    default Collection<VdiRecord> vdis() {
        return all(VdiRecord.class);
    }

    default Optional<VdiRecord> vdi(String uuid) {
        return get(VdiRecord.class, uuid);
    }

    /** The VDIs whose SR is {@code srUuid}. */
    default List<VdiRecord> vdisOf(String srUuid) {
        return childrenOf(VdiRecord.class, srUuid);
    }

    default Collection<VbdRecord> vbds() {
        return all(VbdRecord.class);
    }

    default Optional<VbdRecord> vbd(String uuid) {
        return get(VbdRecord.class, uuid);
    }

    /** The VBDs of a VM. */
    default List<VbdRecord> vbdsOf(String vmUuid) {
        return childrenOf(VbdRecord.class, vmUuid);
    }

    default Collection<NetworkRecord> networks() {
        return all(NetworkRecord.class);
    }

    default Optional<NetworkRecord> network(String uuid) {
        return get(NetworkRecord.class, uuid);
    }

    default Collection<VifRecord> vifs() {
        return all(VifRecord.class);
    }

    default Optional<VifRecord> vif(String uuid) {
        return get(VifRecord.class, uuid);
    }

    /** The VIFs of a VM. */
    default List<VifRecord> vifsOf(String vmUuid) {
        return childrenOf(VifRecord.class, vmUuid);
    }

    default Collection<PifRecord> pifs() {
        return all(PifRecord.class);
    }

    default Optional<PifRecord> pif(String uuid) {
        return get(PifRecord.class, uuid);
    }

    /** The PIFs of a host. */
    default List<PifRecord> pifsOf(String hostUuid) {
        return childrenOf(PifRecord.class, hostUuid);
    }

    default Collection<BondRecord> bonds() {
        return all(BondRecord.class);
    }

    default Collection<VlanRecord> vlans() {
        return all(VlanRecord.class);
    }

    default Collection<ConsoleRecord> consoles() {
        return all(ConsoleRecord.class);
    }

    default Collection<TaskRecord> tasks() {
        return all(TaskRecord.class);
    }

    default Optional<TaskRecord> task(String uuid) {
        return get(TaskRecord.class, uuid);
    }

}
