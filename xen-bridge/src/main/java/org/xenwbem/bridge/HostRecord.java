package org.xenwbem.bridge;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A XenAPI {@code host} object joined with its {@code host_metrics} ({@link #metrics()}).
 * {@code softwareVersion} holds xapi's map (product_brand, product_version, build_number, ...).
 * {@code bootTime} comes from {@code other_config["boot_time"]} when present (else null). Memory in
 * bytes; {@link #memoryTotal()}/{@link #memoryFree()} are 0 when unknown. {@code cpuCount} is the
 * number of host_CPUs (else {@code cpu_info["cpu_count"]}). UUID lists are sorted; {@code controlDomainUuid}
 * is "" when unknown. {@code allowedOperations} holds xapi's {@code host_allowed_operations} names.
 */
public record HostRecord(String uuid, String nameLabel, String nameDescription, String hostname, String address,
                         boolean enabled, Map<String, String> softwareVersion, Map<String, String> otherConfig,
                         int cpuCount, Instant bootTime, String apiVersion, HostMetricsRecord metrics,
                         long memoryOverhead, Map<String, String> cpuInfo, String edition,
                         Map<String, String> biosStrings, List<String> allowedOperations, List<String> tags,
                         List<String> hostCpuUuids, List<String> pifUuids, List<String> pbdUuids,
                         List<String> residentVmUuids, String controlDomainUuid) {
    public HostRecord {
        softwareVersion = Map.copyOf(softwareVersion);
        otherConfig = Map.copyOf(otherConfig);
        metrics = metrics == null ? HostMetricsRecord.UNKNOWN : metrics;
        cpuInfo = Map.copyOf(cpuInfo);
        biosStrings = Map.copyOf(biosStrings);
        allowedOperations = List.copyOf(allowedOperations);
        tags = List.copyOf(tags);
        hostCpuUuids = List.copyOf(hostCpuUuids);
        pifUuids = List.copyOf(pifUuids);
        pbdUuids = List.copyOf(pbdUuids);
        residentVmUuids = List.copyOf(residentVmUuids);
    }

    /** {@code host_metrics.live}: the host's xapi is heart-beating. */
    public boolean live() {
        return metrics.live();
    }

    public long memoryTotal() {
        return metrics.memoryTotal();
    }

    public long memoryFree() {
        return metrics.memoryFree();
    }

    /** This host with other metrics (the mirror joins host_metrics changes this way). */
    public HostRecord withMetrics(HostMetricsRecord m) {
        return new HostRecord(uuid, nameLabel, nameDescription, hostname, address, enabled, softwareVersion,
                otherConfig, cpuCount, bootTime, apiVersion, m, memoryOverhead, cpuInfo, edition, biosStrings,
                allowedOperations, tags, hostCpuUuids, pifUuids, pbdUuids, residentVmUuids, controlDomainUuid);
    }
}
