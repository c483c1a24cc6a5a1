package org.xenwbem.provider.classes.pool;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.xenwbem.bridge.HostRecord;
import org.xenwbem.bridge.PoolRecord;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.provider.classes.common.CimStates;
import org.xenwbem.provider.classes.common.Ids;
import org.xenwbem.provider.classes.common.ProviderContext;
import org.xenwbem.provider.cimom.InstanceProvider;
import org.xenwbem.provider.classes.common.Mapped;
import org.xenwbem.provider.classes.common.Paths;
import org.xenwbem.provider.classes.common.Values;

/**
 * {@code Xen_HostPool} and the per-host services (anchor {@code Xen_HostPool.c}, {@code Xen_Services.c},
 * {@code Xen_MetricService.c}). The anchor served each service once, for the host of the session; we
 * serve one per pool member, keyed by that member's uuid, so any member answers for all of them.
 */
public final class ServiceProviders {
    public static final String VSMS = "Xen_VirtualSystemManagementService";
    public static final String MIGRATION = "Xen_VirtualSystemMigrationService";
    public static final String SNAPSHOT = "Xen_VirtualSystemSnapshotService";
    static final String STORAGE = "Xen_StoragePoolManagementService";
    static final String SWITCH = "Xen_VirtualSwitchManagementService";
    static final String METRIC = "Xen_MetricService";

    /** One service class: its fixed Name (a key) and caption/description, as the anchor set them. */
    public record Service(String cls, String name, String caption) {
    }

    public static final List<Service> SERVICES = List.of(
            new Service(VSMS, "Xen Hypervisor", null),
            new Service(MIGRATION, "Xen Migration Service", null),
            new Service(SNAPSHOT, "Xen Virtual System Snapshot Service",
                    "The Xen Service responsible for managing snapshots of virtual systems"),
            new Service(STORAGE, "XenServer SR Management Service", "XenServer SR Management Service"),
            new Service(SWITCH, "Xen Virtual Switch Management Service",
                    "The Xen Service responsible for managing a virtual switch."),
            new Service(METRIC, "Xen Metrics Service", null));

    private ServiceProviders() {
    }

    public static List<InstanceProvider> all(ProviderContext pc) {
        List<InstanceProvider> out = new ArrayList<>();
        out.add(hostPool(pc));
        for (Service svc : SERVICES) {
            out.add(Mapped.of(pc, svc.cls(), PoolSnapshot::hosts, (HostRecord h, PoolSnapshot s, CimInstance.Builder b) ->
                    fillService(svc, h, b)).withLookup((k, s) -> serviceHost(svc, k, s)));
        }
        return out;
    }

    /** The one pool: InstanceID {@code Xen:<pool uuid>}. */
    static Mapped<PoolRecord> hostPool(ProviderContext pc) {
        return Mapped.of(pc, "Xen_HostPool", s -> List.of(s.pool()), (p, s, b) -> {
            b.set("InstanceID", Ids.system(p.uuid()))
                    .set("Caption", "Xen Host Pool")
                    .set("Description", p.nameDescription())
                    .set("ElementName", p.nameLabel())
                    .set("HighAvailabilityEnabled", p.haEnabled())
                    .set("DefaultStoragePoolID", Values.orNull(p.defaultSrUuid()))
                    .set("Master", Values.orNull(p.masterUuid()));
            return !p.uuid().isEmpty();
        });
    }

    private static Optional<HostRecord> serviceHost(Service svc, Map<String, Object> keys, PoolSnapshot s) {
        boolean named = svc.cls().equalsIgnoreCase(Values.text(keys, "CreationClassName"))
                && svc.name().equals(Values.text(keys, "Name"));
        return Values.when(named, s.host(Values.text(keys, "SystemName")));
    }

    /**
     * Keys as the anchor; EnabledState follows {@code host.enabled} (the anchor's StartService /
     * StopService are host.enable / host.disable); {@code Started} stays true, as SCVMM's light
     * refresher reads it for "is the hypervisor service up".
     */
    private static boolean fillService(Service svc, HostRecord h, CimInstance.Builder b) {
        b.set("SystemCreationClassName", Paths.HOST_CLASS)
                .set("SystemName", h.uuid())
                .set("CreationClassName", svc.cls())
                .set("Name", svc.name())
                .set("ElementName", svc.name())
                .set("Caption", svc.caption())
                .set("Description", svc.caption())
                .set("Started", true)
                .set("EnabledState", h.enabled() ? CimStates.ENABLED : CimStates.DISABLED)
                .set("EnabledDefault", CimStates.ENABLED)
                .set("RequestedState", CimStates.REQUESTED_NOT_APPLICABLE)
                .set("HealthState", CimStates.HEALTH_OK)
                .set("OperationalStatus", List.of(CimStates.OP_OK))
                .set("Status", "OK")
                .set("CommunicationStatus", 2L);
        if (VSMS.equals(svc.cls())) {
            Map<String, String> sv = h.softwareVersion();
            b.set("Version", Values.orNull(sv.getOrDefault("xen", sv.getOrDefault("product_version", ""))));
        }
        return true;
    }
}
