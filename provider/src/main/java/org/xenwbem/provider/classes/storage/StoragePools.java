package org.xenwbem.provider.classes.storage;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.xenwbem.bridge.HostRecord;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.bridge.SrRecord;
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
    private StoragePools() {
    }

    public static InstanceProvider provider(ProviderContext pc) {
        return Mapped.of(pc, "Xen_StoragePool", PoolSnapshot::srs, StoragePools::storagePool)
                .withLookup((k, s) -> byDevicePart(k, "InstanceID").flatMap(s::sr));
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
                .set("OtherConfig", Values.keyValues(sr.otherConfig()))
                .set("SMConfig", Values.keyValues(sr.smConfig()))
                .set("HealthState", CimStates.HEALTH_OK)
                .set("OperationalStatus", List.of(CimStates.OP_OK))
                .set("Status", "OK");
        return true;
    }
}
