package org.xenwbem.bridge;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A XenAPI {@code VM} object (including dom0, templates and snapshots), by UUID, joined with its
 * {@code VM_metrics} ({@link #metrics()}). Every {@code …Uuid} field is "" when xapi holds
 * OpaqueRef:NULL; UUID lists are sorted. {@code snapshotTime} may be null. Memory in bytes.
 * {@code currentOperations} maps task UUID → operation. {@code blockedOperations} maps an operation to
 * the reason it is blocked. {@code guestMetricsUuid} names the VM's {@code VM_guest_metrics}
 * (see {@link PoolSnapshot#guestMetrics(String)}).
 */
public record VmRecord(String uuid, String nameLabel, String nameDescription, PowerState powerState,
                       boolean isATemplate, boolean isDefaultTemplate, boolean isControlDomain, boolean isASnapshot,
                       String snapshotOfUuid, Instant snapshotTime, String residentOnHostUuid,
                       String affinityHostUuid, long memoryStaticMin, long memoryStaticMax,
                       long memoryDynamicMin, long memoryDynamicMax, long vcpusMax, long vcpusAtStartup,
                       long domid, Map<String, String> otherConfig, Map<String, String> platform,
                       VmMetricsRecord metrics, long memoryTarget, long userVersion, String domainType,
                       long hardwarePlatformVersion, Map<String, String> vcpusParams, String actionsAfterShutdown,
                       String actionsAfterReboot, String actionsAfterCrash, String hvmBootPolicy,
                       Map<String, String> hvmBootParams, double hvmShadowMultiplier, String pvBootloader,
                       String pvBootloaderArgs, String pvKernel, String pvRamdisk, String pvArgs,
                       String pvLegacyArgs, Map<String, String> xenstoreData, List<String> allowedOperations,
                       Map<String, String> currentOperations, Map<String, String> blockedOperations,
                       List<String> tags, String parentUuid, List<String> childrenUuids, List<String> snapshotUuids,
                       List<String> vbdUuids, List<String> vifUuids, List<String> consoleUuids,
                       String suspendVdiUuid, String guestMetricsUuid) {
    public VmRecord {
        otherConfig = Map.copyOf(otherConfig);
        platform = Map.copyOf(platform);
        metrics = metrics == null ? VmMetricsRecord.UNKNOWN : metrics;
        vcpusParams = Map.copyOf(vcpusParams);
        hvmBootParams = Map.copyOf(hvmBootParams);
        xenstoreData = Map.copyOf(xenstoreData);
        allowedOperations = List.copyOf(allowedOperations);
        currentOperations = Map.copyOf(currentOperations);
        blockedOperations = Map.copyOf(blockedOperations);
        tags = List.copyOf(tags);
        childrenUuids = List.copyOf(childrenUuids);
        snapshotUuids = List.copyOf(snapshotUuids);
        vbdUuids = List.copyOf(vbdUuids);
        vifUuids = List.copyOf(vifUuids);
        consoleUuids = List.copyOf(consoleUuids);
    }

    /** {@code VM_metrics.start_time}: when the running domain was started; null when halted or unknown. */
    public Instant startTime() {
        return metrics.startTime();
    }

    /** {@code VM_metrics.install_time}; null when unknown. */
    public Instant installTime() {
        return metrics.installTime();
    }

    /** {@code VM_metrics.VCPUs_utilisation}: VCPU number → load 0..1. */
    public Map<Long, Double> vcpusUtilisation() {
        return metrics.vcpusUtilisation();
    }

    /** {@code VCPUs_params["weight"]} as a number, or -1 when unset or not a number. */
    public long vcpuWeight() {
        return parseOrMinusOne(vcpusParams.get("weight"));
    }

    /** {@code VCPUs_params["cap"]} (percent of one CPU; 0 = no cap), or -1 when unset or not a number. */
    public long vcpuCap() {
        return parseOrMinusOne(vcpusParams.get("cap"));
    }

    /** True for a guest booted by a PV bootloader or kernel rather than HVM firmware. */
    public boolean isPv() {
        return "pv".equals(domainType) || (hvmBootPolicy.isEmpty() && !"hvm".equals(domainType));
    }

    /** This VM with other metrics (the mirror joins VM_metrics changes this way). */
    public VmRecord withMetrics(VmMetricsRecord m) {
        return new VmRecord(uuid, nameLabel, nameDescription, powerState, isATemplate, isDefaultTemplate,
                isControlDomain, isASnapshot, snapshotOfUuid, snapshotTime, residentOnHostUuid, affinityHostUuid,
                memoryStaticMin, memoryStaticMax, memoryDynamicMin, memoryDynamicMax, vcpusMax, vcpusAtStartup,
                domid, otherConfig, platform, m, memoryTarget, userVersion, domainType, hardwarePlatformVersion,
                vcpusParams, actionsAfterShutdown, actionsAfterReboot, actionsAfterCrash, hvmBootPolicy,
                hvmBootParams, hvmShadowMultiplier, pvBootloader, pvBootloaderArgs, pvKernel, pvRamdisk, pvArgs,
                pvLegacyArgs, xenstoreData, allowedOperations, currentOperations, blockedOperations, tags,
                parentUuid, childrenUuids, snapshotUuids, vbdUuids, vifUuids, consoleUuids, suspendVdiUuid,
                guestMetricsUuid);
    }

    private static long parseOrMinusOne(String s) {
        if (s == null) {
            return -1;
        }
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
