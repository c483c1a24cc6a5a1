package org.xenwbem.bridge.storage;

import java.util.OptionalLong;

/**
 * An SR's space as its back-end reports it, in bytes.
 *
 * @param physicalSize        capacity of the pool, file system or volume
 * @param physicalUtilisation bytes actually taken
 * @param virtualAllocation   sum of the disks' virtual sizes (above the physical size when thin)
 * @param savings             bytes the array says it saves by sharing (clones, dedupe); empty when unknown
 */
public record SpaceReport(long physicalSize, long physicalUtilisation, long virtualAllocation, OptionalLong savings) {
    public SpaceReport {
        if (physicalSize < 0 || physicalUtilisation < 0 || virtualAllocation < 0) {
            throw new IllegalArgumentException("negative space figure");
        }
    }
}
