package org.xenwbem.bridge.sim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code VM.create(record)} and the VM field setters beyond names, memory and VCPUs.
 *
 * <p>VM.create reads every constructor argument of {@link SimVmFields#CONSTRUCTOR}: an absent
 * argument without a datamodel default, or one of the wrong type or an unknown enum value, is
 * {@code FIELD_TYPE_ERROR [field]}; other members of the record (runtime fields, which the Java SDK
 * sends too) are ignored. Then xapi's checks: memory limits in order (MEMORY_CONSTRAINT_VIOLATION),
 * 1 ≤ VCPUs_at_startup ≤ VCPUs_max and a shadow multiplier ≥ 1 (INVALID_VALUE), affinity and
 * suspend_SR NULL or live (HANDLE_INVALID), and power_state Halted — creating a suspended VM needs a
 * suspend image this simulator does not model. The VM gets a fresh uuid, a VM_metrics object and
 * the allowed operations of a halted VM; an unspecified domain_type follows HVM_boot_policy. Its
 * creation is an {@code add} event like any other object's.
 *
 * <p>Setters: the string, map and enum fields any power state may change (they take effect at the
 * next boot, as in xapi), {@code add_to_}/{@code remove_from_} for the maps (MAP_DUPLICATE_KEY),
 * tags, affinity (a live host or NULL), and HVM_boot_policy / domain_type, which keep each other in
 * step as xapi does (domain_type {@code unspecified} is INVALID_VALUE).
 */
final class SimVmCreate {
    private static final String VM = "VM";
    private static final String NULL = SimDatabase.NULL_REF;
    private static final List<String> STRINGS = List.of("PV_bootloader", "PV_kernel", "PV_ramdisk", "PV_args",
            "PV_bootloader_args", "PV_legacy_args", "PCI_bus", "recommendations");
    private static final List<String> MAPS = List.of("HVM_boot_params", "platform", "VCPUs_params",
            "xenstore_data", "other_config", "blocked_operations");
    /** Maps whose add_to_/remove_from_ this class registers (other_config's are in SimHostOps). */
    private static final List<String> KEYED_MAPS = List.of("HVM_boot_params", "platform", "VCPUs_params",
            "xenstore_data", "blocked_operations");
    private static final Map<String, List<String>> ENUMS = Map.of(
            "actions_after_shutdown", SimVmFields.ON_NORMAL_EXIT,
            "actions_after_reboot", SimVmFields.ON_NORMAL_EXIT,
            "actions_after_crash", SimVmFields.ON_CRASH,
            "actions_after_softreboot", SimVmFields.ON_SOFTREBOOT);

    private final SimDatabase db;

    SimVmCreate(SimDatabase db) {
        this.db = db;
    }

    /** The permissions these messages need, for {@link SimRole}. */
    static List<String> permissions() {
        List<String> p = new ArrayList<>(List.of("vm.create", "vm.set_affinity", "vm.set_tags", "vm.add_tags",
                "vm.remove_tags", "vm.set_hvm_boot_policy", "vm.set_domain_type"));
        for (String f : STRINGS) {
            p.add(perm("set_" + f));
        }
        for (String f : MAPS) {
            p.add(perm("set_" + f));
        }
        for (String f : KEYED_MAPS) {
            p.add(perm("add_to_" + f));
            p.add(perm("remove_from_" + f));
        }
        ENUMS.keySet().forEach(f -> p.add(perm("set_" + f)));
        return p;
    }

    void register(Map<String, SimMethod> m) {
        m.put("VM.create", SimMethod.action(2, "vm.create", (s, a) -> create(SimArgs.struct(a, 0))));
        for (String f : STRINGS) {
            setter(m, f, SimVmFields.Type.STRING);
        }
        for (String f : MAPS) {
            setter(m, f, SimVmFields.Type.MAP);
        }
        ENUMS.forEach((f, values) -> setter(m, f, SimVmFields.Type.enumOf(values)));
        setter(m, "tags", SimVmFields.Type.SET);
        for (String f : KEYED_MAPS) {
            m.put("VM.add_to_" + f, SimMethod.write(4, perm("add_to_" + f), (s, a) ->
                    addToMap(SimArgs.str(a, 0), f, SimArgs.str(a, 1), SimArgs.str(a, 2))));
            m.put("VM.remove_from_" + f, SimMethod.write(3, perm("remove_from_" + f), (s, a) ->
                    write(SimArgs.str(a, 0), () -> db.putInMap(VM, SimArgs.str(a, 0), f, SimArgs.str(a, 1), null))));
        }
        m.put("VM.add_tags", SimMethod.write(3, "vm.add_tags", (s, a) ->
                write(SimArgs.str(a, 0), () -> db.addToSet(VM, SimArgs.str(a, 0), "tags", SimArgs.str(a, 1)))));
        m.put("VM.remove_tags", SimMethod.write(3, "vm.remove_tags", (s, a) ->
                write(SimArgs.str(a, 0), () -> db.removeFromSet(VM, SimArgs.str(a, 0), "tags", SimArgs.str(a, 1)))));
        m.put("VM.set_affinity", SimMethod.write(3, "vm.set_affinity", (s, a) -> write(SimArgs.str(a, 0), () ->
                db.set(VM, SimArgs.str(a, 0), "affinity", liveOrNull("host", SimArgs.str(a, 1))))));
        m.put("VM.set_HVM_boot_policy", SimMethod.write(3, "vm.set_hvm_boot_policy", (s, a) -> {
            String policy = SimArgs.str(a, 1);
            return write(SimArgs.str(a, 0), () -> {
                db.set(VM, SimArgs.str(a, 0), "domain_type", SimVmFields.domainTypeFor(policy));
                db.set(VM, SimArgs.str(a, 0), "HVM_boot_policy", policy);
            });
        }));
        m.put("VM.set_domain_type", SimMethod.write(3, "vm.set_domain_type", (s, a) -> {
            String type = (String) SimVmFields.read("value", SimVmFields.Type.enumOf(SimVmFields.DOMAIN_TYPE), a.get(1));
            if ("unspecified".equals(type)) {
                throw new SimFault("INVALID_VALUE", "domain_type", type);
            }
            return write(SimArgs.str(a, 0), () -> {
                db.set(VM, SimArgs.str(a, 0), "domain_type", type);
                db.set(VM, SimArgs.str(a, 0), "HVM_boot_policy", SimVmFields.bootPolicyFor(type));
            });
        }));
    }

    /** VM.create: validates the record, then adds a halted VM with its metrics; returns the VM's ref. */
    String create(Map<String, Object> args) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (SimVmFields.Field f : SimVmFields.CONSTRUCTOR) {
            Object raw = args.get(f.name());
            if (raw == null && f.fallback() == null) {
                throw new SimFault("FIELD_TYPE_ERROR", f.name());
            }
            values.put(f.name(), raw == null ? f.fallback() : SimVmFields.read(f.name(), f.type(), raw));
        }
        checkLimits(values);
        if ("unspecified".equals(values.get("domain_type"))) {
            values.put("domain_type", SimVmFields.domainTypeFor((String) values.get("HVM_boot_policy")));
        }
        return db.atomically(() -> {
            liveOrNull("host", (String) values.get("affinity"));
            liveOrNull("SR", (String) values.get("suspend_SR"));
            long vcpus = (Long) values.get("VCPUs_at_startup");
            String metrics = db.create("VM_metrics", SimRecords.vmMetrics(db.newUuid(), vcpus));
            Map<String, Object> rec = SimRecords.vm(db.newUuid(), (String) values.get("name_label"), metrics,
                    (Long) values.get("memory_static_max"), (Long) values.get("VCPUs_max"));
            values.forEach((k, v) -> {
                if (rec.containsKey(k)) {
                    rec.put(k, v);
                }
            });
            rec.put("power_state", "Halted");
            rec.put("allowed_operations", SimVmPower.allowedOperations("Halted"));
            return db.create(VM, rec);
        });
    }

    /** xapi's constructor checks that need no database: power state, memory order, VCPUs, shadow multiplier. */
    private static void checkLimits(Map<String, Object> v) {
        if (!"Halted".equals(v.get("power_state"))) {
            throw new SimFault("INVALID_VALUE", "power_state", (String) v.get("power_state"));
        }
        if (!NULL.equals(v.get("suspend_VDI"))) {
            throw new SimFault("INVALID_VALUE", "suspend_VDI", (String) v.get("suspend_VDI"));
        }
        long smin = (Long) v.get("memory_static_min");
        long dmin = (Long) v.get("memory_dynamic_min");
        long dmax = (Long) v.get("memory_dynamic_max");
        long smax = (Long) v.get("memory_static_max");
        if (!(smin <= dmin && dmin <= dmax && dmax <= smax) || smin < 0) {
            throw new SimFault("MEMORY_CONSTRAINT_VIOLATION",
                    "Memory limits must satisfy: static_min <= dynamic_min <= dynamic_max <= static_max");
        }
        long max = (Long) v.get("VCPUs_max");
        long startup = (Long) v.get("VCPUs_at_startup");
        if (max < 1) {
            throw new SimFault("INVALID_VALUE", "VCPUs_max", Long.toString(max));
        }
        if (startup < 1 || startup > max) {
            throw new SimFault("INVALID_VALUE", "VCPUs_at_startup", Long.toString(startup));
        }
        double shadow = (Double) v.get("HVM_shadow_multiplier");
        if (shadow < 1.0) {
            throw new SimFault("INVALID_VALUE", "HVM_shadow_multiplier", Double.toString(shadow));
        }
    }

    private void setter(Map<String, SimMethod> m, String field, SimVmFields.Type type) {
        m.put("VM.set_" + field, SimMethod.write(3, perm("set_" + field), (s, a) -> {
            Object value = SimVmFields.read("value", type, a.get(1));
            return write(SimArgs.str(a, 0), () -> db.set(VM, SimArgs.str(a, 0), field, value));
        }));
    }

    private Object addToMap(String vm, String field, String key, String value) {
        return write(vm, () -> {
            if (((Map<?, ?>) db.get(VM, vm, field)).containsKey(key)) {
                throw new SimFault("MAP_DUPLICATE_KEY", VM, field, (String) db.get(VM, vm, "uuid"), key);
            }
            db.putInMap(VM, vm, field, key, value);
        });
    }

    /** Runs a change of one VM atomically after checking the ref (HANDLE_INVALID); answers void. */
    private Object write(String vm, Runnable change) {
        return db.atomically(() -> {
            db.record(VM, vm);
            change.run();
            return "";
        });
    }

    /** NULL, or a ref of a live object of {@code cls} (HANDLE_INVALID otherwise). */
    private String liveOrNull(String cls, String ref) {
        if (!NULL.equals(ref)) {
            db.record(cls, ref);
        }
        return ref;
    }

    private static String perm(String message) {
        return "vm." + message.toLowerCase(Locale.ROOT);
    }
}
