package org.xenwbem.bridge.mirror;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.xenwbem.bridge.HostRecord;
import org.xenwbem.bridge.PoolRecord;
import org.xenwbem.bridge.PowerState;
import org.xenwbem.bridge.VmRecord;

/**
 * Turns one ref-keyed XenAPI record (as decoded from the wire) into the bridge's UUID-keyed record
 * of its class, translating every ref to a UUID through the {@link MapContext}. Pool, host and VM are
 * here; the other classes are in {@link DeviceMapper} and {@link InfoMapper}.
 */
final class RecordMapper {
    private RecordMapper() {
    }

    static Object map(MirrorClass c, Map<String, Object> r, MapContext ctx) {
        return switch (c) {
            case POOL -> pool(r, ctx);
            case HOST -> host(r, ctx);
            case VM -> vm(r, ctx);
            case SR -> DeviceMapper.sr(r, ctx);
            case PBD -> DeviceMapper.pbd(r, ctx);
            case VDI -> DeviceMapper.vdi(r, ctx);
            case VBD -> DeviceMapper.vbd(r, ctx);
            case NETWORK -> DeviceMapper.network(r, ctx);
            case VIF -> DeviceMapper.vif(r, ctx);
            case PIF -> DeviceMapper.pif(r, ctx);
            case BOND -> DeviceMapper.bond(r, ctx);
            case VLAN -> DeviceMapper.vlan(r, ctx);
            case HOST_METRICS -> InfoMapper.hostMetrics(r);
            case HOST_CPU -> InfoMapper.hostCpu(r, ctx);
            case VM_METRICS -> InfoMapper.vmMetrics(r);
            case VM_GUEST_METRICS -> InfoMapper.guestMetrics(r);
            case CONSOLE -> InfoMapper.console(r, ctx);
            case TASK -> InfoMapper.task(r, ctx);
        };
    }

    static PoolRecord pool(Map<String, Object> p, MapContext ctx) {
        return new PoolRecord(Fields.str(p, "uuid"), Fields.str(p, "name_label"), Fields.str(p, "name_description"),
                ctx.uuid(Fields.str(p, "master")), ctx.uuid(Fields.str(p, "default_SR")),
                Fields.bool(p, "ha_enabled"), Fields.stringMap(p, "other_config"),
                Fields.int64(p, "ha_host_failures_to_tolerate"), ctx.uuids(Fields.list(p, "ha_statefiles")));
    }

    static HostRecord host(Map<String, Object> h, MapContext ctx) {
        Map<String, String> otherConfig = Fields.stringMap(h, "other_config");
        Instant bootTime = Fields.epochSeconds(otherConfig.get("boot_time"));
        String apiVersion = Fields.int64(h, "API_version_major") + "." + Fields.int64(h, "API_version_minor");
        return new HostRecord(Fields.str(h, "uuid"), Fields.str(h, "name_label"), Fields.str(h, "name_description"),
                Fields.str(h, "hostname"), Fields.str(h, "address"), Fields.bool(h, "enabled"),
                Fields.stringMap(h, "software_version"), otherConfig, cpuCount(h), bootTime, apiVersion,
                ctx.hostMetrics(Fields.str(h, "metrics")), Fields.int64(h, "memory_overhead"),
                Fields.stringMap(h, "cpu_info"), Fields.sym(h, "edition"), Fields.stringMap(h, "bios_strings"),
                Fields.strings(h, "allowed_operations"), Fields.strings(h, "tags"),
                ctx.uuids(Fields.list(h, "host_CPUs")), ctx.uuids(Fields.list(h, "PIFs")),
                ctx.uuids(Fields.list(h, "PBDs")), ctx.uuids(Fields.list(h, "resident_VMs")),
                ctx.uuid(Fields.str(h, "control_domain")));
    }

