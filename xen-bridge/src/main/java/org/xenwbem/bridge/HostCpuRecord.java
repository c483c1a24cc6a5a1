package org.xenwbem.bridge;

/** A XenAPI {@code host_cpu}: one physical CPU of a host. {@code speed} in MHz; {@code utilisation} 0..1. */
public record HostCpuRecord(String uuid, String hostUuid, long number, String vendor, long speed, String modelname,
                            long family, long model, String stepping, String flags, double utilisation) {
}
