package org.xenwbem.provider.classes.storage;

import java.util.List;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.bridge.VdiRecord;
import org.xenwbem.bridge.storage.OffloadedDisks;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.provider.cimom.InstanceProvider;
import org.xenwbem.provider.classes.common.CimStates;
import org.xenwbem.provider.classes.common.Mapped;
import org.xenwbem.provider.classes.common.ProviderContext;
import org.xenwbem.provider.classes.common.Values;

/**
 * {@code Xen_DiskImage}: one per VDI (anchor {@code Xen_DiskImage.c}), keyed {@code Xen:<sr>/<vdi>}
 * ({@link StorageIds#diskImageId}) and scoped by its storage pool.
 */
public final class DiskImages {
    /** CIM_StorageExtent.Access. */
    static final long ACCESS_READABLE = 1;
    public static final long ACCESS_READ_WRITE = 3;

    private DiskImages() {
    }

    public static InstanceProvider provider(ProviderContext pc) {
        return Mapped.of(pc, "Xen_DiskImage", PoolSnapshot::vdis, DiskImages::diskImage)
                .withLookup((k, s) -> StoragePools.byDevicePart(k, "DeviceID").flatMap(s::vdi));
    }


    /** Anchor Xen_DiskImage.c: {@code Xen:<sr>/<vdi>}, sizes in blocks of one byte. */
    private static boolean diskImage(VdiRecord v, PoolSnapshot s, CimInstance.Builder b) {
        boolean readOnly = v.readOnly() || s.sr(v.srUuid()).map(StoragePools::isIso).orElse(false);
        b.set("SystemCreationClassName", "Xen_StoragePool").set("SystemName", v.srUuid())
                .set("CreationClassName", "Xen_DiskImage").set("DeviceID", StorageIds.diskImageId(v.srUuid(), v.uuid()));
        extent(v, b).set("Caption", "Host Storage Extent that can be used in Virtual Systems")
                .set("Access", readOnly ? ACCESS_READABLE : ACCESS_READ_WRITE)
                .set("Availability", 3L)
                .set("Primordial", true)
                .set("VirtualSize", v.virtualSize())
                .set("PhysicalUtilisation", v.physicalUtilisation())
                .set("Provisioning", s.sr(v.srUuid()).map(sr -> StoragePools.isThick(sr) ? "thick" : "thin").orElse(null))
                .set("OffloadAdapter", v.otherConfig().getOrDefault(OffloadedDisks.OFFLOAD_KEY, ""))
                .set("IsSnapshot", v.isASnapshot());
        return true;
    }

    /** The CIM_StorageExtent properties of a VDI, shared with the VM's suspend image. */

    public static CimInstance.Builder extent(VdiRecord v, CimInstance.Builder b) {
        return b.set("ElementName", v.nameLabel())
                .set("Description", v.nameDescription())
                .set("Name", v.uuid())
                .set("NameFormat", 1L)
                .set("NameNamespace", 1L)
                .set("OtherNameFormat", "Xen VDI ID")
                .set("BlockSize", 1L)
                .set("NumberOfBlocks", v.virtualSize())
                .set("ConsumableBlocks", Math.max(0, v.virtualSize() - v.physicalUtilisation()))
                .set("DataOrganization", 0L)
                .set("OtherConfig", Values.keyValues(v.otherConfig()))
                .set("EnabledState", CimStates.ENABLED)
                .set("RequestedState", CimStates.UNKNOWN)
                .set("HealthState", CimStates.HEALTH_OK)
                .set("OperationalStatus", List.of(CimStates.OP_OK))
                .set("Status", "OK");
    }
}
