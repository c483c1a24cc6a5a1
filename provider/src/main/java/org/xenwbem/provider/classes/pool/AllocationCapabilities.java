package org.xenwbem.provider.classes.pool;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.xenwbem.bridge.HostRecord;
import org.xenwbem.bridge.NetworkRecord;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.cim.CimObjectPath;
import org.xenwbem.provider.cimom.InstanceProvider;
import org.xenwbem.provider.classes.common.CapabilityRanges;
import org.xenwbem.provider.classes.common.CapabilityRanges.Range;
import org.xenwbem.provider.classes.common.Ids;
import org.xenwbem.provider.classes.common.Mapped;
import org.xenwbem.provider.classes.common.Paths;
import org.xenwbem.provider.classes.common.ProviderContext;
import org.xenwbem.provider.classes.common.ResourceTypes;

/**
 * Allocation capabilities of the resource pools and the ranges that define them (DSP1043):
 * memory and processors per host, network connections per network (storage per SR is the storage
 * family's, {@code classes.storage.StorageCapabilities}), with the settings-define-capabilities
 * associations to their range rows. The memory range is the anchor's
 * ({@code Xen_MemoryCapabilitiesSettingData.c}); the others follow its shape.
 */
public final class AllocationCapabilities {
    static final long MIB = 1L << 20;
    /** The InstanceID suffixes ({@code Xen:<owner>/<suffix>}), also the classes' names without {@code Xen_}. */
    static final String MEMORY = "MemoryAllocationCapabilities";
    static final String PROCESSOR = "ProcessorAllocationCapabilities";
    static final String NETWORK = "NetworkConnectionAllocationCapabilities";

    private AllocationCapabilities() {
    }

    public static List<InstanceProvider> all(ProviderContext pc) {
        List<InstanceProvider> out = new ArrayList<>();
        out.add(caps(pc, "Xen_" + MEMORY, PoolSnapshot::hosts, (HostRecord h, PoolSnapshot s,
                CimInstance.Builder b) -> CapabilityRanges.fillCaps(b, h.uuid(), MEMORY, h.nameLabel(),
                ResourceTypes.RT_MEMORY, CapabilityRanges.SHARING_DEDICATED)));
        out.add(caps(pc, "Xen_" + PROCESSOR, PoolSnapshot::hosts, (HostRecord h, PoolSnapshot s,
                CimInstance.Builder b) -> CapabilityRanges.fillCaps(b, h.uuid(), PROCESSOR, h.nameLabel(),
                ResourceTypes.RT_PROCESSOR, CapabilityRanges.SHARING_SHARED)));
        out.add(caps(pc, "Xen_" + NETWORK, PoolSnapshot::networks,
                (NetworkRecord n, PoolSnapshot s, CimInstance.Builder b) -> CapabilityRanges.fillCaps(b, n.uuid(),
                        NETWORK, n.nameLabel(),
                        ResourceTypes.RT_ETHERNET_CONNECTION, CapabilityRanges.SHARING_DEDICATED)));
        out.add(Mapped.of(pc, "Xen_MemoryCapabilitiesSettingData", AllocationCapabilities::memoryRanges,
                (r, s, b) -> CapabilityRanges.fillRange(r, b, ResourceTypes.RT_MEMORY, "Bytes")));
        out.add(Mapped.of(pc, "Xen_ProcessorCapabilitiesSettingData", AllocationCapabilities::processorRanges,
                (r, s, b) -> CapabilityRanges.fillRange(r, b, ResourceTypes.RT_PROCESSOR, "count")));
        out.add(Mapped.of(pc, "Xen_NetworkConnectionCapabilitiesSettingData", AllocationCapabilities::networkRanges,
                (r, s, b) -> CapabilityRanges.fillRange(r, b, ResourceTypes.RT_ETHERNET_CONNECTION, "count")));
        return out;
    }

    private static <T> Mapped<T> caps(ProviderContext pc, String cls, Function<PoolSnapshot, Iterable<T>> sources, Mapped.Filler<T> filler) {
        return Mapped.of(pc, cls, sources, filler);
    }

    /** Anchor: 64 MiB minimum and increment, 256 MiB default, the host's free memory as maximum. */
    static List<Range> memoryRanges(PoolSnapshot s) {
        List<Range> out = new ArrayList<>();
        for (HostRecord h : s.hosts()) {
            String pool = Paths.memoryPoolId(h.uuid());
            out.add(new Range(h.uuid(), "Memory", "Minimum", pool, 64 * MIB));
            out.add(new Range(h.uuid(), "Memory", "Maximum", pool, h.memoryFree()));
            out.add(new Range(h.uuid(), "Memory", "Increment", pool, 64 * MIB));
            out.add(new Range(h.uuid(), "Memory", "Default", pool, 256 * MIB));
        }
        return out;
    }

    /** One VCPU minimum, increment and default; the host's physical CPU count as maximum. */
    static List<Range> processorRanges(PoolSnapshot s) {
        List<Range> out = new ArrayList<>();
        for (HostRecord h : s.hosts()) {
            String pool = Paths.processorPoolId(h.uuid());
            out.add(new Range(h.uuid(), "Processor", "Minimum", pool, 1));
            out.add(new Range(h.uuid(), "Processor", "Maximum", pool, s.hostCpusOf(h.uuid()).size()));
            out.add(new Range(h.uuid(), "Processor", "Increment", pool, 1));
            out.add(new Range(h.uuid(), "Processor", "Default", pool, 1));
        }
        return out;
    }

    /** One connection minimum, increment and default (a VIF); no maximum is claimed. */
    static List<Range> networkRanges(PoolSnapshot s) {
        List<Range> out = new ArrayList<>();
        for (NetworkRecord n : s.networks()) {
            out.add(new Range(n.uuid(), "NetworkConnection", "Minimum", n.uuid(), 1));
            out.add(new Range(n.uuid(), "NetworkConnection", "Increment", n.uuid(), 1));
            out.add(new Range(n.uuid(), "NetworkConnection", "Default", n.uuid(), 1));
        }
        return out;
    }

    /** {@code Xen_MemoryAllocationCapabilities.InstanceID="Xen:<host>/MemoryAllocationCapabilities"}. */
    static CimObjectPath memoryCaps(String hostUuid) {
        return capsPath(MEMORY, hostUuid);
    }

    static CimObjectPath processorCaps(String hostUuid) {
        return capsPath(PROCESSOR, hostUuid);
    }

    static CimObjectPath networkCaps(String networkUuid) {
        return capsPath(NETWORK, networkUuid);
    }

    private static CimObjectPath capsPath(String suffix, String ownerUuid) {
        return Paths.byInstanceId("Xen_" + suffix, Ids.device(ownerUuid, suffix));
    }

    /** The settings-define-capabilities associations: each capabilities instance → its range rows. */
    public static List<InstanceProvider> rangeLinks(ProviderContext pc) {
        return List.of(
                CapabilityRanges.link(pc, "Xen_MemorySettingsDefineCapabilities", "Xen_MemoryCapabilitiesSettingData",
                        AllocationCapabilities::memoryRanges, AllocationCapabilities::memoryCaps),
                CapabilityRanges.link(pc, "Xen_ProcessorSettingsDefineCapabilities", "Xen_ProcessorCapabilitiesSettingData",
                        AllocationCapabilities::processorRanges, AllocationCapabilities::processorCaps),
                CapabilityRanges.link(pc, "Xen_NetworkConnectionSettingsDefineCapabilities", "Xen_NetworkConnectionCapabilitiesSettingData",
                        AllocationCapabilities::networkRanges, AllocationCapabilities::networkCaps));
    }
}
