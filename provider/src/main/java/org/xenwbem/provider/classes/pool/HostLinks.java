package org.xenwbem.provider.classes.pool;

import java.util.ArrayList;
import java.util.List;
import org.xenwbem.bridge.HostRecord;
import org.xenwbem.bridge.NetworkRecord;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.bridge.VmRecord;
import org.xenwbem.cim.CimObjectPath;
import org.xenwbem.provider.classes.common.Ids;
import org.xenwbem.provider.classes.common.ProviderContext;
import org.xenwbem.provider.cimom.InstanceProvider;
import org.xenwbem.provider.classes.common.Link;
import org.xenwbem.provider.classes.common.Paths;

/**
 * What a host hosts and holds: its VMs, services, devices and resource pools, and its membership
 * of the pool. A network is hosted by every host that has a PIF for it (an SR's hosts are the storage
 * family's, {@code classes.storage.StorageAssociations}).
 */
public final class HostLinks {
    private HostLinks() {
    }

    public static List<InstanceProvider> all(ProviderContext pc) {
        List<InstanceProvider> out = new ArrayList<>(List.of(
                Link.dependency(pc, "Xen_HostedComputerSystem", s -> Paths.systems(s).stream()
                        .filter(v -> !v.residentOnHostUuid().isEmpty())
                        .map(v -> new Link.Pair(Paths.host(v.residentOnHostUuid()), Paths.vm(v.uuid()))).toList()),
                hostedService(pc, "Xen_HostedVirtualSystemManagementService", ServiceProviders.VSMS),
                hostedService(pc, "Xen_HostedVirtualSystemMigrationService", ServiceProviders.MIGRATION),
                hostedService(pc, "Xen_HostedVirtualSystemSnapshotService", ServiceProviders.SNAPSHOT),
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
                Link.of(pc, "CIM_MemberOfCollection", "Collection", "Member", s -> perPool(s)),
                affects(pc, "Xen_VirtualSystemManagementServiceAffectsComputerSystem", ServiceProviders.VSMS),
                affects(pc, "Xen_VirtualSystemMigrationServiceAffectsComputerSystem", ServiceProviders.MIGRATION)));
        return out;
    }

    private static Link hostedService(ProviderContext pc, String cls, String service) {
        return Link.dependency(pc, cls, s -> perHost(s, h -> servicePath(service, h.uuid())));
    }

    public static CimObjectPath servicePath(String cls, String hostUuid) {
        String name = ServiceProviders.SERVICES.stream().filter(x -> x.cls().equals(cls)).findFirst().orElseThrow()
                .name();
        return Paths.service(cls, hostUuid, name);
    }

    private static List<Link.Pair> perHost(PoolSnapshot s, java.util.function.Function<HostRecord, CimObjectPath> f) {
        return s.hosts().stream().map(h -> new Link.Pair(Paths.host(h.uuid()), f.apply(h))).toList();
    }

    /** Xen_HostPool ↔ each member host. */
    private static List<Link.Pair> perPool(PoolSnapshot s) {
        CimObjectPath pool = Paths.byInstanceId("Xen_HostPool", Ids.system(s.pool().uuid()));
        return s.hosts().stream().map(h -> new Link.Pair(pool, Paths.host(h.uuid()))).toList();
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

    /**
     * A service affects the VMs resident on its host; a VM resident nowhere is affected by the
     * pool master's services (the host that starts it by default).
     */
    private static Link affects(ProviderContext pc, String cls, String service) {
        return Link.of(pc, cls, "AffectingElement", "AffectedElement", s -> {
            List<Link.Pair> out = new ArrayList<>();
            for (VmRecord v : Paths.systems(s)) {
                String host = v.residentOnHostUuid().isEmpty() ? s.pool().masterUuid() : v.residentOnHostUuid();
                if (!host.isEmpty() && !v.isControlDomain()) {
                    out.add(new Link.Pair(servicePath(service, host), Paths.vm(v.uuid())));
                }
            }
            return out;
        });
    }
}
