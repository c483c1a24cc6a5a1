package org.xenwbem.provider.classes.pool;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.xenwbem.bridge.HostRecord;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.provider.cimom.InstanceProvider;
import org.xenwbem.provider.classes.common.CimStates;
import org.xenwbem.provider.classes.common.HostServices.Service;
import org.xenwbem.provider.classes.common.Mapped;
import org.xenwbem.provider.classes.common.ProviderContext;
import org.xenwbem.provider.classes.common.Values;

/**
 * The capabilities of the host and of its services (anchor {@code Xen_Services.c},
 * {@code Xen_Capabilities.h}): VSMS, migration, snapshot, snapshot service, metric service and host
 * capabilities, one per host with {@code InstanceID} = the host uuid, as in the anchor (no
 * {@code Xen:} prefix).
 */
public final class ServiceCapabilities {
    static final String VSMS_CAPS = "Xen_VirtualSystemManagementCapabilities";
    static final String MIGRATION_CAPS = "Xen_VirtualSystemMigrationCapabilities";
    static final String SNAPSHOT_CAPS = "Xen_VirtualSystemSnapshotCapabilities";
    static final String SNAPSHOT_SVC_CAPS = "Xen_VirtualSystemSnapshotServiceCapabilities";
    static final String METRIC_CAPS = "Xen_MetricsServiceCapabilities";
    static final String HOST_CAPS = "Xen_HostComputerSystemCapabilities";

    /** VSMSSupportedType (anchor): DestroySystem 3, AddResource 10, ModifySystemSettings 6, RemoveResources 7, ModifyResourceSettings 5. */
    static final List<Long> VSMS_SYNC = List.of(3L, 10L, 6L, 7L, 5L);
    /** DefineSystem 2, AddResources 1. */
    static final List<Long> VSMS_ASYNC = List.of(2L, 1L);
    /** MigrateVirtualSystemToHost/ToSystem, CheckVirtualSystemIsMigratableToHost/ToSystem. */
    static final List<Long> MIGRATION_SYNC = List.of(2L, 3L, 4L, 5L);
    /** The anchor's {@code HVM_VM_TYPE}, {@code PV_VM_TYPE}. */
    static final List<String> VS_TYPES = List.of("DMTF:xen:HVM", "DMTF:xen:PV");

    private ServiceCapabilities() {
    }

    public static List<InstanceProvider> all(ProviderContext pc) {
        List<InstanceProvider> out = new ArrayList<>();
        out.add(perHost(pc, VSMS_CAPS, "Xen Virtual System Management Capabilities", ServiceCapabilities::vsms));
        out.add(perHost(pc, MIGRATION_CAPS, "Xen Virtual System Migration Capabilities", (h, b) -> b
                .set("DestinationHostFormatsSupported", List.of(3L))
                .set("SynchronousMethodsSupported", MIGRATION_SYNC)));
        out.add(perHost(pc, SNAPSHOT_CAPS, "Xen Virtual System Snapshot Capabilities", (h, b) -> b
                .set("SnapshotTypesEnabled", List.of(2L))
                .set("GuestOSNotificationEnabled", false)));
        out.add(perHost(pc, SNAPSHOT_SVC_CAPS, "Xen Virtual System Snapshot Service Capabilities", (h, b) -> b
                .set("SynchronousMethodsSupported", List.of(2L, 3L))
                .set("SnapshotTypesSupported", List.of(2L))));
        out.add(perHost(pc, METRIC_CAPS, "Xen Metrics Service Capabilities", (h, b) -> { }));
        out.add(perHost(pc, HOST_CAPS, "Xen Host Computer System Capabilities", (h, b) -> b
                .set("ElementNameEditSupported", true)
                .set("RequestedStatesSupported", List.of(CimStates.ENABLED, CimStates.DISABLED, CimStates.SHUT_DOWN,
                        CimStates.REBOOT))));
        return out;
    }

    private interface HostFiller {
        void fill(HostRecord h, CimInstance.Builder b);
    }

    private static Mapped<HostRecord> perHost(ProviderContext pc, String cls, String caption, HostFiller filler) {
        return Mapped.of(pc, cls, PoolSnapshot::hosts, (HostRecord h, PoolSnapshot s, CimInstance.Builder b) -> {
            b.set("InstanceID", h.uuid()).set("ElementName", h.nameLabel())
                    .set("Caption", caption).set("Description", caption);
            filler.fill(h, b);
            return true;
        }).withLookup(ServiceCapabilities::hostById);
    }

    private static Optional<HostRecord> hostById(Map<String, Object> keys, PoolSnapshot s) {
        return s.host(Values.text(keys, "InstanceID"));
    }

    private static void vsms(HostRecord h, CimInstance.Builder b) {
        b.set("ElementNameEditSupported", true)
                .set("RequestedStatesSupported", List.of(CimStates.ENABLED))
                .set("VirtualSystemTypesSupported", VS_TYPES)
                .set("SynchronousMethodsSupported", VSMS_SYNC)
                .set("AsynchronousMethodsSupported", VSMS_ASYNC)
                .set("IndicationsSupported", List.of(1L));
    }

}
