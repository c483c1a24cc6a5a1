package org.xenwbem.provider.classes.pool;

import java.util.List;
import java.util.function.Function;
import org.xenwbem.bridge.HostRecord;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.cim.CimObjectPath;
import org.xenwbem.provider.cimom.InstanceProvider;
import org.xenwbem.provider.classes.common.Link;
import org.xenwbem.provider.classes.common.Paths;
import org.xenwbem.provider.classes.common.ProviderContext;

/**
 * The element capabilities associations (CIM_ElementCapabilities, ManagedElement → Capabilities): a
 * host, its services and its VMs to their capabilities, and the resource pools and switches to
 * their allocation capabilities ({@link AllocationCapabilities}); the storage ones are the storage
 * family's ({@code classes.storage.StorageCapabilities}).
 */
public final class ElementCapabilities {
    private ElementCapabilities() {
    }

    public static List<InstanceProvider> all(ProviderContext pc) {
        return List.of(
                Link.capabilities(pc, "Xen_HasVirtualizationCapabilities", s -> s.hosts().stream()
                        .flatMap(h -> VirtualSystemCapabilities.VIRTUALIZATION.stream().map(v -> new Link.Pair(
                                Paths.host(h.uuid()), Paths.byInstanceId(VirtualSystemCapabilities.VIRT_CAPS, v.instanceId()))))
                        .toList()),
                Link.capabilities(pc, "Xen_HostVSMSElementCapabilities", s -> perHost(s,
                        h -> Paths.host(h.uuid()), h -> hostCaps(ServiceCapabilities.VSMS_CAPS, h))),
                Link.capabilities(pc, "Xen_VirtualSystemManagementServiceCapabilities", s -> perHost(s,
                        h -> ManagementServices.path(ManagementServices.VSMS, h.uuid()),
                        h -> hostCaps(ServiceCapabilities.VSMS_CAPS, h))),
                Link.capabilities(pc, "Xen_VirtualSystemMigrationServiceCapabilities", s -> perHost(s,
                        h -> ManagementServices.path(ManagementServices.MIGRATION, h.uuid()),
                        h -> hostCaps(ServiceCapabilities.MIGRATION_CAPS, h))),
                Link.capabilities(pc, "Xen_ComputerSystemElementCapabilities", s -> Paths.systems(s).stream()
                        .map(v -> new Link.Pair(Paths.vm(v.uuid()),
                                Paths.byInstanceId(VirtualSystemCapabilities.VM_CAPS, v.uuid()))).toList()),
                Link.capabilities(pc, "Xen_HostMemoryAllocationCapabilities", s -> perHost(s,
                        h -> Paths.memoryPool(h.uuid()), h -> AllocationCapabilities.memoryCaps(h.uuid()))),
                Link.capabilities(pc, "Xen_MemoryPoolAllocationCapabilities", s -> perHost(s,
                        h -> Paths.memoryPool(h.uuid()), h -> AllocationCapabilities.memoryCaps(h.uuid()))),
                Link.capabilities(pc, "Xen_HostProcessorAllocationCapabilities", s -> perHost(s,
                        h -> Paths.host(h.uuid()), h -> AllocationCapabilities.processorCaps(h.uuid()))),
                Link.capabilities(pc, "Xen_ProcessorPoolAllocationCapabilities", s -> perHost(s,
                        h -> Paths.processorPool(h.uuid()), h -> AllocationCapabilities.processorCaps(h.uuid()))),
                Link.capabilities(pc, "Xen_NetworkConnectionPoolAllocationCapabilities", s -> s.networks().stream()
                        .map(n -> new Link.Pair(Paths.networkPool(n, s), AllocationCapabilities.networkCaps(n.uuid()))).toList()),
                Link.capabilities(pc, "Xen_VirtualSwitchPortAllocationCapabilities", s -> s.networks().stream()
                        .map(n -> new Link.Pair(Paths.virtualSwitch(n.uuid()), AllocationCapabilities.networkCaps(n.uuid()))).toList()));
    }

    private static List<Link.Pair> perHost(PoolSnapshot s, Function<HostRecord, CimObjectPath> element,
                                           Function<HostRecord, CimObjectPath> caps) {
        return s.hosts().stream().map(h -> new Link.Pair(element.apply(h), caps.apply(h))).toList();
    }

    private static CimObjectPath hostCaps(String cls, HostRecord h) {
        return Paths.byInstanceId(cls, h.uuid());
    }
}
