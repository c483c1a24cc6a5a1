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

    Collection<HostRecord> hosts();

    Optional<HostRecord> host(String uuid);

    /** Every VM: control domains, templates, snapshots and ordinary VMs. */
    Collection<VmRecord> vms();

    Optional<VmRecord> vm(String uuid);

    Collection<HostCpuRecord> hostCpus();

    /** The host's CPUs, ordered by UUID. */
    List<HostCpuRecord> hostCpusOf(String hostUuid);

    /** The guest agent's report for a VM (through {@link VmRecord#guestMetricsUuid()}). */
    Optional<VmGuestMetricsRecord> guestMetrics(String vmUuid);

    Collection<SrRecord> srs();

    Optional<SrRecord> sr(String uuid);

    Collection<PbdRecord> pbds();

    Collection<VdiRecord> vdis();

    Optional<VdiRecord> vdi(String uuid);

    /** The VDIs whose SR is {@code srUuid}. */
    List<VdiRecord> vdisOf(String srUuid);

    Collection<VbdRecord> vbds();

    Optional<VbdRecord> vbd(String uuid);

    /** The VBDs of a VM. */
    List<VbdRecord> vbdsOf(String vmUuid);

    Collection<NetworkRecord> networks();

    Optional<NetworkRecord> network(String uuid);

    Collection<VifRecord> vifs();

    Optional<VifRecord> vif(String uuid);

    /** The VIFs of a VM. */
    List<VifRecord> vifsOf(String vmUuid);

    Collection<PifRecord> pifs();

    Optional<PifRecord> pif(String uuid);

    /** The PIFs of a host. */
    List<PifRecord> pifsOf(String hostUuid);

    Collection<BondRecord> bonds();

    Collection<VlanRecord> vlans();

    Collection<ConsoleRecord> consoles();

    Collection<TaskRecord> tasks();

    Optional<TaskRecord> task(String uuid);
}
