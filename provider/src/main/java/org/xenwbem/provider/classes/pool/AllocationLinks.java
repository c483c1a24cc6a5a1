package org.xenwbem.provider.classes.pool;

import java.util.ArrayList;
import java.util.List;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.bridge.VmRecord;
import org.xenwbem.provider.classes.common.ProviderContext;
import org.xenwbem.provider.cimom.InstanceProvider;
import org.xenwbem.provider.classes.common.Link;
import org.xenwbem.provider.classes.common.Paths;

/**
 * Associations between the resource pools / host devices of this family and the VM-side devices
 * and settings (whose paths are built in the anchor's formats, {@link Paths}): what a VM's memory,
 * processors and NICs are allocated from and hosted by, and the switch side of each VIF (the disks'
 * are the storage family's, {@code classes.storage.StorageAssociations}).
 * Memory and processors are allocated from the pools of the host a VM is resident on; a VM that
 * is not resident anywhere has no such association.
 */
public final class AllocationLinks {
    private AllocationLinks() {
    }

    public static List<InstanceProvider> all(ProviderContext pc) {
        return compute(pc);
    }

    /** System VMs resident on a host, with that host's uuid. */
    static List<VmRecord> resident(PoolSnapshot s) {
        return Paths.systems(s).stream().filter(v -> !v.residentOnHostUuid().isEmpty()).toList();
    }

    static List<InstanceProvider> compute(ProviderContext pc) {
        return List.of(
                Link.dependency(pc, "Xen_MemoryAllocatedFromPool", s -> resident(s).stream().map(v -> new Link.Pair(
                        Paths.memoryPool(v.residentOnHostUuid()), Paths.vmDevice("Xen_Memory", v.uuid(), "Memory"))).toList()),
                Link.dependency(pc, "Xen_MemorySettingAllocationFromPool", s -> resident(s).stream().map(v -> new Link.Pair(
                        Paths.memoryPool(v.residentOnHostUuid()), Paths.rasd("Xen_MemorySettingData", v.uuid(), "Memory")))
                        .toList()),
                Link.dependency(pc, "Xen_HostedMemory", s -> resident(s).stream().map(v -> new Link.Pair(
                        Paths.hostMemory(v.residentOnHostUuid()), Paths.vmDevice("Xen_Memory", v.uuid(), "Memory"))).toList()),
                Link.dependency(pc, "Xen_ProcessorSettingAllocationFromPool", s -> resident(s).stream().map(v ->
                        new Link.Pair(Paths.processorPool(v.residentOnHostUuid()),
                                Paths.rasd("Xen_ProcessorSettingData", v.uuid(), "Processor"))).toList()),
                Link.dependency(pc, "Xen_ProcessorAllocatedFromPool", AllocationLinks::vcpusFromPool),
                Link.dependency(pc, "Xen_HostedProcessor", AllocationLinks::vcpusOnCpus));
    }

    private static List<Link.Pair> vcpusFromPool(PoolSnapshot s) {
        List<Link.Pair> out = new ArrayList<>();
        for (VmRecord v : resident(s)) {
            for (long n = 0; n < v.vcpusAtStartup(); n++) {
                out.add(new Link.Pair(Paths.processorPool(v.residentOnHostUuid()), Paths.vmProcessor(v.uuid(), n)));
            }
        }
        return out;
    }

    /** VCPU n ↔ the host's n-th CPU, as the anchor's Xen_Processor did (when the host has that many). */
    private static List<Link.Pair> vcpusOnCpus(PoolSnapshot s) {
        List<Link.Pair> out = new ArrayList<>();
        for (VmRecord v : resident(s)) {
            var cpus = s.hostCpusOf(v.residentOnHostUuid());
            for (int n = 0; n < v.vcpusAtStartup() && n < cpus.size(); n++) {
                out.add(new Link.Pair(Paths.hostProcessor(v.residentOnHostUuid(), cpus.get(n).uuid()),
                        Paths.vmProcessor(v.uuid(), n)));
            }
        }
        return out;
    }
}
