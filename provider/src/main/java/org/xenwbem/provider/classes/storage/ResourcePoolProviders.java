package org.xenwbem.provider.classes.storage;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.xenwbem.bridge.HostRecord;
import org.xenwbem.bridge.NetworkRecord;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.bridge.PowerState;
import org.xenwbem.bridge.SrRecord;
import org.xenwbem.bridge.VdiRecord;
import org.xenwbem.bridge.VmRecord;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.provider.classes.common.CimStates;
import org.xenwbem.provider.classes.common.Ids;
import org.xenwbem.provider.classes.common.ProviderContext;
import org.xenwbem.provider.cimom.InstanceProvider;
import org.xenwbem.provider.classes.common.Mapped;
import org.xenwbem.provider.classes.common.Paths;
import org.xenwbem.provider.classes.common.Values;

/**
 * Resource pools and what they hold (anchor {@code Xen_StoragePool.c}, {@code Xen_DiskImage.c},
 * {@code Xen_MemoryState.c}, {@code Xen_VirtualSwitch.c}): SRs, VDIs, suspend images, networks as
 * connection pools, and one processor and one memory pool per host.
 */
public final class ResourcePoolProviders {
    /** DMTF ResourceType values. */
    public static final long RT_PROCESSOR = 3;
    public static final long RT_MEMORY = 4;
    public static final long RT_DVD = 16;
    public static final long RT_STORAGE_EXTENT = 19;
    public static final long RT_ETHERNET_CONNECTION = 33;
    /** CIM_StorageExtent.Access. */
    static final long ACCESS_READABLE = 1;
    static final long ACCESS_READ_WRITE = 3;

    private ResourcePoolProviders() {
    }

    public static List<InstanceProvider> all(ProviderContext pc) {
        return List.of(
                Mapped.of(pc, "Xen_StoragePool", PoolSnapshot::srs, ResourcePoolProviders::storagePool)
                        .withLookup((k, s) -> byDevicePart(k, "InstanceID").flatMap(s::sr)),
                Mapped.of(pc, "Xen_DiskImage", PoolSnapshot::vdis, ResourcePoolProviders::diskImage)
                        .withLookup((k, s) -> byDevicePart(k, "DeviceID").flatMap(s::vdi)),
                Mapped.of(pc, "Xen_MemoryState", ResourcePoolProviders::suspended, ResourcePoolProviders::memoryState),
                Mapped.of(pc, "Xen_NetworkConnectionPool", PoolSnapshot::networks, ResourcePoolProviders::networkPool)
                        .withLookup((k, s) -> byDevicePart(k, "InstanceID").flatMap(s::network)),
                Mapped.of(pc, "Xen_ProcessorPool", PoolSnapshot::hosts, ResourcePoolProviders::processorPool)
                        .withLookup((k, s) -> s.host(String.valueOf(Ids.owner(k.get("InstanceID"))))),
                Mapped.of(pc, "Xen_MemoryPool", PoolSnapshot::hosts, ResourcePoolProviders::memoryPool)
                        .withLookup((k, s) -> s.host(String.valueOf(Ids.owner(k.get("InstanceID"))))));
    }

    private static Optional<String> byDevicePart(Map<String, Object> keys, String key) {
        return Optional.ofNullable(Ids.devicePart(keys.get(key)));
    }

    public static boolean isIso(SrRecord sr) {
        return "iso".equals(sr.contentType());
    }

    /** Anchor storage_pool_set_properties (ElementName is the owning host's hostname, or "Shared"). */
    private static boolean storagePool(SrRecord sr, PoolSnapshot s, CimInstance.Builder b) {
        String owner = Paths.srOwner(sr, s);
        String ownerName = owner.equals(Paths.SHARED) ? Paths.SHARED
                : s.host(owner).map(HostRecord::hostname).orElse(owner);
        b.set("InstanceID", Ids.device(owner, sr.uuid()))
                .set("PoolID", sr.uuid())
                .set("Caption", "Xen Storage Repository")
                .set("Name", sr.nameLabel())
                .set("ElementName", ownerName)
                .set("Description", sr.nameDescription())
                .set("AllocationUnits", "Bytes")
                .set("Capacity", sr.physicalSize())
                .set("Reserved", sr.physicalUtilisation())
                .set("ResourceType", isIso(sr) ? RT_DVD : RT_STORAGE_EXTENT)
                .set("ResourceSubType", sr.type())
                .set("OtherResourceType", sr.contentType())
                .set("Primordial", true)
                .set("Shared", owner.equals(Paths.SHARED))
                .set("OtherConfig", Values.keyValues(sr.otherConfig()))
                .set("SMConfig", Values.keyValues(sr.smConfig()))
                .set("HealthState", CimStates.HEALTH_OK)
                .set("OperationalStatus", List.of(CimStates.OP_OK))
                .set("Status", "OK");
        return true;
    }

