package org.xenwbem.provider.classes.host;

import java.util.List;
import org.xenwbem.bridge.HostRecord;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.bridge.PowerState;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.provider.cimom.InstanceProvider;
import org.xenwbem.provider.classes.common.CimStates;
import org.xenwbem.provider.classes.common.Ids;
import org.xenwbem.provider.classes.common.Mapped;
import org.xenwbem.provider.classes.common.ProviderContext;
import org.xenwbem.provider.classes.common.ResourceTypes;
import org.xenwbem.provider.classes.common.Paths;

/** {@code Xen_ProcessorPool} and {@code Xen_MemoryPool}: one of each per host, keyed {@code Xen:<host>/ProcessorPool}, {@code Xen:<host>/MemoryPool}. */
public final class HostResourcePools {
    private HostResourcePools() {
    }

    public static List<InstanceProvider> all(ProviderContext pc) {
        return List.of(
                Mapped.of(pc, "Xen_ProcessorPool", PoolSnapshot::hosts, HostResourcePools::processorPool)
                        .withLookup((k, s) -> s.host(String.valueOf(Ids.owner(k.get("InstanceID"))))),
                Mapped.of(pc, "Xen_MemoryPool", PoolSnapshot::hosts, HostResourcePools::memoryPool)
                        .withLookup((k, s) -> s.host(String.valueOf(Ids.owner(k.get("InstanceID"))))));
    }


    /** Physical CPUs of the host; Reserved = VCPUs of the VMs resident on it (dom0 included). */
    private static boolean processorPool(HostRecord h, PoolSnapshot s, CimInstance.Builder b) {
        long vcpus = h.residentVmUuids().stream().flatMap(u -> s.vm(u).stream())
                .filter(v -> v.powerState() == PowerState.Running || v.powerState() == PowerState.Paused)
                .mapToLong(v -> v.metrics().vcpusNumber() > 0 ? v.metrics().vcpusNumber() : v.vcpusAtStartup()).sum();
        String id = Paths.processorPoolId(h.uuid());
        hostPool(h, b, id, "Xen Processor Pool").set("ResourceType", ResourceTypes.RT_PROCESSOR).set("AllocationUnits", "count")
                .set("Capacity", (long) s.hostCpusOf(h.uuid()).size()).set("Reserved", vcpus);
        return true;
    }


    /** Host memory in bytes; Reserved = total − free (host_metrics). */
    private static boolean memoryPool(HostRecord h, PoolSnapshot s, CimInstance.Builder b) {
        String id = Paths.memoryPoolId(h.uuid());
        hostPool(h, b, id, "Xen Memory Pool").set("ResourceType", ResourceTypes.RT_MEMORY).set("AllocationUnits", "Bytes")
                .set("Capacity", h.memoryTotal()).set("Reserved", Math.max(0, h.memoryTotal() - h.memoryFree()));
        return true;
    }


    private static CimInstance.Builder hostPool(HostRecord h, CimInstance.Builder b, String id, String caption) {
        return b.set("InstanceID", id).set("PoolID", id).set("Caption", caption).set("Name", h.nameLabel())
                .set("ElementName", h.nameLabel()).set("Primordial", true)
                .set("HealthState", CimStates.HEALTH_OK).set("OperationalStatus", List.of(CimStates.OP_OK));
    }
}
