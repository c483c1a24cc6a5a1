package org.xenwbem.bridge.mirror;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.xenwbem.bridge.HostRecord;
import org.xenwbem.bridge.PoolRecord;
import org.xenwbem.bridge.PowerState;
import org.xenwbem.bridge.VmRecord;

/**
 * Turns the mirror's ref-keyed XenAPI records into the bridge's UUID-keyed records, translating
 * every ref (master, default_SR, resident_on, affinity, snapshot_of, metrics) to a UUID.
 */
final class RecordMapper {
    private final ObjectStore store;

    RecordMapper(ObjectStore store) {
        this.store = store;
    }

    MirrorSnapshot snapshot(long generation) {
        TreeMap<String, HostRecord> hosts = new TreeMap<>();
        store.table("host").values().forEach(h -> {
            HostRecord r = host(h);
            hosts.put(r.uuid(), r);
        });
        TreeMap<String, VmRecord> vms = new TreeMap<>();
        store.table("vm").values().forEach(v -> {
            VmRecord r = vm(v);
            vms.put(r.uuid(), r);
        });
        return new MirrorSnapshot(generation, pool(), hosts, vms);
    }

    private PoolRecord pool() {
        Map<String, Object> p = store.table("pool").values().stream().findFirst().orElse(Map.of());
        return new PoolRecord(Fields.str(p, "uuid"), Fields.str(p, "name_label"), Fields.str(p, "name_description"),
                store.uuidOf("host", Fields.str(p, "master")), store.uuidOf("sr", Fields.str(p, "default_SR")),
                Fields.bool(p, "ha_enabled"), Fields.stringMap(p, "other_config"));
    }

    HostRecord host(Map<String, Object> h) {
        Map<String, Object> metrics = store.get("host_metrics", Fields.str(h, "metrics"));
        Map<String, String> otherConfig = Fields.stringMap(h, "other_config");
        Instant bootTime = Fields.epochSeconds(otherConfig.get("boot_time"));
        String apiVersion = Fields.int64(h, "API_version_major") + "." + Fields.int64(h, "API_version_minor");
        return new HostRecord(Fields.str(h, "uuid"), Fields.str(h, "name_label"), Fields.str(h, "name_description"),
                Fields.str(h, "hostname"), Fields.str(h, "address"), Fields.bool(h, "enabled"),
                Fields.bool(metrics, "live"), Fields.stringMap(h, "software_version"), otherConfig, cpuCount(h),
                Fields.int64(metrics, "memory_total"), Fields.int64(metrics, "memory_free"), bootTime, apiVersion);
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

    VmRecord vm(Map<String, Object> v) {
        Map<String, Object> metrics = store.get("vm_metrics", Fields.str(v, "metrics"));
        Map<String, String> otherConfig = Fields.stringMap(v, "other_config");
        return new VmRecord(Fields.str(v, "uuid"), Fields.str(v, "name_label"), Fields.str(v, "name_description"),
                powerState(Fields.str(v, "power_state")), Fields.bool(v, "is_a_template"),
                "true".equals(otherConfig.get("default_template")), Fields.bool(v, "is_control_domain"),
                Fields.bool(v, "is_a_snapshot"), store.uuidOf("vm", Fields.str(v, "snapshot_of")),
                Fields.instant(v, "snapshot_time"), store.uuidOf("host", Fields.str(v, "resident_on")),
                store.uuidOf("host", Fields.str(v, "affinity")), Fields.int64(v, "memory_static_min"),
                Fields.int64(v, "memory_static_max"), Fields.int64(v, "memory_dynamic_min"),
                Fields.int64(v, "memory_dynamic_max"), Fields.int64(v, "VCPUs_max"),
                Fields.int64(v, "VCPUs_at_startup"), Fields.int64(v, "domid"), otherConfig,
                Fields.stringMap(v, "platform"), Fields.instant(metrics, "start_time"));
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
