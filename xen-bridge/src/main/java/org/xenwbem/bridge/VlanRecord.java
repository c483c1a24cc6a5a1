package org.xenwbem.bridge;

/** A XenAPI {@code VLAN}: the untagged VLAN PIF carried on a tagged PIF with {@code tag}. */
public record VlanRecord(String uuid, String taggedPifUuid, String untaggedPifUuid, long tag) {
}
