package org.xenwbem.bridge.sim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The writable VM fields by XenAPI type (datamodel 2024-06, class VM): how a value of each type is
 * read off the wire and what it must be. Enum values are matched case-insensitively and stored in
 * the datamodel's spelling, as xapi's generated unmarshaller does; anything of the wrong shape is
 * {@code FIELD_TYPE_ERROR [field]}.
 */
final class SimVmFields {
    static final List<String> ON_NORMAL_EXIT = List.of("destroy", "restart");
    static final List<String> ON_CRASH = List.of("destroy", "coredump_and_destroy", "restart",
            "coredump_and_restart", "preserve", "rename_restart");
    static final List<String> ON_SOFTREBOOT = List.of("soft_reboot", "destroy", "restart", "preserve");
    static final List<String> DOMAIN_TYPE = List.of("hvm", "pv", "pv_in_pvh", "pvh", "unspecified");
    static final List<String> POWER_STATE = List.of("Halted", "Paused", "Running", "Suspended");

    /** A field's XenAPI type; {@code values} are the members of an enum type. */
    record Type(String name, List<String> values) {
        static final Type STRING = new Type("string", List.of());
        static final Type INT = new Type("int", List.of());
        static final Type FLOAT = new Type("float", List.of());
        static final Type BOOL = new Type("bool", List.of());
        static final Type MAP = new Type("(string -> string) map", List.of());
        static final Type SET = new Type("string set", List.of());
        static final Type REF = new Type("ref", List.of());

        static Type enumOf(List<String> values) {
            return new Type("enum", values);
        }
    }

    /** A constructor argument of VM.create: its type and datamodel default (null: the caller must give it). */
    record Field(String name, Type type, Object fallback) {
    }

    /** VM.create's constructor arguments (xenapi.md §8 VM, "RW" and "RO/constructor"), in datamodel order. */
    static final List<Field> CONSTRUCTOR = List.of(
            new Field("name_label", Type.STRING, ""),
            new Field("name_description", Type.STRING, ""),
            new Field("power_state", Type.enumOf(POWER_STATE), "Halted"),
            new Field("user_version", Type.INT, null),
            new Field("is_a_template", Type.BOOL, null),
            new Field("suspend_VDI", Type.REF, SimDatabase.NULL_REF),
            new Field("affinity", Type.REF, null),
            new Field("memory_target", Type.INT, 0L),
            new Field("memory_static_max", Type.INT, null),
            new Field("memory_dynamic_max", Type.INT, null),
            new Field("memory_dynamic_min", Type.INT, null),
            new Field("memory_static_min", Type.INT, null),
            new Field("VCPUs_params", Type.MAP, null),
            new Field("VCPUs_max", Type.INT, null),
            new Field("VCPUs_at_startup", Type.INT, null),
            new Field("actions_after_softreboot", Type.enumOf(ON_SOFTREBOOT), "soft_reboot"),
            new Field("actions_after_shutdown", Type.enumOf(ON_NORMAL_EXIT), null),
            new Field("actions_after_reboot", Type.enumOf(ON_NORMAL_EXIT), null),
            new Field("actions_after_crash", Type.enumOf(ON_CRASH), null),
            new Field("PV_bootloader", Type.STRING, null),
            new Field("PV_kernel", Type.STRING, null),
            new Field("PV_ramdisk", Type.STRING, null),
            new Field("PV_args", Type.STRING, null),
            new Field("PV_bootloader_args", Type.STRING, null),
            new Field("PV_legacy_args", Type.STRING, null),
            new Field("HVM_boot_policy", Type.STRING, null),
            new Field("HVM_boot_params", Type.MAP, null),
            new Field("HVM_shadow_multiplier", Type.FLOAT, 1.0),
            new Field("platform", Type.MAP, null),
            new Field("PCI_bus", Type.STRING, null),
            new Field("other_config", Type.MAP, null),
            new Field("last_boot_CPU_flags", Type.MAP, Map.of()),
            new Field("last_booted_record", Type.STRING, ""),
            new Field("recommendations", Type.STRING, null),
            new Field("xenstore_data", Type.MAP, Map.of()),
            new Field("ha_always_run", Type.BOOL, false),
            new Field("ha_restart_priority", Type.STRING, ""),
            new Field("tags", Type.SET, List.of()),
            new Field("blocked_operations", Type.MAP, Map.of()),
            new Field("appliance", Type.REF, SimDatabase.NULL_REF),
            new Field("start_delay", Type.INT, 0L),
            new Field("shutdown_delay", Type.INT, 0L),
            new Field("order", Type.INT, 0L),
            new Field("suspend_SR", Type.REF, SimDatabase.NULL_REF),
            new Field("version", Type.INT, 0L),
            new Field("generation_id", Type.STRING, "0:0"),
            new Field("hardware_platform_version", Type.INT, 0L),
            new Field("has_vendor_device", Type.BOOL, false),
            new Field("reference_label", Type.STRING, ""),
            new Field("domain_type", Type.enumOf(DOMAIN_TYPE), "unspecified"),
            new Field("NVRAM", Type.MAP, Map.of()));

    private SimVmFields() {
    }

    /** Reads a wire value as {@code type}; FIELD_TYPE_ERROR [field] when it is not one. */
    static Object read(String field, Type type, Object v) {
        Object out = switch (type.name()) {
            case "string", "ref" -> v instanceof String s ? s : null;
            case "int" -> integer(v);
            case "float" -> real(v);
            case "bool" -> v instanceof Boolean b ? b : null;
            case "(string -> string) map" -> stringMap(v);
            case "string set" -> stringSet(v);
            case "enum" -> member(type.values(), v);
            default -> throw new IllegalStateException(type.name());
        };
        if (out == null) {
            throw new SimFault("FIELD_TYPE_ERROR", field);
        }
        return out;
    }

    /** The domain type a boot policy implies (xapi's derivation): HVM unless the policy is empty. */
    static String domainTypeFor(String hvmBootPolicy) {
        return hvmBootPolicy.isEmpty() ? "pv" : "hvm";
    }

    /** The boot policy a domain type implies: "BIOS order" for hvm, empty otherwise. */
    static String bootPolicyFor(String domainType) {
        return "hvm".equals(domainType) ? "BIOS order" : "";
    }

    private static Long integer(Object v) {
        if (v instanceof Number n) {
            return n.doubleValue() == n.longValue() ? Long.valueOf(n.longValue()) : null;
        }
        if (v instanceof String s) {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static Double real(Object v) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof String s) {
            try {
                return Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    private static Map<String, String> stringMap(Object v) {
        if (!(v instanceof Map<?, ?> m)) {
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!(e.getValue() instanceof String s)) {
                return null;
            }
            out.put(String.valueOf(e.getKey()), s);
        }
        return out;
    }

    private static List<String> stringSet(Object v) {
        if (!(v instanceof List<?> l)) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (Object o : l) {
            if (!(o instanceof String s)) {
                return null;
            }
            if (!out.contains(s)) {
                out.add(s);
            }
        }
        return out;
    }

    private static String member(List<String> values, Object v) {
        if (!(v instanceof String s)) {
            return null;
        }
        for (String value : values) {
            if (value.toLowerCase(Locale.ROOT).equals(s.toLowerCase(Locale.ROOT))) {
                return value;
            }
        }
        return null;
    }
}
