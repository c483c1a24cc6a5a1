package org.xenwbem.bridge;

import java.time.Instant;
import java.util.Map;

/**
 * A XenAPI {@code VM} object (including dom0 and templates and snapshots), by UUID, joined with the
 * fields of its {@code VM_metrics} that callers need. {@code residentOnHostUuid}, {@code affinityHostUuid},
 * {@code snapshotOfUuid} are empty strings when xapi holds OpaqueRef:NULL. {@code startTime} may be null.
 */
public record VmRecord(String uuid, String nameLabel, String nameDescription, PowerState powerState,
                       boolean isATemplate, boolean isDefaultTemplate, boolean isControlDomain, boolean isASnapshot,
                       String snapshotOfUuid, Instant snapshotTime, String residentOnHostUuid,
                       String affinityHostUuid, long memoryStaticMin, long memoryStaticMax,
                       long memoryDynamicMin, long memoryDynamicMax, long vcpusMax, long vcpusAtStartup,
                       long domid, Map<String, String> otherConfig, Map<String, String> platform,
                       Instant startTime) {
    public VmRecord {
        otherConfig = Map.copyOf(otherConfig);
        platform = Map.copyOf(platform);
    }
}
