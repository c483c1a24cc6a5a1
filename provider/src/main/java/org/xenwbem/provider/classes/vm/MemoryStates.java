package org.xenwbem.provider.classes.vm;

import java.util.List;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.bridge.VdiRecord;
import org.xenwbem.bridge.VmRecord;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.provider.cimom.InstanceProvider;
import org.xenwbem.provider.classes.common.Mapped;
import org.xenwbem.provider.classes.common.ProviderContext;
import org.xenwbem.provider.classes.storage.DiskImages;
import org.xenwbem.provider.classes.common.Paths;

/** {@code Xen_MemoryState}: the suspend image of a VM or snapshot (anchor {@code Xen_MemoryState.c}). */
public final class MemoryStates {
    private MemoryStates() {
    }

    public static InstanceProvider provider(ProviderContext pc) {
        return Mapped.of(pc, "Xen_MemoryState", MemoryStates::suspended, MemoryStates::memoryState);
    }


    /** A VM (or snapshot) with a suspend image, and that image. */
    record Suspended(VmRecord vm, VdiRecord vdi) {
    }


    static List<Suspended> suspended(PoolSnapshot s) {
        return s.vms().stream().filter(v -> !v.suspendVdiUuid().isEmpty())
                .flatMap(v -> s.vdi(v.suspendVdiUuid()).map(d -> new Suspended(v, d)).stream()).toList();
    }


    /** Anchor Xen_MemoryState.c: scoped by {@code Xen:<vm>} of class Xen_ComputerSystemSnapshot. */
    private static boolean memoryState(Suspended m, PoolSnapshot s, CimInstance.Builder b) {
        Paths.keyed(b, Paths.memoryState(m.vm().uuid(), m.vdi().uuid()));
        DiskImages.extent(m.vdi(), b).set("Caption", "Snapshot of a VM's memory state")
                .set("Access", DiskImages.ACCESS_READ_WRITE)
                .set("Availability", 21L)
                .set("Primordial", false);
        return true;
    }
}
