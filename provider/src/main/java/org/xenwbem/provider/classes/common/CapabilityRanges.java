package org.xenwbem.provider.classes.common;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.cim.CimObjectPath;

/**
 * The shape every family's allocation capabilities share (DSP1043): the capabilities instance, the
 * (Minimum, Maximum, Increment, Default) rows of its range, and the association from the capabilities
 * to each row with its ValueRole / ValueRange.
 */
public final class CapabilityRanges {
    public static final long SHARING_DEDICATED = 2;
    public static final long SHARING_SHARED = 3;

    /** One row of a capability range: which (Minimum, Maximum, Increment, Default) and its quantity. */
    public record Range(String ownerUuid, String kind, String which, String poolId, long quantity) {
        public String instanceId() {
            return Ids.device(ownerUuid, kind + which);
        }
    }

    private CapabilityRanges() {
    }

    /** The properties every allocation capabilities instance has (anchor allocation_capabilities_set_properties). */
    public static boolean fillCaps(CimInstance.Builder b, String owner, String suffix, String name, long type,
                                   long sharing) {
        b.set("InstanceID", Ids.device(owner, suffix)).set("ElementName", name)
                .set("Caption", "Xen " + suffix).set("Description", "Xen " + suffix)
                .set("ResourceType", type).set("SharingMode", sharing);
        return true;
    }

    public static boolean fillRange(Range r, CimInstance.Builder b, long type, String units) {
        b.set("InstanceID", r.instanceId()).set("ElementName", r.kind() + " " + r.which())
                .set("PoolID", r.poolId()).set("ResourceType", type).set("AllocationUnits", units)
                .set("ConsumerVisibility", 2L)
                .set("VirtualQuantity", r.quantity()).set("Reservation", r.quantity()).set("Limit", r.quantity());
        return true;
    }

    /** DSP1043 ValueRole / ValueRange of the association to a range row. */
    public static Map<String, Object> roleOf(String which) {
        return switch (which) {
            case "Minimum" -> Map.of("ValueRole", 3L, "ValueRange", 1L);
            case "Maximum" -> Map.of("ValueRole", 3L, "ValueRange", 2L);
            case "Increment" -> Map.of("ValueRole", 3L, "ValueRange", 3L);
            default -> Map.of("ValueRole", 0L, "ValueRange", 0L);
        };
    }

    /** The settings-define-capabilities association: each owner's capabilities → each of its range rows. */
    public static Link link(ProviderContext pc, String cls, String settingClass, Function<PoolSnapshot, List<Range>> rows,
                            Function<String, CimObjectPath> capsOfOwner) {
        return Link.component(pc, cls, s -> rows.apply(s).stream().map(r -> new Link.Pair(capsOfOwner.apply(r.ownerUuid()),
                Paths.byInstanceId(settingClass, r.instanceId()), roleOf(r.which()))).toList());
    }
}
