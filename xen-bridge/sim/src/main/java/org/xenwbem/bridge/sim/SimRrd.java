package org.xenwbem.bridge.sim;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Synthetic, deterministic performance data (xenapi.md §4): a value is a pure function of the pool
 * seed, the object's UUID, the data-source name and the timestamp, so two reads of the same instant
 * agree and a test can recompute any value. Memory sources follow the records (host_metrics,
 * VM memory fields); CPU, network and disk sources are smooth waves with a little noise. NIC and
 * disk sources follow the devices: {@code pif_<device>_rx/_tx} per attached PIF of the host,
 * {@code vif_<device>_rx/_tx} per attached VIF and {@code vbd_<device>_read/_write/_read_latency/
 * _write_latency} per attached, non-empty VBD of a resident VM. The
 * archives are xcp-rrdd's: 5 s × 120 rows, 60 s × 120, 3600 s × 168, 86400 s × 366.
 */
final class SimRrd {
    static final long[] STEPS = {5, 60, 3_600, 86_400};
    static final int[] ROWS = {120, 120, 168, 366};
    private static final String HOST = "host";
    private static final String VM = "VM";
    private static final List<String> VBD_SUFFIXES = List.of("_read", "_write", "_read_latency", "_write_latency");

    /** One column: {@code host} or {@code vm}, the object's uuid, the data source. */
    record Column(String kind, String uuid, String dataSource) {
    }

    private final SimDatabase db;
    private final long seed;
    private final Clock clock;

    SimRrd(SimDatabase db, long seed, Clock clock) {
        this.db = db;
        this.seed = seed;
        this.clock = clock;
    }

    long now() {
        return clock.instant().getEpochSecond();
    }

    /** The archive step for a requested interval: the smallest step ≥ interval (5 s when ≤ 5). */
    static int archive(long interval) {
        for (int i = 0; i < STEPS.length; i++) {
            if (interval <= STEPS[i]) {
                return i;
            }
        }
        return STEPS.length - 1;
    }

    List<String> hostSources(String hostRef) {
        List<String> out = new ArrayList<>();
        int cpus = ((List<?>) db.get(HOST, hostRef, "host_CPUs")).size();
        for (int i = 0; i < cpus; i++) {
            out.add("cpu" + i);
        }
        out.addAll(List.of("cpu_avg", "loadavg", "memory_total_kib", "memory_free_kib"));
        for (Object pif : (List<?>) db.get(HOST, hostRef, "PIFs")) {
            if (Boolean.TRUE.equals(db.get("PIF", (String) pif, "currently_attached"))) {
                String dev = (String) db.get("PIF", (String) pif, "device");
                out.add("pif_" + dev + "_rx");
                out.add("pif_" + dev + "_tx");
            }
        }
        return out;
    }

    List<String> vmSources(String vmRef) {
        List<String> out = new ArrayList<>();
        long vcpus = db.getLong(VM, vmRef, "VCPUs_max");
        for (int i = 0; i < vcpus; i++) {
            out.add("cpu" + i);
        }
        out.addAll(List.of("memory", "memory_internal_free", "memory_target"));
        for (Object vif : (List<?>) db.get(VM, vmRef, "VIFs")) {
            if (Boolean.TRUE.equals(db.get("VIF", (String) vif, "currently_attached"))) {
                String dev = (String) db.get("VIF", (String) vif, "device");
                out.add("vif_" + dev + "_rx");
                out.add("vif_" + dev + "_tx");
            }
        }
        for (Object vbd : (List<?>) db.get(VM, vmRef, "VBDs")) {
            String ref = (String) vbd;
            if (Boolean.TRUE.equals(db.get("VBD", ref, "currently_attached")) && !Boolean.TRUE.equals(db.get("VBD", ref, "empty"))) {
                String dev = (String) db.get("VBD", ref, "device");
                for (String suffix : VBD_SUFFIXES) {
                    out.add("vbd_" + dev + suffix);
                }
            }
        }
        return out;
    }

    /** Running or paused VMs resident on the host, in store order. */
    List<String> residentVms(String hostRef) {
        List<String> out = new ArrayList<>();
        db.records(VM).forEach((ref, rec) -> {
            Object state = rec.get("power_state");
            if (hostRef.equals(rec.get("resident_on")) && ("Running".equals(state) || "Paused".equals(state))) {
                out.add(ref);
            }
        });
        return out;
    }

