package org.xenwbem.provider.classes.storage;

import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.bridge.SrRecord;
import org.xenwbem.cim.CimObjectPath;
import org.xenwbem.provider.classes.common.Ids;
import org.xenwbem.provider.classes.common.Paths;

/**
 * The anchor's ID and path formats of the storage family, built here and nowhere else:
 * {@code Xen_StoragePool.InstanceID = "Xen:<host uuid or Shared>/<sr>"} and
 * {@code Xen_DiskImage.DeviceID = "Xen:<sr>/<vdi>"} scoped by {@code Xen_StoragePool/<sr>}.
 */
public final class StorageIds {
    /** Anchor {@code Xen_StoragePool.c}: an SR with other than one PBD has this in place of a host uuid. */
    public static final String SHARED = "Shared";

    private StorageIds() {
    }

    /** The host an SR belongs to: the host of its only PBD, else "Shared" (anchor get_storage_pool_host). */
    public static String srOwner(SrRecord sr, PoolSnapshot s) {
        if (sr.pbdUuids().size() != 1) {
            return SHARED;
        }
        String pbd = sr.pbdUuids().get(0);
        return s.pbds().stream().filter(p -> p.uuid().equals(pbd)).map(p -> p.hostUuid())
                .filter(h -> !h.isEmpty()).findFirst().orElse(SHARED);
    }

    /** {@code Xen:<host uuid or "Shared">/<sr>} (anchor {@code create_storage_pool_ref}). */
    public static String storagePoolId(SrRecord sr, PoolSnapshot s) {
        return Ids.device(srOwner(sr, s), sr.uuid());
    }

    public static CimObjectPath storagePool(SrRecord sr, PoolSnapshot s) {
        return Paths.byInstanceId("Xen_StoragePool", storagePoolId(sr, s));
    }

    /** {@code Xen:<sr>/<vdi>}: the DeviceID of a Xen_DiskImage (anchor {@code disk_image_create_ref}). */
    public static String diskImageId(String srUuid, String vdiUuid) {
        return Ids.device(srUuid, vdiUuid);
    }

    /** {@code Xen:<sr>/<vdi>}, scoped by the storage pool (anchor {@code disk_image_create_ref}). */
    public static CimObjectPath diskImage(String srUuid, String vdiUuid) {
        return Paths.device("Xen_DiskImage", "Xen_StoragePool", srUuid, diskImageId(srUuid, vdiUuid));
    }
}
