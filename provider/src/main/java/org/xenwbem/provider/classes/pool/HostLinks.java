package org.xenwbem.provider.classes.pool;

import java.util.ArrayList;
import java.util.List;
import org.xenwbem.bridge.HostRecord;
import org.xenwbem.bridge.NetworkRecord;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.cim.CimObjectPath;
import org.xenwbem.provider.classes.common.ProviderContext;
import org.xenwbem.provider.cimom.InstanceProvider;
import org.xenwbem.provider.classes.common.Link;
import org.xenwbem.provider.classes.common.Paths;

/**
 * The associations of a host, in one list so their order is kept: what it hosts and holds (its VMs,
 * devices and resource pools; the services' are {@link ManagementServices}') and its membership of
 * the pool ({@link HostPool}). A network is hosted by every host that has a PIF for it (an SR's
 * hosts are the storage family's, {@code classes.storage.StorageAssociations}).
 */
public final class HostLinks {
    private HostLinks() {
    }

    public static List<InstanceProvider> all(ProviderContext pc) {
        List<InstanceProvider> out = new ArrayList<>(List.of(
                Link.dependency(pc, "Xen_HostedComputerSystem", s -> Paths.systems(s).stream()
                        .filter(v -> !v.residentOnHostUuid().isEmpty())
                        .map(v -> new Link.Pair(Paths.host(v.residentOnHostUuid()), Paths.vm(v.uuid()))).toList()),
                ManagementServices.hosted(pc, "Xen_HostedVirtualSystemManagementService", ManagementServices.VSMS),
                ManagementServices.hosted(pc, "Xen_HostedVirtualSystemMigrationService", ManagementServices.MIGRATION),
                ManagementServices.hosted(pc, "Xen_HostedVirtualSystemSnapshotService", ManagementServices.SNAPSHOT),
                Link.component(pc, "Xen_HostComputerSystemProcessor", s -> s.hostCpus().stream().map(c -> new Link.Pair(
                        Paths.host(c.hostUuid()), Paths.hostProcessor(c.hostUuid(), c.uuid()))).toList()),
                Link.component(pc, "Xen_HostComputerSystemMemory", s -> perHost(s, h -> Paths.hostMemory(h.uuid()))),
                Link.component(pc, "Xen_HostedMemoryPool", s -> perHost(s, h -> Paths.memoryPool(h.uuid()))),
                Link.component(pc, "Xen_HostedProcessorPool", s -> perHost(s, h -> Paths.processorPool(h.uuid()))),
                Link.component(pc, "Xen_HostedNetworkConnectionPool", HostLinks::networkPools),
                Link.component(pc, "Xen_MemoryPoolComponent", s -> s.hosts().stream().map(h -> new Link.Pair(
                        Paths.memoryPool(h.uuid()), Paths.hostMemory(h.uuid()))).toList()),
                Link.component(pc, "Xen_ProcessorPoolComponent", s -> s.hostCpus().stream().map(c -> new Link.Pair(
                        Paths.processorPool(c.hostUuid()), Paths.hostProcessor(c.hostUuid(), c.uuid()))).toList()),
                HostPool.members(pc),
                ManagementServices.affects(pc, "Xen_VirtualSystemManagementServiceAffectsComputerSystem",
                        ManagementServices.VSMS),
                ManagementServices.affects(pc, "Xen_VirtualSystemMigrationServiceAffectsComputerSystem",
                        ManagementServices.MIGRATION)));
        return out;
    }

    private static List<Link.Pair> perHost(PoolSnapshot s, java.util.function.Function<HostRecord, CimObjectPath> f) {
        return s.hosts().stream().map(h -> new Link.Pair(Paths.host(h.uuid()), f.apply(h))).toList();
    }

    /** Each host with a PIF on the network hosts its connection pool. */
    private static List<Link.Pair> networkPools(PoolSnapshot s) {
        List<Link.Pair> out = new ArrayList<>();
        for (NetworkRecord n : s.networks()) {
            CimObjectPath pool = Paths.networkPool(n, s);
            n.pifUuids().stream().flatMap(p -> s.pif(p).stream()).map(p -> p.hostUuid()).filter(h -> !h.isEmpty())
                    .distinct().forEach(h -> out.add(new Link.Pair(Paths.host(h), pool)));
        }
        return out;
    }
}
