package org.xenwbem.provider.classes.pool;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.xenwbem.bridge.HostRecord;
import org.xenwbem.bridge.VmRecord;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.cim.CimObjectPath;
import org.xenwbem.provider.cimom.InstanceProvider;
import org.xenwbem.provider.classes.common.HostServices;
import org.xenwbem.provider.classes.common.HostServices.Service;
import org.xenwbem.provider.classes.common.Link;
import org.xenwbem.provider.classes.common.Paths;
import org.xenwbem.provider.classes.common.ProviderContext;
import org.xenwbem.provider.classes.common.Values;

/**
 * The per-host management services (anchor {@code Xen_Services.c}, {@code Xen_MetricService.c}):
 * {@code Xen_VirtualSystemManagementService}, {@code …MigrationService}, {@code …SnapshotService},
 * {@code Xen_VirtualSwitchManagementService} and {@code Xen_MetricService}, and the associations
 * that place them: hosted by their host, affecting the VMs resident on it. The anchor served each
 * service once, for the host of the session; we serve one per pool member ({@link HostServices});
 * the storage service is the storage family's.
 */
public final class ManagementServices {
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

    private ManagementServices() {
    }

    /** One provider per service class. */
    public static List<InstanceProvider> all(ProviderContext pc) {
        List<InstanceProvider> out = new ArrayList<>();
        for (Service svc : SERVICES) {
            out.add(HostServices.provider(pc, svc, VSMS.equals(svc.cls()) ? ManagementServices::version : (h, b) -> { }));
        }
        return out;
    }

    /** The VSMS's Version: the host's Xen version (else its product version). */
    private static void version(HostRecord h, CimInstance.Builder b) {
        Map<String, String> sv = h.softwareVersion();
        b.set("Version", Values.orNull(sv.getOrDefault("xen", sv.getOrDefault("product_version", ""))));
    }

    /** The path of service {@code cls} on a host. */
    public static CimObjectPath path(String cls, String hostUuid) {
        String name = SERVICES.stream().filter(x -> x.cls().equals(cls)).findFirst().orElseThrow().name();
        return Paths.service(cls, hostUuid, name);
    }

    /** Each host ↔ its instance of {@code service} (CIM_HostedService). */
    static Link hosted(ProviderContext pc, String cls, String service) {
        return Link.dependency(pc, cls, s -> s.hosts().stream()
                .map(h -> new Link.Pair(Paths.host(h.uuid()), path(service, h.uuid()))).toList());
    }

    /**
     * A service affects the VMs resident on its host; a VM resident nowhere is affected by the
     * pool master's services (the host that starts it by default).
     */
    static Link affects(ProviderContext pc, String cls, String service) {
        return Link.of(pc, cls, "AffectingElement", "AffectedElement", s -> {
            List<Link.Pair> out = new ArrayList<>();
            for (VmRecord v : Paths.systems(s)) {
                String host = v.residentOnHostUuid().isEmpty() ? s.pool().masterUuid() : v.residentOnHostUuid();
                if (!host.isEmpty() && !v.isControlDomain()) {
                    out.add(new Link.Pair(path(service, host), Paths.vm(v.uuid())));
                }
            }
            return out;
        });
    }
}
