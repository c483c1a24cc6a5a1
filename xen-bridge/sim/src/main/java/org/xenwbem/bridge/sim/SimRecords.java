package org.xenwbem.bridge.sim;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Record templates for the simulated classes: hand-curated subsets of xapi's fields (xenapi.md §8),
 * with the values a fresh XCP-ng object has. Callers override what varies.
 */
final class SimRecords {
    static final String NULL = SimDatabase.NULL_REF;
    static final long GIB = 1L << 30;
    /** The simulator's fixed "now" for seeded timestamps, so that seeded state is reproducible. */
    static final Instant BASE_TIME = Instant.parse("2024-06-01T00:00:00Z");

    private SimRecords() {
    }

    static Map<String, Object> pool(String uuid, String masterRef, String defaultSr) {
        Map<String, Object> m = named(uuid, "Simulated Pool", "");
        m.put("master", masterRef);
        m.put("default_SR", defaultSr);
        m.put("suspend_image_SR", defaultSr);
        m.put("crash_dump_SR", defaultSr);
        m.put("other_config", Map.of());
        m.put("ha_enabled", false);
        m.put("ha_configuration", Map.of());
        m.put("ha_statefiles", List.of());
        m.put("ha_host_failures_to_tolerate", 0L);
        m.put("ha_plan_exists_for", 0L);
        m.put("ha_allow_overcommit", false);
        m.put("ha_overcommitted", false);
        m.put("blobs", Map.of());
        m.put("tags", List.of());
        m.put("gui_config", Map.of());
        m.put("wlb_url", "");
        m.put("wlb_username", "");
        m.put("wlb_enabled", false);
        m.put("redo_log_enabled", false);
        m.put("redo_log_vdi", NULL);
        m.put("restrictions", Map.of());
        m.put("allowed_operations", List.of());
        m.put("current_operations", Map.of());
        m.put("tls_verification_enabled", false);
        m.put("migration_compression", false);
        m.put("coordinator_bias", true);
        return m;
    }

    static Map<String, Object> host(String uuid, int index, String metricsRef, List<String> cpuRefs,
                                    String controlDomain, String localSr) {
        String name = "sim-host-" + index;
        Map<String, Object> m = named(uuid, name, "Simulated XCP-ng host");
        m.put("memory_overhead", 0L);
        m.put("allowed_operations", List.of("provision", "evacuate", "shutdown", "reboot", "vm_start",
                "vm_resume", "vm_migrate"));
        m.put("current_operations", Map.of());
        m.put("API_version_major", 2L);
        m.put("API_version_minor", 21L);
        m.put("API_version_vendor", "XenSource");
        m.put("API_version_vendor_implementation", Map.of());
        m.put("enabled", true);
        m.put("software_version", softwareVersion(name));
        Instant boot = BASE_TIME.minusSeconds(86_400L * (index + 1));
        m.put("other_config", Map.of("boot_time", Long.toString(boot.getEpochSecond()) + ".",
                "agent_start_time", Long.toString(boot.getEpochSecond() + 60) + "."));
        hostDefaults(m, name, localSr);
        m.put("host_CPUs", cpuRefs);
        m.put("cpu_info", Map.of("cpu_count", Integer.toString(cpuRefs.size()), "socket_count", "2",
                "vendor", "GenuineIntel", "speed", "2600.000", "modelname", "Simulated Xeon CPU",
                "family", "6", "model", "85", "stepping", "4"));
        m.put("hostname", name + ".sim.local");
        m.put("address", "127.0.0." + (index + 1));
        m.put("metrics", metricsRef);
        m.put("control_domain", controlDomain);
        return m;
    }

    /** The host fields that are the same on every simulated host (apart from its name). */
    private static void hostDefaults(Map<String, Object> m, String name, String localSr) {
        m.put("capabilities", List.of("xen-3.0-x86_64", "hvm-3.0-x86_32", "hvm-3.0-x86_64"));
        m.put("sched_policy", "credit");
        m.put("supported_bootloaders", List.of("pygrub", "eliloader"));
        m.put("resident_VMs", List.of());
        m.put("PIFs", List.of());
        m.put("suspend_image_sr", localSr);
        m.put("crash_dump_sr", localSr);
        m.put("PBDs", List.of());
        m.put("license_params", Map.of());
        m.put("tags", List.of());
        m.put("edition", "xcp-ng");
        m.put("bios_strings", Map.of("system-manufacturer", "Simulated", "system-product-name", "SimServer"));
        m.put("iscsi_iqn", "iqn.2024-06.local.sim:" + name);
        m.put("multipathing", false);
        m.put("editions", List.of("xcp-ng"));
        m.put("tls_verification_enabled", false);
        m.put("https_only", false);
        m.put("numa_affinity_policy", "default_policy");
        m.put("power_on_mode", "wake-on-lan");
        m.put("power_on_config", Map.of());
    }