    /** Anchor Xen_DiskImage.c: {@code Xen:<sr>/<vdi>}, sizes in blocks of one byte. */
    private static boolean diskImage(VdiRecord v, PoolSnapshot s, CimInstance.Builder b) {
        boolean readOnly = v.readOnly() || s.sr(v.srUuid()).map(ResourcePoolProviders::isIso).orElse(false);
        b.set("SystemCreationClassName", "Xen_StoragePool").set("SystemName", v.srUuid())
                .set("CreationClassName", "Xen_DiskImage").set("DeviceID", Ids.device(v.srUuid(), v.uuid()));
        extent(v, b).set("Caption", "Host Storage Extent that can be used in Virtual Systems")
                .set("Access", readOnly ? ACCESS_READABLE : ACCESS_READ_WRITE)
                .set("Availability", 3L)
                .set("Primordial", true);
        return true;
    }

    private static CimInstance.Builder extent(VdiRecord v, CimInstance.Builder b) {
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

    /** A VM (or snapshot) with a suspend image, and that image. */
    record Suspended(VmRecord vm, VdiRecord vdi) {
    }

    static List<Suspended> suspended(PoolSnapshot s) {
        return s.vms().stream().filter(v -> !v.suspendVdiUuid().isEmpty())
                .flatMap(v -> s.vdi(v.suspendVdiUuid()).map(d -> new Suspended(v, d)).stream()).toList();
    }

    /** Anchor Xen_MemoryState.c: scoped by {@code Xen:<vm>} of class Xen_ComputerSystemSnapshot. */
    private static boolean memoryState(Suspended m, PoolSnapshot s, CimInstance.Builder b) {
        b.set("SystemCreationClassName", "Xen_ComputerSystemSnapshot").set("SystemName", Ids.system(m.vm().uuid()))
                .set("CreationClassName", "Xen_MemoryState").set("DeviceID", Ids.device(m.vm().uuid(), m.vdi().uuid()));
        extent(m.vdi(), b).set("Caption", "Snapshot of a VM's memory state")
                .set("Access", ACCESS_READ_WRITE)
                .set("Availability", 21L)
                .set("Primordial", false);
        return true;
    }

    /** Anchor pool_instance_set_properties; Description "Device=<first PIF's device>,Bridge=<bridge>". */
    private static boolean networkPool(NetworkRecord n, PoolSnapshot s, CimInstance.Builder b) {
        String owner = Paths.networkOwner(n, s);
        String device = n.pifUuids().isEmpty() ? "No_Device_info"
                : s.pif(n.pifUuids().get(0)).map(p -> p.device()).orElse("No_Device_info");
        b.set("InstanceID", Ids.device(owner, n.uuid()))
                .set("PoolID", n.uuid())
                .set("Name", n.nameLabel())
                .set("ElementName", s.host(owner).map(HostRecord::nameLabel).orElse("Host info Unavailable"))
                .set("Description", "Device=" + device + ",Bridge=" + n.bridge())
                .set("Caption", "Network connection resources available to establish a connection between a "
                        + "virtual switch and a virtual system (VM).")
                .set("AllocationUnits", "count")
                .set("Capacity", 0xFFFFFFFFL)
                .set("Reserved", 0L)
                .set("ResourceType", RT_ETHERNET_CONNECTION)
                .set("Primordial", true)
                .set("HealthState", CimStates.HEALTH_OK)
                .set("OperationalStatus", List.of(CimStates.OP_OK))
                .set("Status", "OK");
        return true;
    }

    /** Physical CPUs of the host; Reserved = VCPUs of the VMs resident on it (dom0 included). */
    private static boolean processorPool(HostRecord h, PoolSnapshot s, CimInstance.Builder b) {
        long vcpus = h.residentVmUuids().stream().flatMap(u -> s.vm(u).stream())
                .filter(v -> v.powerState() == PowerState.Running || v.powerState() == PowerState.Paused)
                .mapToLong(v -> v.metrics().vcpusNumber() > 0 ? v.metrics().vcpusNumber() : v.vcpusAtStartup()).sum();
        String id = Ids.device(h.uuid(), "ProcessorPool");
        hostPool(h, b, id, "Xen Processor Pool").set("ResourceType", RT_PROCESSOR).set("AllocationUnits", "count")
                .set("Capacity", (long) s.hostCpusOf(h.uuid()).size()).set("Reserved", vcpus);
        return true;
    }

    /** Host memory in bytes; Reserved = total − free (host_metrics). */
    private static boolean memoryPool(HostRecord h, PoolSnapshot s, CimInstance.Builder b) {
        String id = Ids.device(h.uuid(), "MemoryPool");
        hostPool(h, b, id, "Xen Memory Pool").set("ResourceType", RT_MEMORY).set("AllocationUnits", "Bytes")
                .set("Capacity", h.memoryTotal()).set("Reserved", Math.max(0, h.memoryTotal() - h.memoryFree()));
        return true;
    }

    private static CimInstance.Builder hostPool(HostRecord h, CimInstance.Builder b, String id, String caption) {
        return b.set("InstanceID", id).set("PoolID", id).set("Caption", caption).set("Name", h.nameLabel())
                .set("ElementName", h.nameLabel()).set("Primordial", true)
                .set("HealthState", CimStates.HEALTH_OK).set("OperationalStatus", List.of(CimStates.OP_OK));
    }
}
