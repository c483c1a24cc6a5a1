package org.xenwbem.provider.classes.pool;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.xenwbem.bridge.HostRecord;
import org.xenwbem.bridge.PoolRecord;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.provider.classes.common.HostServices;
import org.xenwbem.provider.classes.common.HostServices.Service;
import org.xenwbem.provider.classes.common.Ids;
import org.xenwbem.provider.classes.common.ProviderContext;
import org.xenwbem.provider.cimom.InstanceProvider;
import org.xenwbem.provider.classes.common.Mapped;
import org.xenwbem.provider.classes.common.Values;

/**
 * {@code Xen_HostPool} and the per-host services (anchor {@code Xen_HostPool.c}, {@code Xen_Services.c},
 * {@code Xen_MetricService.c}). The anchor served each service once, for the host of the session; we
 * serve one per pool member ({@link HostServices}); the storage service is the storage family's.
 */
public final class ServiceProviders {
    public static final String VSMS = "Xen_VirtualSystemManagementService";
    public static final String MIGRATION = "Xen_VirtualSystemMigrationService";
    public static final String SNAPSHOT = "Xen_VirtualSystemSnapshotService";
    static final String SWITCH = "Xen_VirtualSwitchManagementService";
    static final String METRIC = "Xen_MetricService";

    public static final List<Service> SERVICES = List.of(
            new Service(VSMS, "Xen Hypervisor", null),
            new Service(MIGRATION, "Xen Migration Service", null),
            new Service(SNAPSHOT, "Xen Virtual System Snapshot Service",
                    "The Xen Service responsible for managing snapshots of virtual systems"),
            new Service(SWITCH, "Xen Virtual Switch Management Service",
                    "The Xen Service responsible for managing a virtual switch."),
            new Service(METRIC, "Xen Metrics Service", null));

    private ServiceProviders() {
    }

    public static List<InstanceProvider> all(ProviderContext pc) {
        List<InstanceProvider> out = new ArrayList<>();
        out.add(hostPool(pc));
        for (Service svc : SERVICES) {
            out.add(HostServices.provider(pc, svc, VSMS.equals(svc.cls()) ? ServiceProviders::version : (h, b) -> { }));
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

    /** The VSMS's Version: the host's Xen version (else its product version). */
    private static void version(HostRecord h, CimInstance.Builder b) {
        Map<String, String> sv = h.softwareVersion();
        b.set("Version", Values.orNull(sv.getOrDefault("xen", sv.getOrDefault("product_version", ""))));
    }
}
