package org.xenwbem.provider.classes.storage;

import java.util.ArrayList;
import java.util.List;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.bridge.SrRecord;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.cim.CimObjectPath;
import org.xenwbem.provider.cimom.InstanceProvider;
import org.xenwbem.provider.classes.common.CapabilityRanges;
import org.xenwbem.provider.classes.common.CapabilityRanges.Range;
import org.xenwbem.provider.classes.common.Ids;
import org.xenwbem.provider.classes.common.Link;
import org.xenwbem.provider.classes.common.Mapped;
import org.xenwbem.provider.classes.common.Paths;
import org.xenwbem.provider.classes.common.ProviderContext;
import org.xenwbem.provider.classes.common.ResourceTypes;

/**
 * The storage allocation capabilities of each SR (DSP1043; anchor {@code Xen_StorageCapabilitiesSettingData.c}
 * shape): {@code Xen_StorageAllocationCapabilities}, the range rows that define them
 * ({@code Xen_StorageCapabilitiesSettingData}, {@code Xen_StorageSettingsDefineCapabilities}) and the
 * pool / host elements they describe.
 */
public final class StorageCapabilities {
    static final String CAPS = "Xen_StorageAllocationCapabilities";
    static final String RANGES = "Xen_StorageCapabilitiesSettingData";

    private StorageCapabilities() {
    }

    public static List<InstanceProvider> instances(ProviderContext pc) {
        return List.of(Mapped.of(pc, CAPS, PoolSnapshot::srs, StorageCapabilities::storageCaps),
                Mapped.of(pc, RANGES, StorageCapabilities::storageRanges,
                        (r, s, b) -> CapabilityRanges.fillRange(r, b, ResourceTypes.RT_STORAGE_EXTENT, "Bytes")));
    }

    public static List<InstanceProvider> links(ProviderContext pc) {
        return List.of(
                Link.capabilities(pc, "Xen_HostStorageAllocationCapabilities", StorageCapabilities::hostStorage),
                Link.capabilities(pc, "Xen_StoragePoolAllocationCapabilities", s -> s.srs().stream()
                        .map(sr -> new Link.Pair(StorageIds.storagePool(sr, s), storageCaps(sr.uuid()))).toList()),
                CapabilityRanges.link(pc, "Xen_StorageSettingsDefineCapabilities", RANGES,
                        StorageCapabilities::storageRanges, StorageCapabilities::storageCaps));
    }

    /** Anchor allocation_capabilities_set_properties: {@code Xen:<sr>/StorageAllocationCapabilities}. */
    private static boolean storageCaps(SrRecord sr, PoolSnapshot s, CimInstance.Builder b) {
        CapabilityRanges.fillCaps(b, sr.uuid(), "StorageAllocationCapabilities", sr.nameLabel(),
                StoragePools.isIso(sr) ? ResourceTypes.RT_DVD : ResourceTypes.RT_STORAGE_EXTENT,
                CapabilityRanges.SHARING_DEDICATED);
        b.set("Caption", "Xen Storage Allocation Capabilities").set("Description", "Xen Storage Allocation Capabilities")
                .set("ResourceSubType", sr.type()).set("OtherResourceType", sr.contentType());
        return true;
    }

    static CimObjectPath storageCaps(String srUuid) {
        return Paths.byInstanceId(CAPS, Ids.device(srUuid, "StorageAllocationCapabilities"));
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

    /** A host's storage allocation capabilities: those of every SR it has a PBD for. */
    private static List<Link.Pair> hostStorage(PoolSnapshot s) {
        return s.pbds().stream().filter(p -> !p.hostUuid().isEmpty() && s.sr(p.srUuid()).isPresent())
                .map(p -> new Link.Pair(Paths.host(p.hostUuid()), storageCaps(p.srUuid()))).distinct().toList();
    }
}
