package org.xenwbem.provider.classes.network;

import java.util.List;
import java.util.Optional;
import org.xenwbem.bridge.HostRecord;
import org.xenwbem.bridge.NetworkRecord;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.provider.cimom.InstanceProvider;
import org.xenwbem.provider.classes.common.CimStates;
import org.xenwbem.provider.classes.common.Ids;
import org.xenwbem.provider.classes.common.Mapped;
import org.xenwbem.provider.classes.common.Paths;
import org.xenwbem.provider.classes.common.ProviderContext;
import org.xenwbem.provider.classes.common.ResourceTypes;

/** {@code Xen_NetworkConnectionPool}: one per network, keyed {@code Xen:<host of first PIF or "NoHost">/<network>}. */
public final class NetworkPools {
    private NetworkPools() {
    }

    public static InstanceProvider provider(ProviderContext pc) {
        return Mapped.of(pc, "Xen_NetworkConnectionPool", PoolSnapshot::networks, NetworkPools::networkPool)
                .withLookup((k, s) -> Optional.ofNullable(Ids.devicePart(k.get("InstanceID"))).flatMap(s::network));
    }


    /** Anchor pool_instance_set_properties; Description "Device=<first PIF's device>,Bridge=<bridge>". */
    private static boolean networkPool(NetworkRecord n, PoolSnapshot s, CimInstance.Builder b) {
        String owner = Paths.networkOwner(n, s);
        String device = n.pifUuids().isEmpty() ? "No_Device_info"
                : s.pif(n.pifUuids().get(0)).map(p -> p.device()).orElse("No_Device_info");
        Paths.keyed(b, Paths.networkPool(n, s))
                .set("PoolID", n.uuid())
                .set("Name", n.nameLabel())
                .set("ElementName", s.host(owner).map(HostRecord::nameLabel).orElse("Host info Unavailable"))
                .set("Description", "Device=" + device + ",Bridge=" + n.bridge())
                .set("Caption", "Network connection resources available to establish a connection between a "
                        + "virtual switch and a virtual system (VM).")
                .set("AllocationUnits", "count")
                .set("Capacity", 0xFFFFFFFFL)
                .set("Reserved", 0L)
                .set("ResourceType", ResourceTypes.RT_ETHERNET_CONNECTION)
                .set("Primordial", true)
                .set("HealthState", CimStates.HEALTH_OK)
                .set("OperationalStatus", List.of(CimStates.OP_OK))
                .set("Status", "OK");
        return true;
    }
}
