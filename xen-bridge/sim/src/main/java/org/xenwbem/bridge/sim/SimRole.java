package org.xenwbem.bridge.sim;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The simulator's RBAC roles, named as xapi names them. Permissions are lower-case
 * {@code class.message} strings (e.g. {@code vm.start}); reads ({@code get_*}, {@code event.from},
 * {@code session.*}, {@code task.get_*}) need no permission.
 */
public enum SimRole {
    POOL_ADMIN("pool-admin"),
    VM_OPERATOR("vm-operator"),
    READ_ONLY("read-only");

    /** VM power operations: what a vm-operator may do (plus task cancel/destroy). */
    static final List<String> POWER_OPS = List.of("vm.start", "vm.start_on", "vm.clean_shutdown",
            "vm.hard_shutdown", "vm.clean_reboot", "vm.hard_reboot", "vm.suspend", "vm.resume",
            "vm.pause", "vm.unpause");
    private static final List<String> TASK_OPS = List.of("task.cancel", "task.destroy");
    /**
     * Besides power operations, a vm-operator may change a VM's removable media and its tags (the
     * datamodel gives {@code VM.set_tags}, {@code add_tags} and {@code remove_tags} to vm-operator).
     */
    private static final List<String> OPERATOR_OPS = List.of("vbd.insert", "vbd.eject", "vm.set_tags", "vm.add_tags",
            "vm.remove_tags");
    /** Administration permissions only pool-admin holds in the simulator. */
    private static final List<String> ADMIN_OPS = List.of("vm.set_name_label", "vm.set_name_description",
            "vm.set_memory", "vm.set_memory_limits", "vm.set_memory_static_min", "vm.set_memory_static_max",
            "vm.set_memory_dynamic_min", "vm.set_memory_dynamic_max", "vm.destroy", "vm.pool_migrate",
            "host.evacuate", "host.disable", "host.enable", "pool.set_name_label", "subject.create",
            "vm.set_memory_dynamic_range", "vm.set_memory_static_range", "vm.set_vcpus_max",
            "vm.set_vcpus_at_startup", "vm.clone", "vm.copy", "vm.snapshot", "vm.checkpoint", "vm.revert",
            "vm.provision", "vm.set_is_a_template", "host.get_vms_which_prevent_evacuation",
            "vdi.create", "vdi.destroy", "vdi.resize", "vdi.snapshot", "vdi.clone", "vdi.copy", "vdi.set_name_label",
            "vdi.set_name_description", "vbd.create", "vbd.destroy", "vbd.plug", "vbd.unplug", "vif.create",
            "vif.destroy", "vif.plug", "vif.unplug", "network.create", "network.destroy", "sr.create", "sr.destroy",
            "sr.forget", "sr.scan", "sr.set_name_label", "sr.set_name_description", "pbd.create", "pbd.plug",
            "pbd.unplug", "pbd.destroy", "pool.set_default_sr", "host.migrate_receive", "vm.assert_can_migrate",
            "vm.migrate_send", "vm.add_to_xenstore_data", "vm.remove_from_xenstore_data", "vdi.resize_online",
            "vdi.forget", "sr.probe", "sr.introduce", "pool.set_suspend_image_sr", "pool.set_crash_dump_sr");
    /** The classes whose {@code add_to_/remove_from_/set_other_config} pool-admin may call. */
    private static final List<String> OTHER_CONFIG_CLASSES = List.of("pool", "host", "vm", "sr", "vdi", "vbd",
            "vif", "network", "pif", "pbd", "task");

    private final String xapiName;

    SimRole(String xapiName) {
        this.xapiName = xapiName;
    }

    /** The role name as xapi spells it, e.g. {@code pool-admin}. */
    public String xapiName() {
        return xapiName;
    }

    /** The permissions this role holds, as returned by {@code session.get_rbac_permissions}. */
    Set<String> permissions() {
        Set<String> p = new LinkedHashSet<>();
        if (this == READ_ONLY) {
            return p;
        }
        p.addAll(POWER_OPS);
        p.addAll(TASK_OPS);
        p.addAll(OPERATOR_OPS);
        if (this == POOL_ADMIN) {
            p.addAll(ADMIN_OPS);
            p.addAll(SimVmCreate.permissions());
            p.addAll(SimNames.permissions());
            p.addAll(SimNetworks.permissions());
            p.addAll(SimBonds.permissions());
            p.addAll(SimHostPower.permissions());
            p.addAll(SimPoolOps.permissions());
            p.addAll(SimFailover.permissions());
            for (String c : OTHER_CONFIG_CLASSES) {
                p.add(c + ".add_to_other_config");
                p.add(c + ".remove_from_other_config");
                p.add(c + ".set_other_config");
            }
        }
        return p;
    }
}
