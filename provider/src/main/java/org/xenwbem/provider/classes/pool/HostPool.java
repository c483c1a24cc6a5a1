package org.xenwbem.provider.classes.pool;

import java.util.List;
import org.xenwbem.bridge.PoolRecord;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.bridge.VdiRecord;
import org.xenwbem.cim.CimObjectPath;
import org.xenwbem.provider.cimom.InstanceProvider;
import org.xenwbem.provider.classes.common.Ids;
import org.xenwbem.provider.classes.common.Link;
import org.xenwbem.provider.classes.common.Mapped;
import org.xenwbem.provider.classes.common.Paths;
import org.xenwbem.provider.classes.common.ProviderContext;
import org.xenwbem.provider.classes.common.Values;

/**
 * {@code Xen_HostPool}, the one pool (anchor {@code Xen_HostPool.c}): InstanceID {@code Xen:<pool uuid>},
 * and its membership association {@code CIM_MemberOfCollection} to each host.
 */
public final class HostPool {
    static final String CLASS = "Xen_HostPool";

    private HostPool() {
    }

    /** {@code Xen_HostPool.InstanceID="Xen:<pool uuid>"}. */
    public static CimObjectPath path(String poolUuid) {
        return Paths.byInstanceId(CLASS, Ids.system(poolUuid));
    }

    public static InstanceProvider provider(ProviderContext pc) {
        return Mapped.of(pc, CLASS, s -> List.of(s.pool()), (p, s, b) -> {
            Paths.keyed(b, path(p.uuid()))
                    .set("Caption", "Xen Host Pool")
                    .set("Description", p.nameDescription())
                    .set("ElementName", p.nameLabel())
                    .set("HighAvailabilityEnabled", p.haEnabled())
                    .set("HostFailuresToTolerate", p.haHostFailuresToTolerate())
                    .set("HeartbeatStoragePoolIDs", heartbeatSrs(p, s))
                    .set("DefaultStoragePoolID", Values.orNull(p.defaultSrUuid()))
                    .set("Master", Values.orNull(p.masterUuid()));
            return !p.uuid().isEmpty();
        });
    }

    /** The SR uuids of the pool's HA statefiles (the heartbeat SRs); empty while HA is off. */
    private static List<String> heartbeatSrs(PoolRecord p, PoolSnapshot s) {
        return p.haStatefileVdiUuids().stream().map(v -> s.vdi(v).map(VdiRecord::srUuid).orElse(""))
                .filter(x -> !x.isEmpty()).distinct().toList();
    }

    /** CIM_MemberOfCollection: the pool ↔ each member host. */
    static Link members(ProviderContext pc) {
        return Link.of(pc, "CIM_MemberOfCollection", "Collection", "Member", s -> {
            CimObjectPath pool = path(s.pool().uuid());
            return s.hosts().stream().map(h -> new Link.Pair(pool, Paths.host(h.uuid()))).toList();
        });
    }
}
