package org.xenwbem.bridge;

import java.util.Map;

/** A XenAPI {@code pool} object, by UUID. {@code masterUuid} and {@code defaultSrUuid} may be empty strings. */
public record PoolRecord(String uuid, String nameLabel, String nameDescription, String masterUuid,
                         String defaultSrUuid, boolean haEnabled, Map<String, String> otherConfig) {
    public PoolRecord {
        otherConfig = Map.copyOf(otherConfig);
    }
}
