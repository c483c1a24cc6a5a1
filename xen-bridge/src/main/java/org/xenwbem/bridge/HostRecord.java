package org.xenwbem.bridge;

import java.time.Instant;
import java.util.Map;

/**
 * A XenAPI {@code host} object joined with its {@code host_metrics}.
 * {@code softwareVersion} holds xapi's map (product_brand, product_version, build_number, ...).
 * {@code bootTime} comes from {@code other_config}/{@code cpu_info}-independent {@code host.other_config["boot_time"]}
 * when present (else null). Memory in bytes; {@code memoryTotal}/{@code memoryFree} are 0 when unknown.
 */
public record HostRecord(String uuid, String nameLabel, String nameDescription, String hostname, String address,
                         boolean enabled, boolean live, Map<String, String> softwareVersion,
                         Map<String, String> otherConfig, int cpuCount, long memoryTotal, long memoryFree,
                         Instant bootTime, String apiVersion) {
    public HostRecord {
        softwareVersion = Map.copyOf(softwareVersion);
        otherConfig = Map.copyOf(otherConfig);
    }
}
