package org.xenwbem.provider.classes.common;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.xenwbem.bridge.HostRecord;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.cim.CimInstance;

/**
 * The per-host service instances of every family (anchor {@code Xen_Services.c}): one per pool member,
 * keyed by that member's uuid and the service's fixed Name, so any member answers for all of them.
 */
public final class HostServices {
    /** One service class: its fixed Name (a key) and caption/description, as the anchor set them. */
    public record Service(String cls, String name, String caption) {
    }

    private HostServices() {
    }

    /** The instances of one service class, with a direct lookup by keys; {@code extra} adds its own properties. */
    public static Mapped<HostRecord> provider(ProviderContext pc, Service svc, BiConsumer<HostRecord, CimInstance.Builder> extra) {
        return Mapped.of(pc, svc.cls(), PoolSnapshot::hosts, (HostRecord h, PoolSnapshot s, CimInstance.Builder b) -> {
            fill(svc, h, b);
            extra.accept(h, b);
            return true;
        }).withLookup((k, s) -> serviceHost(svc, k, s));
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
    private static void fill(Service svc, HostRecord h, CimInstance.Builder b) {
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
    }
}