    /** The number of host_CPUs, else {@code cpu_info["cpu_count"]}, else 0. */
    private static int cpuCount(Map<String, Object> h) {
        int cpus = Fields.list(h, "host_CPUs").size();
        if (cpus > 0) {
            return cpus;
        }
        try {
            return Integer.parseInt(Fields.stringMap(h, "cpu_info").getOrDefault("cpu_count", "0").trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static VmRecord vm(Map<String, Object> v, MapContext ctx) {
        Map<String, String> otherConfig = Fields.stringMap(v, "other_config");
        return new VmRecord(Fields.str(v, "uuid"), Fields.str(v, "name_label"), Fields.str(v, "name_description"),
                powerState(Fields.str(v, "power_state")), Fields.bool(v, "is_a_template"),
                "true".equals(otherConfig.get("default_template")) || Fields.bool(v, "is_default_template"),
                Fields.bool(v, "is_control_domain"), Fields.bool(v, "is_a_snapshot"),
                ctx.uuid(Fields.str(v, "snapshot_of")), Fields.instant(v, "snapshot_time"),
                ctx.uuid(Fields.str(v, "resident_on")), ctx.uuid(Fields.str(v, "affinity")),
                Fields.int64(v, "memory_static_min"), Fields.int64(v, "memory_static_max"),
                Fields.int64(v, "memory_dynamic_min"), Fields.int64(v, "memory_dynamic_max"),
                Fields.int64(v, "VCPUs_max"), Fields.int64(v, "VCPUs_at_startup"), Fields.int64(v, "domid"),
                otherConfig, Fields.stringMap(v, "platform"), ctx.vmMetrics(Fields.str(v, "metrics")),
                Fields.int64(v, "memory_target"), Fields.int64(v, "user_version"), Fields.sym(v, "domain_type"),
                Fields.int64(v, "hardware_platform_version"), Fields.stringMap(v, "VCPUs_params"),
                Fields.sym(v, "actions_after_shutdown"), Fields.sym(v, "actions_after_reboot"),
                Fields.sym(v, "actions_after_crash"), Fields.sym(v, "HVM_boot_policy"),
                Fields.stringMap(v, "HVM_boot_params"), Fields.dbl(v, "HVM_shadow_multiplier"),
                Fields.str(v, "PV_bootloader"), Fields.str(v, "PV_bootloader_args"), Fields.str(v, "PV_kernel"),
                Fields.str(v, "PV_ramdisk"), Fields.str(v, "PV_args"), Fields.str(v, "PV_legacy_args"),
                Fields.stringMap(v, "xenstore_data"), Fields.strings(v, "allowed_operations"),
                byTaskUuid(Fields.stringMap(v, "current_operations"), ctx), Fields.stringMap(v, "blocked_operations"),
                Fields.strings(v, "tags"), ctx.uuid(Fields.str(v, "parent")), ctx.uuids(Fields.list(v, "children")),
                ctx.uuids(Fields.list(v, "snapshots")), ctx.uuids(Fields.list(v, "VBDs")),
                ctx.uuids(Fields.list(v, "VIFs")), ctx.uuids(Fields.list(v, "consoles")),
                ctx.uuid(Fields.str(v, "suspend_VDI")), ctx.uuid(Fields.str(v, "guest_metrics")));
    }

    /** {@code current_operations} is keyed by task ref; callers see task UUIDs (unknown tasks are dropped). */
    private static Map<String, String> byTaskUuid(Map<String, String> byRef, MapContext ctx) {
        if (byRef.isEmpty()) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        byRef.forEach((ref, op) -> {
            String task = ctx.uuid(ref);
            if (!task.isEmpty()) {
                out.put(task, op);
            }
        });
        return out;
    }

    /** xapi only knows four states; anything else (a newer xapi) reads as Halted rather than failing the sync. */
    private static PowerState powerState(String wire) {
        for (PowerState p : PowerState.values()) {
            if (p.name().equalsIgnoreCase(wire)) {
                return p;
            }
        }
        return PowerState.Halted;
    }
}
