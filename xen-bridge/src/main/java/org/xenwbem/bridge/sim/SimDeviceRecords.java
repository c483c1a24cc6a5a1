package org.xenwbem.bridge.sim;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Record templates for the storage, network and guest classes (PBD, VDI, VBD, network, VIF, PIF,
 * Bond, VLAN, console, VM_guest_metrics): hand-curated subsets of xapi's fields (xenapi.md §8) with
 * the values a fresh object has. Callers override what varies.
 */
final class SimDeviceRecords {
    static final String NULL = SimDatabase.NULL_REF;
    static final long MTU = 1500L;

    private SimDeviceRecords() {
    }

    static Map<String, Object> pbd(String uuid, String host, String sr, Map<String, ?> deviceConfig) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("uuid", uuid);
        m.put("host", host);
        m.put("SR", sr);
        m.put("device_config", deviceConfig);
        m.put("currently_attached", true);
        m.put("other_config", Map.of());
        return m;
    }

    static Map<String, Object> vdi(String uuid, String name, String sr, long size, long physical, String type) {
        Map<String, Object> m = named(uuid, name, "");
        m.put("allowed_operations", List.of("clone", "copy", "resize", "snapshot", "destroy", "forget", "update"));
        m.put("current_operations", Map.of());
        m.put("SR", sr);
        m.put("VBDs", List.of());
        m.put("crash_dumps", List.of());
        m.put("virtual_size", size);
        m.put("physical_utilisation", physical);
        m.put("type", type);
        m.put("sharable", false);
        m.put("read_only", false);
        m.put("other_config", Map.of());
        m.put("storage_lock", false);
        m.put("location", uuid);
        m.put("managed", true);
        m.put("missing", false);
        m.put("parent", NULL);
        m.put("xenstore_data", Map.of());
        m.put("sm_config", Map.of());
        m.put("is_a_snapshot", false);
        m.put("snapshot_of", NULL);
        m.put("snapshots", List.of());
        m.put("snapshot_time", Instant.EPOCH);
        m.put("tags", List.of());
        m.put("allow_caching", false);
        m.put("on_boot", "persist");
        m.put("metadata_of_pool", NULL);
        m.put("metadata_latest", false);
        m.put("is_tools_iso", false);
        m.put("cbt_enabled", false);
        return m;
    }

    /** A VBD; {@code vdi} is OpaqueRef:NULL for an empty drive. */
    static Map<String, Object> vbd(String uuid, String vm, String vdi, String userdevice, String type, String mode,
                                   boolean bootable) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("uuid", uuid);
        m.put("allowed_operations", List.of("attach"));
        m.put("current_operations", Map.of());
        m.put("VM", vm);
        m.put("VDI", vdi);
        m.put("device", "");
        m.put("userdevice", userdevice);
        m.put("bootable", bootable);
        m.put("mode", mode);
        m.put("type", type);
        m.put("unpluggable", true);
        m.put("storage_lock", false);
        m.put("empty", NULL.equals(vdi));
        m.put("other_config", Map.of());
        m.put("currently_attached", false);
        m.put("status_code", 0L);
        m.put("status_detail", "");
        m.put("runtime_properties", Map.of());
        m.put("qos_algorithm_type", "");
        m.put("qos_algorithm_params", Map.of());
        m.put("qos_supported_algorithms", List.of());
        m.put("metrics", NULL);
        return m;
    }

    static Map<String, Object> network(String uuid, String name, String description, String bridge) {
        Map<String, Object> m = named(uuid, name, description);
        m.put("allowed_operations", List.of());
        m.put("current_operations", Map.of());
        m.put("VIFs", List.of());
        m.put("PIFs", List.of());
        m.put("MTU", MTU);
        m.put("other_config", Map.of());
        m.put("bridge", bridge);
        m.put("managed", true);
        m.put("blobs", Map.of());
        m.put("tags", List.of());
        m.put("default_locking_mode", "unlocked");
        m.put("assigned_ips", Map.of());
        m.put("purpose", List.of());
        return m;
    }

    static Map<String, Object> vif(String uuid, String vm, String network, String device, String mac) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("uuid", uuid);
        m.put("allowed_operations", List.of("attach"));
        m.put("current_operations", Map.of());
        m.put("device", device);
        m.put("network", network);
        m.put("VM", vm);
        m.put("MAC", mac);
        m.put("MTU", MTU);
        m.put("other_config", Map.of());
        m.put("currently_attached", false);
        m.put("status_code", 0L);
        m.put("status_detail", "");
        m.put("runtime_properties", Map.of());
        m.put("qos_algorithm_type", "");
        m.put("qos_algorithm_params", Map.of());
        m.put("qos_supported_algorithms", List.of());
        m.put("metrics", NULL);
        m.put("MAC_autogenerated", true);
        m.put("locking_mode", "network_default");
        m.put("ipv4_allowed", List.of());
        m.put("ipv6_allowed", List.of());
        m.put("ipv4_configuration_mode", "None");
        m.put("ipv4_addresses", List.of());
        m.put("ipv4_gateway", "");
        m.put("ipv6_configuration_mode", "None");
        m.put("ipv6_addresses", List.of());
        m.put("ipv6_gateway", "");
        return m;
    }

    /** An unconfigured, attached PIF; callers set IP, management, bond and VLAN fields. */
    static Map<String, Object> pif(String uuid, String host, String network, String device, String mac,
                                   long vlan, boolean physical) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("uuid", uuid);
        m.put("device", device);
        m.put("network", network);
        m.put("host", host);
        m.put("MAC", mac);
        m.put("MTU", MTU);
        m.put("VLAN", vlan);
        m.put("metrics", NULL);
        m.put("physical", physical);
        m.put("currently_attached", true);
        m.put("ip_configuration_mode", "None");
        m.put("IP", "");
        m.put("netmask", "");
        m.put("gateway", "");
        m.put("DNS", "");
        m.put("bond_slave_of", NULL);
        m.put("bond_master_of", List.of());
        m.put("VLAN_master_of", NULL);
        m.put("VLAN_slave_of", List.of());
        m.put("management", false);
        m.put("other_config", Map.of());
        m.put("disallow_unplug", false);
        m.put("ipv6_configuration_mode", "None");
        m.put("IPv6", List.of());
        m.put("ipv6_gateway", "");
        m.put("primary_address_type", "IPv4");
        m.put("managed", true);
        m.put("properties", Map.of());
        m.put("capabilities", List.of());
        m.put("igmp_snooping_status", "unknown");
        return m;
    }

    static Map<String, Object> bond(String uuid, String master, List<String> slaves, String mode) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("uuid", uuid);
        m.put("master", master);
        m.put("slaves", slaves);
        m.put("other_config", Map.of());
        m.put("primary_slave", slaves.get(0));
        m.put("mode", mode);
        m.put("properties", Map.of("hashing_algorithm", "src_mac"));
        m.put("links_up", (long) slaves.size());
        m.put("auto_update_mac", true);
        return m;
    }

    static Map<String, Object> vlan(String uuid, String tagged, String untagged, long tag) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("uuid", uuid);
        m.put("tagged_PIF", tagged);
        m.put("untagged_PIF", untagged);
        m.put("tag", tag);
        m.put("other_config", Map.of());
        return m;
    }

    static Map<String, Object> console(String uuid, String vm, String protocol, String location) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("uuid", uuid);
        m.put("protocol", protocol);
        m.put("location", location);
        m.put("VM", vm);
        m.put("other_config", Map.of());
        return m;
    }

    /** What a Linux guest agent with up-to-date PV drivers reports; {@code ip} is its first address. */
    static Map<String, Object> guestMetrics(String uuid, String distro, String ip, Instant updated) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("uuid", uuid);
        m.put("os_version", Map.of("name", distro, "distro", "debian", "major", "12", "minor", "5",
                "uname", "6.1.0-21-amd64"));
        m.put("PV_drivers_version", Map.of("major", "8", "minor", "3", "micro", "0", "build", "1"));
        m.put("PV_drivers_up_to_date", true);
        m.put("memory", Map.of());
        m.put("disks", Map.of());
        m.put("networks", Map.of("0/ip", ip, "0/ipv4/0", ip));
        m.put("other", Map.of("feature-shutdown", "1", "feature-suspend", "1", "has-vendor-device", "0",
                "platform-feature-multiprocessor-suspend", "1"));
        m.put("last_updated", updated);
        m.put("other_config", Map.of());
        m.put("live", true);
        m.put("can_use_hotplug_vbd", "yes");
        m.put("can_use_hotplug_vif", "yes");
        m.put("PV_drivers_detected", true);
        return m;
    }

    private static Map<String, Object> named(String uuid, String name, String description) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("uuid", uuid);
        m.put("name_label", name);
        m.put("name_description", description);
        return m;
    }
}
