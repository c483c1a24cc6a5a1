package org.xenwbem.bridge;

import java.util.List;
import java.util.Map;

/** A XenAPI {@code network} (a virtual switch, i.e. a bridge), by UUID. UUID lists are sorted. */
public record NetworkRecord(String uuid, String nameLabel, String nameDescription, String bridge, long mtu,
                            boolean managed, List<String> vifUuids, List<String> pifUuids,
                            Map<String, String> otherConfig) {
    public NetworkRecord {
        vifUuids = List.copyOf(vifUuids);
        pifUuids = List.copyOf(pifUuids);
        otherConfig = Map.copyOf(otherConfig);
    }
}
