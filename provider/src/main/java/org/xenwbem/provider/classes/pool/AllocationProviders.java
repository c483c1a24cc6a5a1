package org.xenwbem.provider.classes.pool;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.xenwbem.bridge.HostRecord;
import org.xenwbem.bridge.NetworkRecord;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.bridge.SrRecord;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.provider.classes.common.Ids;
import org.xenwbem.provider.classes.common.ProviderContext;
import org.xenwbem.provider.cimom.InstanceProvider;
import org.xenwbem.provider.classes.common.Mapped;
import org.xenwbem.provider.classes.common.ResourceTypes;
import org.xenwbem.provider.classes.storage.StoragePools;

/**
 * Allocation capabilities of the resource pools and the ranges that define them (DSP1043):
 * memory and processors per host, storage per SR, network connections per network. The memory
 * range is the anchor's ({@code Xen_MemoryCapabilitiesSettingData.c}); the others follow its shape.
 */
public final class AllocationProviders {
    static final long MIB = 1L << 20;
    static final long SHARING_DEDICATED = 2;
    static final long SHARING_SHARED = 3;

    /** One row of a capability range: which (Minimum, Maximum, Increment, Default) and its quantity. */
    record Range(String ownerUuid, String kind, String which, String poolId, long quantity) {
        String instanceId() {
            return Ids.device(ownerUuid, kind + which);
        }
    }

    private AllocationProviders() {
    }

    public static List<InstanceProvider> all(ProviderContext pc) {
        List<InstanceProvider> out = new ArrayList<>();
        out.add(caps(pc, "Xen_MemoryAllocationCapabilities", PoolSnapshot::hosts, (HostRecord h, PoolSnapshot s,
                CimInstance.Builder b) -> fillCaps(b, h.uuid(), "MemoryAllocationCapabilities", h.nameLabel(),
                ResourceTypes.RT_MEMORY, SHARING_DEDICATED)));
        out.add(caps(pc, "Xen_ProcessorAllocationCapabilities", PoolSnapshot::hosts, (HostRecord h, PoolSnapshot s,
                CimInstance.Builder b) -> fillCaps(b, h.uuid(), "ProcessorAllocationCapabilities", h.nameLabel(),
                ResourceTypes.RT_PROCESSOR, SHARING_SHARED)));
        out.add(caps(pc, "Xen_StorageAllocationCapabilities", PoolSnapshot::srs, AllocationProviders::storageCaps));
        out.add(caps(pc, "Xen_NetworkConnectionAllocationCapabilities", PoolSnapshot::networks,
                (NetworkRecord n, PoolSnapshot s, CimInstance.Builder b) -> fillCaps(b, n.uuid(),
                        "NetworkConnectionAllocationCapabilities", n.nameLabel(),
                        ResourceTypes.RT_ETHERNET_CONNECTION, SHARING_DEDICATED)));
        out.add(Mapped.of(pc, "Xen_MemoryCapabilitiesSettingData", AllocationProviders::memoryRanges,
                (r, s, b) -> fillRange(r, b, ResourceTypes.RT_MEMORY, "Bytes")));
        out.add(Mapped.of(pc, "Xen_ProcessorCapabilitiesSettingData", AllocationProviders::processorRanges,
                (r, s, b) -> fillRange(r, b, ResourceTypes.RT_PROCESSOR, "count")));
        out.add(Mapped.of(pc, "Xen_StorageCapabilitiesSettingData", AllocationProviders::storageRanges,
                (r, s, b) -> fillRange(r, b, ResourceTypes.RT_STORAGE_EXTENT, "Bytes")));
        out.add(Mapped.of(pc, "Xen_NetworkConnectionCapabilitiesSettingData", AllocationProviders::networkRanges,
                (r, s, b) -> fillRange(r, b, ResourceTypes.RT_ETHERNET_CONNECTION, "count")));
        return out;
    }

    private static <T> Mapped<T> caps(ProviderContext pc, String cls, Function<PoolSnapshot, Iterable<T>> sources, Mapped.Filler<T> filler) {
        return Mapped.of(pc, cls, sources, filler);
    }

    private static boolean fillCaps(CimInstance.Builder b, String owner, String suffix, String name, long type,
                                    long sharing) {
        b.set("InstanceID", Ids.device(owner, suffix)).set("ElementName", name)
                .set("Caption", "Xen " + suffix).set("Description", "Xen " + suffix)
                .set("ResourceType", type).set("SharingMode", sharing);
        return true;
    }

    /** Anchor allocation_capabilities_set_properties: {@code Xen:<sr>/StorageAllocationCapabilities}. */
    private static boolean storageCaps(SrRecord sr, PoolSnapshot s, CimInstance.Builder b) {
        fillCaps(b, sr.uuid(), "StorageAllocationCapabilities", sr.nameLabel(),
                StoragePools.isIso(sr) ? ResourceTypes.RT_DVD : ResourceTypes.RT_STORAGE_EXTENT,
                SHARING_DEDICATED);
        b.set("Caption", "Xen Storage Allocation Capabilities").set("Description", "Xen Storage Allocation Capabilities")
                .set("ResourceSubType", sr.type()).set("OtherResourceType", sr.contentType());
        return true;
    }

    /** Anchor: 64 MiB minimum and increment, 256 MiB default, the host's free memory as maximum. */
    static List<Range> memoryRanges(PoolSnapshot s) {
        List<Range> out = new ArrayList<>();
        for (HostRecord h : s.hosts()) {
            String pool = Ids.device(h.uuid(), "MemoryPool");
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
            String pool = Ids.device(h.uuid(), "ProcessorPool");
            out.add(new Range(h.uuid(), "Processor", "Minimum", pool, 1));
            out.add(new Range(h.uuid(), "Processor", "Maximum", pool, s.hostCpusOf(h.uuid()).size()));
            out.add(new Range(h.uuid(), "Processor", "Increment", pool, 1));
            out.add(new Range(h.uuid(), "Processor", "Default", pool, 1));
        }
        return out;
    }

    /** One byte minimum and increment; the SR's physical size as maximum (no default is claimed). */
    static List<Range> storageRanges(PoolSnapshot s) {
        List<Range> out = new ArrayList<>();
        for (SrRecord sr : s.srs()) {
            out.add(new Range(sr.uuid(), "Storage", "Minimum", sr.uuid(), 1));
            out.add(new Range(sr.uuid(), "Storage", "Maximum", sr.uuid(), sr.physicalSize()));
            out.add(new Range(sr.uuid(), "Storage", "Increment", sr.uuid(), 1));
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

    private static boolean fillRange(Range r, CimInstance.Builder b, long type, String units) {
        b.set("InstanceID", r.instanceId()).set("ElementName", r.kind() + " " + r.which())
                .set("PoolID", r.poolId()).set("ResourceType", type).set("AllocationUnits", units)
                .set("ConsumerVisibility", 2L)
                .set("VirtualQuantity", r.quantity()).set("Reservation", r.quantity()).set("Limit", r.quantity());
        return true;
    }

    /** DSP1043 ValueRole / ValueRange of the association to a range row. */
    static Map<String, Object> roleOf(String which) {
        return switch (which) {
            case "Minimum" -> Map.of("ValueRole", 3L, "ValueRange", 1L);
            case "Maximum" -> Map.of("ValueRole", 3L, "ValueRange", 2L);
            case "Increment" -> Map.of("ValueRole", 3L, "ValueRange", 3L);
            default -> Map.of("ValueRole", 0L, "ValueRange", 0L);
        };
    }
}
