package org.xenwbem.provider.classes.vm;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.xenwbem.bridge.ops.VmOps;
import org.xenwbem.bridge.ops.XenFailure;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.provider.methods.EmbeddedArgs;

/**
 * A VSSD applied to a VM (xs-cim {@code _modify_vm_setting}): ElementName, Description, the
 * Automatic*Action values, HVM_Boot_Policy / HVM_Boot_Params, Platform and PV_*. A property that is
 * absent (null) leaves the VM's field as it is. Also the record {@code VM.create} needs when
 * DefineSystem has no template.
 */
public final class SystemSettings {
    static final String HVM = "DMTF:xen:HVM";
    /** Defaults of a VM defined without template: 256 MiB, one VCPU. */
    static final long DEFAULT_MEMORY = 256L << 20;

    /** CIM property → XenAPI string field. */
    private static final Map<String, String> STRINGS = linked(
            "ElementName", "name_label", "Description", "name_description",
            "HVM_Boot_Policy", "HVM_boot_policy", "PV_Bootloader", "PV_bootloader",
            "PV_Bootloader_Args", "PV_bootloader_args", "PV_Kernel", "PV_kernel", "PV_RAMDisk", "PV_ramdisk",
            "PV_Args", "PV_args", "PV_Legacy_Args", "PV_legacy_args");

    private SystemSettings() {
    }

    /** Sets every field the VSSD carries. */
    static void apply(VmOps vms, String vm, CimInstance vssd) throws XenFailure {
        for (Map.Entry<String, Object> e : fields(vssd).entrySet()) {
            vms.set(vm, e.getKey(), e.getValue());
        }
    }

    /** The XenAPI fields (setter names without {@code set_}) and values the VSSD sets. */
    static Map<String, Object> fields(CimInstance vssd) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : STRINGS.entrySet()) {
            Object v = vssd.get(e.getKey());
            if (v != null) {
                out.put(e.getValue(), v.toString());
            }
        }
        if (vssd.get("HVM_Boot_Params") != null) {
            out.put("HVM_boot_params", EmbeddedArgs.keyValues(vssd.get("HVM_Boot_Params")));
        }
        if (vssd.get("Platform") != null) {
            out.put("platform", EmbeddedArgs.keyValues(vssd.get("Platform")));
        }
        Long startup = EmbeddedArgs.num(vssd.get("AutomaticStartupAction"));
        if (startup != null) {
            out.put("actions_after_reboot", startup == 3 ? "restart" : "destroy");
        }
        Long recovery = EmbeddedArgs.num(vssd.get("AutomaticRecoveryAction"));
        if (recovery != null) {
            out.put("actions_after_crash", recovery == 3 ? "restart" : "destroy");
        }
        if (vssd.get("AutomaticShutdownAction") != null) {
            out.put("actions_after_shutdown", "destroy");
        }
        return out;
    }

    /** PV unless VirtualSystemType says HVM (or HVM boot settings come without a type). */
    static boolean isHvm(CimInstance vssd) {
        String type = EmbeddedArgs.str(vssd.get("VirtualSystemType"));
        if (type != null) {
            return type.equalsIgnoreCase(HVM) || type.toLowerCase(Locale.ROOT).endsWith(":hvm");
        }
        return vssd.get("HVM_Boot_Policy") != null || vssd.get("HVM_Boot_Params") != null;
    }

    /** The {@code VM.create} record: sane defaults, then what the VSSD says. */
    static Map<String, Object> createRecord(CimInstance vssd) {
        boolean hvm = isHvm(vssd);
        Map<String, Object> r = new HashMap<>();
        r.put("name_label", "New VM");
        r.put("name_description", "");
        r.put("user_version", "1");
        r.put("is_a_template", false);
        r.put("affinity", "OpaqueRef:NULL");
        for (String m : List.of("static_max", "dynamic_max", "dynamic_min", "static_min")) {
            r.put("memory_" + m, Long.toString(DEFAULT_MEMORY));
        }
        r.put("VCPUs_params", Map.of());
        r.put("VCPUs_max", "1");
        r.put("VCPUs_at_startup", "1");
        r.put("actions_after_shutdown", "destroy");
        r.put("actions_after_reboot", "restart");
        r.put("actions_after_crash", "restart");
        r.put("PV_bootloader", hvm ? "" : "pygrub");
        for (String pv : List.of("PV_kernel", "PV_ramdisk", "PV_args", "PV_bootloader_args", "PV_legacy_args")) {
            r.put(pv, "");
        }
        r.put("HVM_boot_policy", hvm ? "BIOS order" : "");
        r.put("HVM_boot_params", hvm ? Map.of("order", "cd") : Map.of());
        r.put("HVM_shadow_multiplier", 1.0);
        r.put("platform", hvm ? Map.of("acpi", "1", "apic", "true", "pae", "true", "viridian", "true", "nx", "true")
                : Map.of());
        r.put("PCI_bus", "");
        r.put("other_config", Map.of());
        r.put("recommendations", "");
        r.put("xenstore_data", Map.of());
        r.put("ha_always_run", false);
        r.put("ha_restart_priority", "");
        r.put("tags", List.of());
        r.put("blocked_operations", Map.of());
        r.put("protection_policy", "OpaqueRef:NULL");
        r.put("is_snapshot_from_vmpp", false);
        r.put("appliance", "OpaqueRef:NULL");
        r.put("start_delay", "0");
        r.put("shutdown_delay", "0");
        r.put("order", "0");
        r.put("suspend_SR", "OpaqueRef:NULL");
        r.put("version", "0");
        r.put("generation_id", "");
        r.put("hardware_platform_version", "0");
        r.putAll(fields(vssd));
        return r;
    }

    private static Map<String, String> linked(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }
}
