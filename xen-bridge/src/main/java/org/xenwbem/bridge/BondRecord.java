package org.xenwbem.bridge;

import java.util.List;

/** A XenAPI {@code Bond}: a master PIF over slave PIFs; {@code mode} is balance-slb, active-backup or lacp. */
public record BondRecord(String uuid, String masterPifUuid, List<String> slavePifUuids, String mode) {
    public BondRecord {
        slavePifUuids = List.copyOf(slavePifUuids);
    }
}
