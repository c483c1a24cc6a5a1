package org.xenwbem.bridge.mirror;

import java.util.LinkedHashMap;
import java.util.Map;
import org.xenwbem.bridge.ConsoleRecord;
import org.xenwbem.bridge.HostCpuRecord;
import org.xenwbem.bridge.HostMetricsRecord;
import org.xenwbem.bridge.TaskRecord;
import org.xenwbem.bridge.VmGuestMetricsRecord;
import org.xenwbem.bridge.VmMetricsRecord;

/** Maps the metrics classes, host_cpu, console and task. */
final class InfoMapper {
    private static final String VALUE_OPEN = "<value>";
    private static final String VALUE_CLOSE = "</value>";
    private static final String REF_PREFIX = "OpaqueRef:";

    private InfoMapper() {
    }

    static HostMetricsRecord hostMetrics(Map<String, Object> r) {
        return new HostMetricsRecord(Fields.str(r, "uuid"), Fields.int64(r, "memory_total"),
                Fields.int64(r, "memory_free"), Fields.bool(r, "live"), Fields.instant(r, "last_updated"));
    }

    static HostCpuRecord hostCpu(Map<String, Object> r, MapContext ctx) {
        return new HostCpuRecord(Fields.str(r, "uuid"), ctx.uuid(Fields.str(r, "host")), Fields.int64(r, "number"),
                Fields.sym(r, "vendor"), Fields.int64(r, "speed"), Fields.sym(r, "modelname"),
                Fields.int64(r, "family"), Fields.int64(r, "model"), Fields.sym(r, "stepping"),
                Fields.sym(r, "flags"), Fields.dbl(r, "utilisation"));
    }

    static VmMetricsRecord vmMetrics(Map<String, Object> r) {
        Map<Long, Double> load = new LinkedHashMap<>();
        if (r.get("VCPUs_utilisation") instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                try {
                    load.put(Long.parseLong(String.valueOf(k).trim()),
                            v instanceof Number n ? n.doubleValue() : Double.parseDouble(String.valueOf(v)));
                } catch (NumberFormatException e) {
                    // a key or value that is not a number carries no usable load; skip it
                }
            });
        }
        return new VmMetricsRecord(Fields.str(r, "uuid"), Fields.int64(r, "memory_actual"),
                Fields.int64(r, "VCPUs_number"), load, Fields.instant(r, "start_time"),
                Fields.instant(r, "install_time"));
    }

    static VmGuestMetricsRecord guestMetrics(Map<String, Object> r) {
        return new VmGuestMetricsRecord(Fields.str(r, "uuid"), Fields.stringMap(r, "os_version"),
                Fields.stringMap(r, "PV_drivers_version"), Fields.bool(r, "PV_drivers_up_to_date"),
                Fields.bool(r, "PV_drivers_detected"), Fields.stringMap(r, "networks"), Fields.stringMap(r, "other"),
                Fields.bool(r, "live"), Fields.sym(r, "can_use_hotplug_vbd"), Fields.sym(r, "can_use_hotplug_vif"));
    }

    static ConsoleRecord console(Map<String, Object> r, MapContext ctx) {
        return new ConsoleRecord(Fields.str(r, "uuid"), ctx.uuid(Fields.str(r, "VM")), Fields.sym(r, "protocol"),
                Fields.str(r, "location"));
    }

    static TaskRecord task(Map<String, Object> r, MapContext ctx) {
        return new TaskRecord(Fields.str(r, "uuid"), Fields.str(r, "name_label"), Fields.str(r, "name_description"),
                Fields.sym(r, "status"), Fields.dbl(r, "progress"), Fields.instant(r, "created"),
                Fields.instant(r, "finished"), taskResult(Fields.str(r, "result"), ctx),
                Fields.strings(r, "error_info"), Fields.stringMap(r, "other_config"),
                ctx.uuid(Fields.str(r, "resident_on")), Fields.strings(r, "allowed_operations"));
    }

    /** {@code <value>OpaqueRef:…</value>} becomes the object's UUID ("" when unknown); anything else stays raw. */
    static String taskResult(String raw, MapContext ctx) {
        String s = raw.trim();
        if (s.startsWith(VALUE_OPEN) && s.endsWith(VALUE_CLOSE)) {
            String inner = s.substring(VALUE_OPEN.length(), s.length() - VALUE_CLOSE.length()).trim();
            if (inner.startsWith(REF_PREFIX)) {
                return ctx.uuid(inner);
            }
        }
        return raw;
    }
}
