package org.xenwbem.provider.classes.vm;

import java.util.Optional;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.bridge.VbdRecord;
import org.xenwbem.bridge.VdiRecord;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.provider.classes.vm.VmSources.Owned;
import org.xenwbem.provider.classes.common.ProviderContext;

/**
 * The VBDs of every {@code Xen_ComputerSystem} as devices (xs-cim {@code Xen_Disk.c}): disks as
 * {@code Xen_Disk} (CIM_LogicalDisk, sized by the VDI), CD and floppy drives as {@code Xen_DiskDrive};
 * DeviceID {@code Xen:<vm uuid>/<vbd uuid>}, Name the guest's device name once known. One provider per
 * class.
 */
public final class VmDiskProvider extends VbdProvider {
    static final String DISK = "Xen_Disk";
    static final String DRIVE = "Xen_DiskDrive";
    static final long FIXED_BLOCK = 2;
    static final long OS_DEVICE_NAME = 12;
    static final long OS_DEVICE_NAMESPACE = 8;

    private final boolean drives;

    private VmDiskProvider(ProviderContext ctx, boolean drives) {
        super(ctx, drives ? DRIVE : DISK, vbd -> VmSources.isDrive(vbd) == drives);
        this.drives = drives;
    }

    static VmDiskProvider disks(ProviderContext ctx) {
        return new VmDiskProvider(ctx, false);
    }

    static VmDiskProvider drives(ProviderContext ctx) {
        return new VmDiskProvider(ctx, true);
    }

    static String deviceId(Owned<VbdRecord> v) {
        return key(v);
    }

    @Override
    protected CimInstance build(Owned<VbdRecord> v, PoolSnapshot s) {
        VbdRecord vbd = v.device();
        Optional<VdiRecord> vdi = vdiOf(vbd, s);
        CimInstance.Builder b = VmDevices.keyed(instance(), className(), v.vm().uuid(), deviceId(v))
                .set("Caption", drives ? "Xen Virtual CD/DVD" : "Xen Virtual Disk")
                .set("ElementName", vdi.map(VdiRecord::nameLabel).orElse("No host VDI information available"))
                .set("Description", vdi.map(VdiRecord::nameDescription).orElse("No host VDI information available"));
        if (!vbd.device().isEmpty()) {
            b.set("Name", vbd.device());
        }
        VmDevices.attachment(b, vbd.currentlyAttached());
        if (!drives) {
            extent(b, vbd, vdi);
        }
        return VmDevices.healthy(b).build();
    }

    /** The CIM_LogicalDisk (storage extent) view of a disk: one-byte blocks of the VDI. */
    private static void extent(CimInstance.Builder b, VbdRecord vbd, Optional<VdiRecord> vdi) {
        long size = Math.max(0, vdi.map(VdiRecord::virtualSize).orElse(0L));
        long free = vdi.map(d -> Math.max(0, d.virtualSize() - d.physicalUtilisation())).orElse(0L);
        b.set("Access", DiskSettingDataProvider.access(vbd))
                .set("BlockSize", 1L)
                .set("NumberOfBlocks", size)
                .set("ConsumableBlocks", free)
                .set("DataOrganization", FIXED_BLOCK)
                .set("Purpose", "Virtual Disk for a Xen Domain")
                .set("Primordial", true)
                .set("NameFormat", OS_DEVICE_NAME)
                .set("NameNamespace", OS_DEVICE_NAMESPACE);
    }
}