    /** Every column of {@code /rrd_updates} on this host: its own when {@code withHost}, then its VMs'. */
    List<Column> columns(String hostRef, boolean withHost, List<String> vmUuids) {
        return db.atomically(() -> {
            List<Column> cols = new ArrayList<>();
            if (withHost) {
                String uuid = (String) db.get(HOST, hostRef, "uuid");
                hostSources(hostRef).forEach(ds -> cols.add(new Column("host", uuid, ds)));
            }
            for (String vm : residentVms(hostRef)) {
                String uuid = (String) db.get(VM, vm, "uuid");
                if (vmUuids.isEmpty() || vmUuids.contains(uuid)) {
                    vmSources(vm).forEach(ds -> cols.add(new Column("vm", uuid, ds)));
                }
            }
            return cols;
        });
    }

    /** The value of one column at {@code t} for consolidation function {@code cf}. */
    double value(Column c, long t, String cf) {
        double v = c.kind().equals("host") ? hostValue(c.uuid(), c.dataSource(), t) : vmValue(c.uuid(), c.dataSource(), t);
        return switch (cf) {
            case "MIN" -> v * 0.9;
            case "MAX" -> v * 1.1;
            default -> v;
        };
    }

    private double hostValue(String uuid, String ds, long t) {
        return switch (ds) {
            case "memory_total_kib" -> metric(uuid, "memory_total") / 1024.0;
            case "memory_free_kib" -> metric(uuid, "memory_free") / 1024.0;
            case "loadavg" -> 4 * wave(uuid, ds, t);
            default -> ds.startsWith("pif_") ? 1e6 * wave(uuid, ds, t) : wave(uuid, ds, t);
        };
    }

    private double vmValue(String uuid, String ds, long t) {
        return switch (ds) {
            case "memory" -> vmField(uuid, "memory_dynamic_max");
            case "memory_target" -> vmField(uuid, "memory_target");
            case "memory_internal_free" -> vmField(uuid, "memory_dynamic_max") / 1024.0 * (0.2 + 0.5 * wave(uuid, ds, t));
            default -> device(uuid, ds, t);
        };
    }

    /** NIC throughput up to 200 kB/s, disk throughput up to 500 kB/s, disk latency 50..2,050 µs; CPU 0..1. */
    private double device(String uuid, String ds, long t) {
        if (ds.startsWith("vif_")) {
            return 2e5 * wave(uuid, ds, t);
        }
        if (ds.startsWith("vbd_")) {
            return ds.endsWith("_latency") ? 50 + 2000 * wave(uuid, ds, t) : 5e5 * wave(uuid, ds, t);
        }
        return wave(uuid, ds, t);
    }

    private double metric(String hostUuid, String field) {
        return db.atomically(() -> {
            String metrics = (String) db.get(HOST, db.refByUuid(HOST, hostUuid), "metrics");
            return (double) db.getLong("host_metrics", metrics, field);
        });
    }

    private double vmField(String vmUuid, String field) {
        return db.atomically(() -> (double) db.getLong(VM, db.refByUuid(VM, vmUuid), field));
    }

    /** A value in 0..1: a 10-minute wave with a per-object level and phase, plus noise per 5 s slot. */
    double wave(String uuid, String ds, long t) {
        long h = mix(seed ^ mix(uuid.hashCode() * 31L + ds.hashCode()));
        double phase = (h & 0xFFFF) / 65536.0 * 2 * Math.PI;
        double level = 0.1 + 0.4 * ((h >>> 16) & 0xFF) / 255.0;
        double noise = ((mix(h ^ Math.floorDiv(t, 5)) & 0xFFFF) / 65536.0 - 0.5) * 0.05;
        double v = level + 0.2 * Math.sin(2 * Math.PI * t / 600.0 + phase) + noise;
        return Math.max(0, Math.min(1, v));
    }

    /** The data_source records of {@code host.get_data_sources} / {@code VM.get_data_sources}. */
    static Map<String, Object> dataSource(String name, double value) {
        boolean cpu = name.startsWith("cpu");
        String units = cpu ? "(fraction)" : name.endsWith("_latency") ? "μs"
                : name.startsWith("memory") ? (name.endsWith("kib") ? "KiB" : "B") : name.equals("loadavg") ? "" : "B/s";
        return Map.of("name_label", name, "name_description", name, "enabled", true, "standard", true,
                "units", units, "min", 0.0, "max", cpu ? 1.0 : 0.0, "value", value);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }
}
