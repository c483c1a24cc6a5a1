package org.xenwbem.provider.classes.host;

import java.util.List;
import org.xenwbem.bridge.HostRecord;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.provider.classes.common.CimStates;
import org.xenwbem.provider.classes.common.Mapped;
import org.xenwbem.provider.classes.common.Paths;
import org.xenwbem.provider.classes.common.ProviderContext;
import org.xenwbem.provider.cimom.InstanceProvider;

/** {@code Xen_HostMemory}: one per host (anchor §4.3), DeviceID {@code Xen:<host>/Memory}. */
public final class HostMemory {
    private HostMemory() {
    }

    public static InstanceProvider provider(ProviderContext pc) {
        return Mapped.of(pc, "Xen_HostMemory", PoolSnapshot::hosts, HostMemory::memory);
    }

    /** {@code Xen:<host>/Memory}: bytes in blocks of one (anchor §4.3). */
    private static boolean memory(HostRecord h, PoolSnapshot s, CimInstance.Builder b) {
        Paths.keyed(b, Paths.hostMemory(h.uuid()))
                .set("Caption", "Xen Host Memory")
                .set("ElementName", h.nameLabel())
                .set("BlockSize", 1L)
                .set("NumberOfBlocks", h.memoryTotal())
                .set("ConsumableBlocks", h.memoryFree())
                .set("Primordial", true)
                .set("Volatile", true)
                .set("EnabledState", h.enabled() ? CimStates.ENABLED : CimStates.DISABLED)
                .set("HealthState", CimStates.HEALTH_OK)
                .set("OperationalStatus", List.of(h.live() ? CimStates.OP_OK : CimStates.OP_STOPPED));
        return true;
    }
}
