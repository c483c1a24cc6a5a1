package org.xenwbem.provider.classes.vm;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.xenwbem.bridge.ConsoleRecord;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.bridge.VbdRecord;
import org.xenwbem.bridge.VifRecord;
import org.xenwbem.bridge.VmRecord;
import org.xenwbem.provider.classes.common.Ids;

/**
 * The records the VM-side providers are made from, in stable order (VMs by uuid, then their devices
 * by uuid). Devices of templates and snapshots have setting data but no device instances: devices
 * belong to a {@code Xen_ComputerSystem}.
 */
public final class VmSources {
    /** A device record with the VM that owns it. */
    record Owned<D>(VmRecord vm, D device) {
    }

    /** VCPU {@code number} of a VM. */
    record Vcpu(VmRecord vm, int number) {
    }

    public static final Predicate<VmRecord> ANY = vm -> true;
    public static final Predicate<VmRecord> SYSTEMS = ComputerSystemProvider::isSystem;

    private VmSources() {
    }

    public static List<VmRecord> vms(PoolSnapshot s, Predicate<VmRecord> which) {
        return s.vms().stream().filter(which).toList();
    }

    static List<VmRecord> ofKind(PoolSnapshot s, VmKind kind) {
        return vms(s, vm -> VmKind.of(vm) == kind);
    }

    static List<Owned<VbdRecord>> vbds(PoolSnapshot s, Predicate<VmRecord> which, Predicate<VbdRecord> type) {
        List<Owned<VbdRecord>> out = new ArrayList<>();
        for (VmRecord vm : vms(s, which)) {
            s.vbdsOf(vm.uuid()).stream().filter(type).forEach(v -> out.add(new Owned<>(vm, v)));
        }
        return out;
    }

    static List<Owned<VifRecord>> vifs(PoolSnapshot s, Predicate<VmRecord> which) {
        List<Owned<VifRecord>> out = new ArrayList<>();
        for (VmRecord vm : vms(s, which)) {
            s.vifsOf(vm.uuid()).forEach(v -> out.add(new Owned<>(vm, v)));
        }
        return out;
    }

    /** Consoles ordered by console uuid (the snapshot has no per-VM console index). */
    static List<Owned<ConsoleRecord>> consoles(PoolSnapshot s, Predicate<VmRecord> which) {
        List<Owned<ConsoleRecord>> out = new ArrayList<>();
        for (ConsoleRecord c : s.consoles()) {
            s.vm(c.vmUuid()).filter(which).ifPresent(vm -> out.add(new Owned<>(vm, c)));
        }
        return out;
    }

    static List<Vcpu> vcpus(PoolSnapshot s) {
        List<Vcpu> out = new ArrayList<>();
        for (VmRecord vm : vms(s, SYSTEMS)) {
            for (int n = 0; n < vm.vcpusMax(); n++) {
                out.add(new Vcpu(vm, n));
            }
        }
        return out;
    }

    /** The VBD {@code Xen:<vm>/<vbd>} names, if its VM passes {@code which}. */
    static Optional<Owned<VbdRecord>> vbd(PoolSnapshot s, String id, Predicate<VmRecord> which) {
        String vbdUuid = Ids.devicePart(id);
        return vbdUuid == null ? Optional.empty() : s.vbd(vbdUuid).flatMap(v -> owned(s, id, v.vmUuid(), v, which));
    }

    static Optional<Owned<VifRecord>> vif(PoolSnapshot s, String id, Predicate<VmRecord> which) {
        String vifUuid = Ids.devicePart(id);
        return vifUuid == null ? Optional.empty() : s.vif(vifUuid).flatMap(v -> owned(s, id, v.vmUuid(), v, which));
    }

    static Optional<Owned<ConsoleRecord>> console(PoolSnapshot s, String id, Predicate<VmRecord> which) {
        String uuid = Ids.devicePart(id);
        return s.consoles().stream().filter(c -> c.uuid().equals(uuid)).findFirst()
                .flatMap(c -> owned(s, id, c.vmUuid(), c, which));
    }

    /** The VM an id's owner part names, when it passes {@code which}. */
    public static Optional<VmRecord> vm(PoolSnapshot s, String id, Predicate<VmRecord> which) {
        String uuid = Ids.owner(id);
        return uuid == null ? Optional.empty() : s.vm(uuid).filter(which);
    }

    private static <D> Optional<Owned<D>> owned(PoolSnapshot s, String id, String vmUuid, D device,
                                                Predicate<VmRecord> which) {
        if (!vmUuid.equals(Ids.owner(id))) {
            return Optional.empty();
        }
        return s.vm(vmUuid).filter(which).map(vm -> new Owned<>(vm, device));
    }

    /** CD and floppy VBDs are drives ({@code Xen_DiskDrive}); the rest are disks ({@code Xen_Disk}). */
    static boolean isDrive(VbdRecord vbd) {
        return vbd.type() != VbdRecord.Type.Disk;
    }
}