    private static Map<String, String> softwareVersion(String hostname) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("product_brand", "XCP-ng");
        v.put("product_version", "8.3.0");
        v.put("product_version_text", "8.3");
        v.put("product_version_text_short", "8.3");
        v.put("platform_name", "XCP");
        v.put("platform_version", "3.4.0");
        v.put("build_number", "sim.8.3.0");
        v.put("hostname", hostname);
        v.put("date", "2024-06-01");
        v.put("xapi", "24.19");
        v.put("xen", "4.17.4");
        v.put("linux", "4.19.0+1");
        return v;
    }

    static Map<String, Object> hostMetrics(String uuid, long total, long free) {
        Map<String, Object> m = record(uuid);
        m.put("memory_total", total);
        m.put("memory_free", free);
        m.put("live", true);
        m.put("last_updated", BASE_TIME);
        m.put("other_config", Map.of());
        return m;
    }

    static Map<String, Object> hostCpu(String uuid, String hostRef, int number) {
        Map<String, Object> m = record(uuid);
        m.put("host", hostRef);
        m.put("number", (long) number);
        m.put("vendor", "GenuineIntel");
        m.put("speed", 2600L);
        m.put("modelname", "Simulated Xeon CPU");
        m.put("family", 6L);
        m.put("model", 85L);
        m.put("stepping", "4");
        m.put("flags", "fpu de tsc msr pae cx8 apic sep cmov pat clflush mmx fxsr sse sse2 ht nx lm");
        m.put("features", "");
        m.put("utilisation", 0.0);
        m.put("other_config", Map.of());
        return m;
    }

    static Map<String, Object> sr(String uuid, String name, String type, boolean shared, long size) {
        String description = shared ? "Shared NFS storage" : "Local storage";
        Map<String, Object> m = withOperations(named(uuid, name, description), List.of("scan", "vdi_create",
                "vdi_destroy", "vdi_resize", "vdi_clone", "vdi_snapshot", "plug", "unplug", "pbd_create",
                "pbd_destroy"));
        m.put("VDIs", List.of());
        m.put("PBDs", List.of());
        m.put("virtual_allocation", 0L);
        m.put("physical_utilisation", size / 8);
        m.put("physical_size", size);
        m.put("type", type);
        m.put("content_type", "user");
        m.put("shared", shared);
        m.put("other_config", Map.of());
        m.put("tags", List.of());
        m.put("sm_config", Map.of());
        m.put("blobs", Map.of());
        m.put("local_cache_enabled", false);
        m.put("introduced_by", NULL);
        m.put("clustered", false);
        m.put("is_tools_sr", false);
        return m;
    }

    /** A halted, non-template VM with {@code memory} bytes and {@code vcpus}; callers override the rest. */
    static Map<String, Object> vm(String uuid, String name, String metricsRef, long memory, long vcpus) {
        Map<String, Object> m = withOperations(named(uuid, name, ""), List.of());
        m.put("power_state", "Halted");
        m.put("user_version", 1L);
        m.put("is_a_template", false);
        m.put("is_default_template", false);
        m.put("suspend_VDI", NULL);
        m.put("resident_on", NULL);
        m.put("scheduled_to_be_resident_on", NULL);
        m.put("affinity", NULL);
        m.put("memory_overhead", memory / 128);
        m.put("memory_target", 0L);
        m.put("memory_static_max", memory);
        m.put("memory_dynamic_max", memory);
        m.put("memory_dynamic_min", memory);
        m.put("memory_static_min", Math.min(memory, 512L << 20));
        m.put("VCPUs_params", Map.of());
        m.put("VCPUs_max", vcpus);
        m.put("VCPUs_at_startup", vcpus);
        m.put("actions_after_shutdown", "destroy");
        m.put("actions_after_reboot", "restart");
        m.put("actions_after_crash", "restart");
        vmDefaults(m, metricsRef);
        return m;
    }

    /** The VM fields a fresh, never-booted HVM guest has. */
    private static void vmDefaults(Map<String, Object> m, String metricsRef) {
        m.put("consoles", List.of());
        m.put("VIFs", List.of());
        m.put("VBDs", List.of());
        m.put("PV_bootloader", "");
        m.put("PV_kernel", "");
        m.put("PV_ramdisk", "");
        m.put("PV_args", "");
        m.put("PV_bootloader_args", "");
        m.put("PV_legacy_args", "");
        m.put("HVM_boot_policy", "BIOS order");
        m.put("HVM_boot_params", Map.of("order", "cdn"));
        m.put("HVM_shadow_multiplier", 1.0);
        m.put("platform", Map.of("acpi", "1", "apic", "true", "pae", "true", "nx", "true",
                "viridian", "false", "device-model", "qemu-upstream-compat"));
        m.put("PCI_bus", "");
        m.put("other_config", Map.of());
        m.put("domid", -1L);
        m.put("domarch", "");
        m.put("is_control_domain", false);
        m.put("metrics", metricsRef);
        m.put("guest_metrics", NULL);
        m.put("xenstore_data", Map.of());
        m.put("ha_always_run", false);
        m.put("ha_restart_priority", "");
        m.put("is_a_snapshot", false);
        m.put("snapshot_of", NULL);
        m.put("snapshots", List.of());
        m.put("snapshot_time", Instant.EPOCH);
        m.put("transportable_snapshot_id", "");
        m.put("tags", List.of());
        m.put("blocked_operations", Map.of());
        m.put("parent", NULL);
        m.put("children", List.of());
        m.put("bios_strings", Map.of());
        m.put("suspend_SR", NULL);
        m.put("hardware_platform_version", 0L);
        m.put("has_vendor_device", false);
        m.put("requires_reboot", false);
        m.put("domain_type", "hvm");
        m.put("NVRAM", Map.of());
        m.put("actions_after_softreboot", "soft_reboot");
        m.put("recommendations", "");
        m.put("last_boot_CPU_flags", Map.of());
        m.put("last_booted_record", "");
        m.put("appliance", NULL);
        m.put("start_delay", 0L);
        m.put("shutdown_delay", 0L);
        m.put("order", 0L);
        m.put("version", 0L);
        m.put("generation_id", "");
        m.put("reference_label", "");
    }

    static Map<String, Object> vmMetrics(String uuid, long vcpus) {
        Map<String, Object> m = record(uuid);
        m.put("memory_actual", 0L);
        m.put("VCPUs_number", vcpus);
        m.put("VCPUs_utilisation", Map.of("0", 0.0));
        m.put("VCPUs_CPU", Map.of());
        m.put("VCPUs_params", Map.of());
        m.put("VCPUs_flags", Map.of());
        m.put("state", List.of());
        m.put("start_time", Instant.EPOCH);
        m.put("install_time", BASE_TIME.minusSeconds(30L * 86_400));
        m.put("last_updated", Instant.EPOCH);
        m.put("other_config", Map.of());
        m.put("hvm", true);
        m.put("nested_virt", false);
        m.put("nomigrate", false);
        m.put("current_domain_type", "unspecified");
        return m;
    }

    static Map<String, Object> task(String uuid, String name, String hostRef, Instant created) {
        Map<String, Object> m = withOperations(named(uuid, name, ""), List.of("cancel"));
        m.put("created", created);
        m.put("finished", Instant.EPOCH);
        m.put("status", "pending");
        m.put("resident_on", hostRef);
        m.put("progress", 0.0);
        m.put("type", "<none/>");
        m.put("result", "");
        m.put("error_info", List.of());
        m.put("other_config", Map.of());
        m.put("subtask_of", NULL);
        m.put("subtasks", List.of());
        m.put("backtrace", "()");
        return m;
    }

    /** A fresh record with its uuid first, as xapi lists it: every template here and in {@link SimDeviceRecords}. */
    static Map<String, Object> record(String uuid) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("uuid", uuid);
        return m;
    }

    /** A record of a class with a name: uuid, {@code name_label}, {@code name_description}. */
    static Map<String, Object> named(String uuid, String name, String description) {
        Map<String, Object> m = record(uuid);
        m.put("name_label", name);
        m.put("name_description", description);
        return m;
    }

    /** Adds {@code allowed_operations} and an empty {@code current_operations}: nothing runs on a fresh object. */
    static Map<String, Object> withOperations(Map<String, Object> m, List<String> allowed) {
        m.put("allowed_operations", allowed);
        m.put("current_operations", Map.of());
        return m;
    }
}
