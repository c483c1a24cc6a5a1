package org.xenwbem.bridge;

import java.util.List;
import java.util.Map;

/**
 * A XenAPI {@code SR} (storage repository), by UUID. Sizes in bytes. {@code pbdUuids} and
 * {@code vdiUuids} are sorted; {@code allowedOperations} holds xapi's {@code storage_operations} names.
 */
public record SrRecord(String uuid, String nameLabel, String nameDescription, String type, String contentType,
                       boolean shared, long physicalSize, long physicalUtilisation, long virtualAllocation,
                       Map<String, String> otherConfig, Map<String, String> smConfig, List<String> pbdUuids,
                       List<String> vdiUuids, List<String> allowedOperations) {
    public SrRecord {
        otherConfig = Map.copyOf(otherConfig);
        smConfig = Map.copyOf(smConfig);
        pbdUuids = List.copyOf(pbdUuids);
        vdiUuids = List.copyOf(vdiUuids);
        allowedOperations = List.copyOf(allowedOperations);
    }
}
