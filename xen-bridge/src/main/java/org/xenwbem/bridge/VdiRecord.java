package org.xenwbem.bridge;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A XenAPI {@code VDI} (virtual disk image), by UUID. Sizes in bytes; {@code type} is xapi's
 * {@code vdi_type} name (system, user, suspend, …). {@code snapshotOfUuid} is "" unless the VDI is a
 * snapshot; {@code snapshotTime} is null when unset. {@code vbdUuids} is sorted.
 */
public record VdiRecord(String uuid, String nameLabel, String nameDescription, String srUuid, long virtualSize,
                        long physicalUtilisation, String type, boolean sharable, boolean readOnly,
                        boolean isASnapshot, String snapshotOfUuid, Instant snapshotTime, List<String> vbdUuids,
                        Map<String, String> otherConfig, Map<String, String> smConfig, String location,
                        boolean managed, boolean missing) {
    public VdiRecord {
        vbdUuids = List.copyOf(vbdUuids);
        otherConfig = Map.copyOf(otherConfig);
        smConfig = Map.copyOf(smConfig);
    }
}
