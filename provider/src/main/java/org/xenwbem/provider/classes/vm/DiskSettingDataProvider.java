package org.xenwbem.provider.classes.vm;

import java.util.List;
import java.util.Optional;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.bridge.VbdRecord;
import org.xenwbem.bridge.VdiRecord;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.provider.classes.vm.VmSources.Owned;
import org.xenwbem.provider.classes.common.ProviderContext;

/**
 * {@code Xen_DiskSettingData}: one per VBD of every VM, template and snapshot, InstanceID
 * {@code Xen:<vm uuid>/<vbd uuid>} (xs-cim {@code disk_rasd_from_vbd}). ResourceType 19 (Storage
 * Extent) for disks, 16 (DVD drive) for CDs, 14 for floppies; HostResource the WBEM URI of the
 * {@code Xen_DiskImage}, PoolID the SR, sizes in bytes (a CD counts 1).
 */
public final class DiskSettingDataProvider extends VbdProvider {
    static final String CLASS = "Xen_DiskSettingData";
    static final long STORAGE_EXTENT = 19;
    static final long DVD_DRIVE = 16;
    static final long FLOPPY_DRIVE = 14;
    static final long ACCESS_READABLE = 1;
    static final long ACCESS_READ_WRITE = 3;
    static final long DEDICATED = 3;
    static final long HARD_AFFINITY = 5;
    static final long OTHER = 1;
    static final long VIRTUALIZED = 3;

    DiskSettingDataProvider(ProviderContext ctx) {
        super(ctx, CLASS);
    }

    static String instanceId(Owned<VbdRecord> v) {
        return key(v);
    }

    static long resourceType(VbdRecord vbd) {
        return switch (vbd.type()) {
            case CD -> DVD_DRIVE;
            case Floppy -> FLOPPY_DRIVE;
            case Disk -> STORAGE_EXTENT;
        };
    }

    /** RW → 3 (Read/Write Supported), RO → 1 (Readable). */
    static long access(VbdRecord vbd) {
        return vbd.mode() == VbdRecord.Mode.RW ? ACCESS_READ_WRITE : ACCESS_READABLE;
    }

    @Override
    protected CimInstance build(Owned<VbdRecord> v, PoolSnapshot s) {
        VbdRecord vbd = v.device();
        boolean drive = vbd.type() == VbdRecord.Type.CD;
        String units = drive ? "count" : "byte";
        Optional<VdiRecord> vdi = vdiOf(vbd, s);
        long size = vdi.map(VdiRecord::virtualSize).orElse(1L);
        CimInstance.Builder b = instance()
                .set("InstanceID", instanceId(v))
                .set("Caption", "Extended Settings for a Xen Virtual Disk")
                .set("ResourceType", resourceType(vbd))
                .set("ResourceSubType", "DMTF:xen:vbd")
                .set("Access", access(vbd))
                .set("AddressOnParent", vbd.userdevice())
                .set("AllocationUnits", units)
                .set("VirtualQuantityUnits", units)
                .set("AutomaticAllocation", false)
                .set("AutomaticDeallocation", false)
                .set("ConsumerVisibility", VIRTUALIZED)
                .set("VirtualQuantity", drive ? 1L : size)
                .set("Reservation", size)
                .set("Limit", size)
                .set("VirtualResourceBlockSize", 1L)
                .set("HostResourceBlockSize", 1L)
                .set("MappingBehavior", vdi.map(d -> d.sharable() ? HARD_AFFINITY : DEDICATED).orElse(DEDICATED))
                .set("Bootable", vbd.bootable());
        vdi.ifPresent(d -> image(b, d));
        return b.build();
    }

    /** The properties naming the VDI behind the VBD (absent for an empty drive). */
    private static void image(CimInstance.Builder b, VdiRecord d) {
        b.set("ElementName", d.nameLabel())
                .set("Description", d.nameDescription())
                .set("HostResource", List.of(VmRefs.wbemUri(VmRefs.diskImage(d.srUuid(), d.uuid()))))
                .set("HostExtentName", d.uuid())
                .set("HostExtentNameFormat", OTHER)
                .set("OtherHostExtentNameFormat", "Xen VDI UUID")
                .set("HostExtentNameNamespace", OTHER)
                .set("OtherHostExtentNameNamespace", "Xen UUID")
                .set("PoolID", d.srUuid());
    }
}
