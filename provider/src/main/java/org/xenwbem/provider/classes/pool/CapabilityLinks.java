package org.xenwbem.provider.classes.pool;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.xenwbem.bridge.HostRecord;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.cim.CimObjectPath;
import org.xenwbem.provider.classes.common.CapabilityRanges;
import org.xenwbem.provider.classes.common.Ids;
import org.xenwbem.provider.classes.common.ProviderContext;
import org.xenwbem.provider.cimom.InstanceProvider;
import org.xenwbem.provider.classes.common.Link;
import org.xenwbem.provider.classes.common.Paths;

/**
 * Element capabilities (ManagedElement → Capabilities) and the capability ranges that define
 * allocation capabilities (GroupComponent → PartComponent, with DSP1043 ValueRole / ValueRange);
 * the storage ones are the storage family's ({@code classes.storage.StorageCapabilities}).
 */
public final class CapabilityLinks {
    private CapabilityLinks() {
    }

    public static List<InstanceProvider> all(ProviderContext pc) {
        List<InstanceProvider> out = new ArrayList<>(List.of(
                Link.capabilities(pc, "Xen_HasVirtualizationCapabilities", s -> s.hosts().stream()
                        .flatMap(h -> CapabilityProviders.VIRTUALIZATION.stream().map(v -> new Link.Pair(
                                Paths.host(h.uuid()), Paths.byInstanceId(CapabilityProviders.VIRT_CAPS, v.instanceId()))))
                        .toList()),
                Link.capabilities(pc, "Xen_HostVSMSElementCapabilities", s -> perHost(s,
                        h -> Paths.host(h.uuid()), h -> hostCaps(CapabilityProviders.VSMS_CAPS, h))),
                Link.capabilities(pc, "Xen_VirtualSystemManagementServiceCapabilities", s -> perHost(s,
                        h -> HostLinks.servicePath(ServiceProviders.VSMS, h.uuid()),
                        h -> hostCaps(CapabilityProviders.VSMS_CAPS, h))),
                Link.capabilities(pc, "Xen_VirtualSystemMigrationServiceCapabilities", s -> perHost(s,
                        h -> HostLinks.servicePath(ServiceProviders.MIGRATION, h.uuid()),
                        h -> hostCaps(CapabilityProviders.MIGRATION_CAPS, h))),
                Link.capabilities(pc, "Xen_ComputerSystemElementCapabilities", s -> Paths.systems(s).stream()
                        .map(v -> new Link.Pair(Paths.vm(v.uuid()),
                                Paths.byInstanceId(CapabilityProviders.VM_CAPS, v.uuid()))).toList()),
                Link.capabilities(pc, "Xen_HostMemoryAllocationCapabilities", s -> perHost(s,
                        h -> Paths.memoryPool(h.uuid()), h -> memoryCaps(h.uuid()))),
                Link.capabilities(pc, "Xen_MemoryPoolAllocationCapabilities", s -> perHost(s,
                        h -> Paths.memoryPool(h.uuid()), h -> memoryCaps(h.uuid()))),
                Link.capabilities(pc, "Xen_HostProcessorAllocationCapabilities", s -> perHost(s,
                        h -> Paths.host(h.uuid()), h -> processorCaps(h.uuid()))),
                Link.capabilities(pc, "Xen_ProcessorPoolAllocationCapabilities", s -> perHost(s,
                        h -> Paths.processorPool(h.uuid()), h -> processorCaps(h.uuid()))),
                Link.capabilities(pc, "Xen_NetworkConnectionPoolAllocationCapabilities", s -> s.networks().stream()
                        .map(n -> new Link.Pair(Paths.networkPool(n, s), networkCaps(n.uuid()))).toList()),
                Link.capabilities(pc, "Xen_VirtualSwitchPortAllocationCapabilities", s -> s.networks().stream()
                        .map(n -> new Link.Pair(Paths.virtualSwitch(n.uuid()), networkCaps(n.uuid()))).toList())));
        out.addAll(ranges(pc));
        return out;
    }

    private static List<Link.Pair> perHost(PoolSnapshot s, Function<HostRecord, CimObjectPath> element,
                                           Function<HostRecord, CimObjectPath> caps) {
        return s.hosts().stream().map(h -> new Link.Pair(element.apply(h), caps.apply(h))).toList();
    }

    private static CimObjectPath hostCaps(String cls, HostRecord h) {
        return Paths.byInstanceId(cls, h.uuid());
    }

    static CimObjectPath memoryCaps(String hostUuid) {
        return Paths.byInstanceId("Xen_MemoryAllocationCapabilities", Ids.device(hostUuid, "MemoryAllocationCapabilities"));
    }

    static CimObjectPath processorCaps(String hostUuid) {
        return Paths.byInstanceId("Xen_ProcessorAllocationCapabilities",
                Ids.device(hostUuid, "ProcessorAllocationCapabilities"));
    }

    static CimObjectPath networkCaps(String networkUuid) {
        return Paths.byInstanceId("Xen_NetworkConnectionAllocationCapabilities",
                Ids.device(networkUuid, "NetworkConnectionAllocationCapabilities"));
    }

    private static List<InstanceProvider> ranges(ProviderContext pc) {
        return List.of(
                CapabilityRanges.link(pc, "Xen_MemorySettingsDefineCapabilities", "Xen_MemoryCapabilitiesSettingData",
                        AllocationProviders::memoryRanges, CapabilityLinks::memoryCaps),
                CapabilityRanges.link(pc, "Xen_ProcessorSettingsDefineCapabilities", "Xen_ProcessorCapabilitiesSettingData",
                        AllocationProviders::processorRanges, CapabilityLinks::processorCaps),
                CapabilityRanges.link(pc, "Xen_NetworkConnectionSettingsDefineCapabilities", "Xen_NetworkConnectionCapabilitiesSettingData",
                        AllocationProviders::networkRanges, CapabilityLinks::networkCaps));
    }
}
