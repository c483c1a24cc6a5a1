package org.xenwbem.provider.classes.storage;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.xenwbem.bridge.HostRecord;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.bridge.SrRecord;
import org.xenwbem.bridge.storage.Capabilities;
import org.xenwbem.bridge.storage.OffloadedDisks;
import org.xenwbem.bridge.storage.SrDisk;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.provider.cimom.InstanceProvider;
import org.xenwbem.provider.classes.common.CimStates;
import org.xenwbem.provider.classes.common.Ids;
import org.xenwbem.provider.classes.common.Mapped;
import org.xenwbem.provider.classes.common.ProviderContext;
import org.xenwbem.provider.classes.common.ResourceTypes;
import org.xenwbem.provider.classes.common.Values;

/**
 * {@code Xen_StoragePool}: one per SR (anchor {@code Xen_StoragePool.c}), keyed
 * {@code Xen:<host or "Shared">/<sr>} ({@link StorageIds}).
 */
public final class StoragePools {
    /** SR types whose disks are fully allocated when made (unless their sm-config says otherwise). */
    static final Set<String> THICK = Set.of("lvm", "lvmoiscsi", "lvmohba");

    private StoragePools() {
    }

    public static InstanceProvider provider(ProviderContext pc) {
        ArraySpace space = new ArraySpace(pc.offload());
        return Mapped.of(pc, "Xen_StoragePool", PoolSnapshot::srs, (sr, s, b) -> storagePool(sr, s, b)
                        && offload(pc.offload(), space, sr, s, b))
                .withLookup((k, s) -> byDevicePart(k, "InstanceID").flatMap(s::sr));
    }

    /** LVM-based SRs allocate every byte of a disk when it is made, unless their sm-config says otherwise. */
    public static boolean isThick(SrRecord sr) {
        String alloc = sr.smConfig().getOrDefault("allocation", "");
        return THICK.contains(sr.type()) && !"dynamic".equals(alloc) && !"thin".equals(alloc);
    }

    /** What the offload layer does for this SR, and the savings its array reports. */
    private static boolean offload(OffloadedDisks offload, ArraySpace space, SrRecord sr, PoolSnapshot s,
                                   CimInstance.Builder b) {
        SrDisk.Sr target = OffloadRefs.sr(s, sr);
        Optional<String> adapter = offload.adapterOf(target);
        if (adapter.isEmpty()) {
            b.set("OffloadAdapter", "").set("OffloadedOperations", List.of());
            return true;
        }
        Capabilities c = offload.capabilitiesOf(target);
        b.set("OffloadAdapter", adapter.get())
                .set("OffloadedOperations", c.offloaded().stream().map(Enum::name).sorted().toList())
                .set("OffloadDetail", c.detail());
        if (c.thin()) {
            b.set("Provisioning", "thin");
        }
        OptionalLong saved = space.savings(target);
        if (saved.isPresent()) {
            b.set("ArraySpaceSavings", saved.getAsLong());
        }
        return true;
    }


    static Optional<String> byDevicePart(Map<String, Object> keys, String key) {
        return Optional.ofNullable(Ids.devicePart(keys.get(key)));
    }


    public static boolean isIso(SrRecord sr) {
        return "iso".equals(sr.contentType());
    }


    /** Anchor storage_pool_set_properties (ElementName is the owning host's hostname, or "Shared"). */
    private static boolean storagePool(SrRecord sr, PoolSnapshot s, CimInstance.Builder b) {
        String owner = StorageIds.srOwner(sr, s);
        String ownerName = owner.equals(StorageIds.SHARED) ? StorageIds.SHARED
                : s.host(owner).map(HostRecord::hostname).orElse(owner);
        b.set("InstanceID", StorageIds.storagePoolId(sr, s))
                .set("PoolID", sr.uuid())
                .set("Caption", "Xen Storage Repository")
                .set("Name", sr.nameLabel())
                .set("ElementName", ownerName)
                .set("Description", sr.nameDescription())
                .set("AllocationUnits", "Bytes")
                .set("Capacity", sr.physicalSize())
                .set("Reserved", sr.physicalUtilisation())
                .set("ResourceType", isIso(sr) ? ResourceTypes.RT_DVD : ResourceTypes.RT_STORAGE_EXTENT)
                .set("ResourceSubType", sr.type())
                .set("OtherResourceType", sr.contentType())
                .set("Primordial", true)
                .set("Shared", owner.equals(StorageIds.SHARED))
                .set("PhysicalSize", sr.physicalSize())
                .set("PhysicalUtilisation", sr.physicalUtilisation())
                .set("VirtualAllocation", sr.virtualAllocation())
                .set("Provisioning", isThick(sr) ? "thick" : "thin")
                .set("OtherConfig", Values.keyValues(sr.otherConfig()))
                .set("SMConfig", Values.keyValues(sr.smConfig()))
                .set("HealthState", CimStates.HEALTH_OK)
                .set("OperationalStatus", List.of(CimStates.OP_OK))
                .set("Status", "OK");
        return true;
    }
}
