package org.xenwbem.bridge;

import java.util.List;
import java.util.Map;

/**
 * A XenAPI {@code pool} object, by UUID. {@code masterUuid} and {@code defaultSrUuid} may be empty strings;
 * {@code haHostFailuresToTolerate} is {@code ha_host_failures_to_tolerate}, {@code haStatefileVdiUuids}
 * the {@code ha_statefiles} (VDIs on the heartbeat SRs).
 */
public record PoolRecord(String uuid, String nameLabel, String nameDescription, String masterUuid,
                         String defaultSrUuid, boolean haEnabled, Map<String, String> otherConfig,
                         long haHostFailuresToTolerate, List<String> haStatefileVdiUuids) {
    public PoolRecord {
        otherConfig = Map.copyOf(otherConfig);
        haStatefileVdiUuids = List.copyOf(haStatefileVdiUuids);
    }

    /** A pool without HA settings. */
    public PoolRecord(String uuid, String nameLabel, String nameDescription, String masterUuid, String defaultSrUuid,
                      boolean haEnabled, Map<String, String> otherConfig) {
        this(uuid, nameLabel, nameDescription, masterUuid, defaultSrUuid, haEnabled, otherConfig, 0, List.of());
    }
}
