package org.xenwbem.provider.classes.storage;

import java.util.ArrayList;
import java.util.List;
import org.xenwbem.bridge.PbdRecord;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.bridge.SrRecord;
import org.xenwbem.bridge.VbdRecord;
import org.xenwbem.bridge.VmRecord;
import org.xenwbem.cim.CimObjectPath;
import org.xenwbem.provider.cimom.InstanceProvider;
import org.xenwbem.provider.classes.common.Link;
import org.xenwbem.provider.classes.common.Paths;
import org.xenwbem.provider.classes.common.ProviderContext;

/**
 * The storage family's associations (DSP1047 Storage Resource Virtualization; anchor §4.7): the
 * disk images of a storage pool ({@code Xen_StoragePoolComponent}), the pool a VM's disks, drives
 * and disk settings are allocated from ({@code Xen_Disk…AllocatedFromPool},
 * {@code Xen_DiskSettingAllocationFromPool}) and the image that hosts each of them
 * ({@code Xen_HostedDisk}, {@code Xen_HostedDiskDrive}), and the hosts of each pool ({@code Xen_HostedStoragePool}).
 */
public final class StorageAssociations {
    private StorageAssociations() {
    }

    /** The VBDs of system VMs that have a VDI, as (VBD, VDI's SR). */
    record AttachedVbd(VbdRecord vbd, String srUuid) {
    }

    static List<AttachedVbd> attached(PoolSnapshot s) {
        List<AttachedVbd> out = new ArrayList<>();
        for (VmRecord vm : Paths.systems(s)) {
            for (VbdRecord vbd : s.vbdsOf(vm.uuid())) {
                if (!vbd.empty() && !vbd.vdiUuid().isEmpty()) {
                    s.vdi(vbd.vdiUuid()).ifPresent(v -> out.add(new AttachedVbd(vbd, v.srUuid())));
                }
            }
        }
        return out;
    }

    /** Paths of the VM devices of class {@code Xen_Disk} or {@code Xen_DiskDrive}, every VBD of a system VM. */
    public static List<CimObjectPath> vmDisks(PoolSnapshot s, String cls) {
        List<CimObjectPath> out = new ArrayList<>();
        for (VmRecord vm : Paths.systems(s)) {
            s.vbdsOf(vm.uuid()).stream().map(Paths::vmDisk).filter(p -> p.className().equals(cls)).forEach(out::add);
        }
        return out;
    }

    private static List<Link.Pair> vbdsToPool(PoolSnapshot s, String cls) {
        List<Link.Pair> out = new ArrayList<>();
        for (AttachedVbd a : attached(s)) {
            CimObjectPath disk = Paths.vmDisk(a.vbd());
            if (disk.className().equals(cls)) {
                s.sr(a.srUuid()).ifPresent(sr -> out.add(new Link.Pair(StorageIds.storagePool(sr, s), disk)));
            }
        }
        return out;
    }

    private static List<Link.Pair> vbdsToImage(PoolSnapshot s, String cls) {
        return attached(s).stream().filter(a -> Paths.vmDisk(a.vbd()).className().equals(cls))
                .map(a -> new Link.Pair(StorageIds.diskImage(a.srUuid(), a.vbd().vdiUuid()), Paths.vmDisk(a.vbd()))).toList();
    }

    public static List<InstanceProvider> all(ProviderContext pc) {
        return List.of(
                Link.dependency(pc, "Xen_DiskAllocatedFromPool", s -> vbdsToPool(s, "Xen_Disk")),
                Link.dependency(pc, "Xen_DiskDriveAllocatedFromPool", s -> vbdsToPool(s, "Xen_DiskDrive")),
                Link.dependency(pc, "Xen_DiskSettingAllocationFromPool", s -> attached(s).stream()
                        .flatMap(a -> s.sr(a.srUuid()).stream().map(sr -> new Link.Pair(StorageIds.storagePool(sr, s),
                                Paths.rasd("Xen_DiskSettingData", a.vbd().vmUuid(), a.vbd().uuid())))).toList()),
                Link.dependency(pc, "Xen_HostedDisk", s -> vbdsToImage(s, "Xen_Disk")),
                Link.dependency(pc, "Xen_HostedDiskDrive", s -> vbdsToImage(s, "Xen_DiskDrive")),
                Link.component(pc, "Xen_HostedStoragePool", StorageAssociations::hostsOfPools),
                Link.component(pc, "Xen_StoragePoolComponent", s -> s.srs().stream().flatMap(sr -> s.vdisOf(sr.uuid())
                        .stream().map(v -> new Link.Pair(StorageIds.storagePool(sr, s), StorageIds.diskImage(sr.uuid(), v.uuid()))))
                        .toList()));
    }

    /** Each host with a PBD of the SR (plugged or not) hosts its storage pool. */
    private static List<Link.Pair> hostsOfPools(PoolSnapshot s) {
        List<Link.Pair> out = new ArrayList<>();
        for (SrRecord sr : s.srs()) {
            CimObjectPath pool = StorageIds.storagePool(sr, s);
            s.pbds().stream().filter(p -> p.srUuid().equals(sr.uuid())).map(PbdRecord::hostUuid)
                    .filter(h -> !h.isEmpty()).distinct().forEach(h -> out.add(new Link.Pair(Paths.host(h), pool)));
        }
        return out;
    }
}
