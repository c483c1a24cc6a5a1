package org.xenwbem.bridge.sim;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * VM messages beyond power: clone, copy, snapshot, checkpoint, revert, provision, destroy,
 * set_is_a_template, pool_migrate, assert_can_boot_here, get_possible_hosts and VCPU setters, with
 * xapi's power-state rules (xenapi.md §3.1). VM.destroy removes the VM, its VBDs, VIFs, consoles and
 * metrics but leaves its VDIs, as xapi does.
 */
final class SimVmOps {
    private static final String VM = "VM";
    private static final String NULL = SimDatabase.NULL_REF;
    private static final Pattern DISK = Pattern.compile("<disk\\b([^>]*)/?>");
    private static final Pattern ATTR = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    private final SimDatabase db;
    private final SimVmPower power;
    private final SimDevices devices;
    private final SimVmCopier copier;

    SimVmOps(SimDatabase db, SimVmPower power, SimVmCopier copier) {
        this.db = db;
        this.power = power;
        this.devices = power.runtime().devices();
        this.copier = copier;
    }

    void register(Map<String, SimMethod> m) {
        m.put("VM.clone", SimMethod.action(3, "vm.clone", (s, a) -> copy(a, SimVmCopier.Mode.CLONE, "clone", NULL)));
        m.put("VM.copy", SimMethod.action(4, "vm.copy", (s, a) -> copy(a, SimVmCopier.Mode.COPY, "copy",
                SimArgs.str(a, 2))));
        m.put("VM.snapshot", SimMethod.action(3, 4, "vm.snapshot", (s, a) -> copy(a, SimVmCopier.Mode.SNAPSHOT,
                "snapshot", NULL, a.size() > 2 && a.get(2) instanceof List<?> l ? refs(l) : Set.of())));
        m.put("VM.checkpoint", SimMethod.action(3, "vm.checkpoint", (s, a) ->
                copy(a, SimVmCopier.Mode.CHECKPOINT, "checkpoint", NULL)));
        m.put("VM.revert", SimMethod.action(2, "vm.revert", (s, a) -> revert(SimArgs.str(a, 0))));
        m.put("VM.provision", SimMethod.action(2, "vm.provision", (s, a) -> provision(SimArgs.str(a, 0))));
        m.put("VM.destroy", SimMethod.action(2, "vm.destroy", (s, a) -> destroy(SimArgs.str(a, 0))));
        m.put("VM.set_is_a_template", SimMethod.write(3, "vm.set_is_a_template", (s, a) ->
                setTemplate(SimArgs.str(a, 0), SimArgs.bool(a, 1))));
        m.put("VM.pool_migrate", SimMethod.action(4, "vm.pool_migrate", (s, a) ->
                migrate(SimArgs.str(a, 0), SimArgs.str(a, 1))));
        m.put("VM.assert_can_boot_here", SimMethod.action(3, null, (s, a) -> db.atomically(() -> {
            power.assertCanBootHere(SimArgs.str(a, 0), SimArgs.str(a, 1));
            return "";
        })));
        m.put("VM.get_possible_hosts", SimMethod.action(2, null, (s, a) ->
                db.atomically(() -> power.possibleHosts(SimArgs.str(a, 0)))));
        m.put("VM.set_VCPUs_max", SimMethod.write(3, "vm.set_vcpus_max", (s, a) ->
                setVcpus(SimArgs.str(a, 0), "VCPUs_max", SimArgs.int64(a, 1))));
        m.put("VM.set_VCPUs_at_startup", SimMethod.write(3, "vm.set_vcpus_at_startup", (s, a) ->
                setVcpus(SimArgs.str(a, 0), "VCPUs_at_startup", SimArgs.int64(a, 1))));
    }

    private String copy(List<Object> a, SimVmCopier.Mode mode, String op, String sr) {
        return copy(a, mode, op, sr, Set.of());
    }

    /** VM.snapshot's ignore_vdis: VDI refs, each of which must be live (HANDLE_INVALID). */
    private Set<String> refs(List<?> vdis) {
        Set<String> out = new java.util.HashSet<>();
        for (Object v : vdis) {
            out.add(String.valueOf(v));
        }
        return out;
    }

    private String copy(List<Object> a, SimVmCopier.Mode mode, String op, String sr, Set<String> ignoreVdis) {
        return db.atomically(() -> {
            ignoreVdis.forEach(v -> db.record(SimDevices.VDI, v));
            String vm = SimArgs.str(a, 0);
            db.record(VM, vm);
            if (Boolean.TRUE.equals(db.get(VM, vm, "is_control_domain"))) {
                throw new SimFault("OPERATION_NOT_ALLOWED", "Operations on the control domain are not allowed");
            }
            boolean snapshotSource = Boolean.TRUE.equals(db.get(VM, vm, "is_a_snapshot"));
            if (!(snapshotSource && (mode == SimVmCopier.Mode.CLONE || mode == SimVmCopier.Mode.COPY))) {
                power.checkState(vm, op);
            }
            if (!NULL.equals(sr)) {
                db.record(SimDevices.SR, sr);
            }
            return copier.copy(vm, SimArgs.str(a, 1), mode, sr, ignoreVdis);
        });
    }

    /** Reverts the snapshot's VM: its disks are replaced by clones of the snapshot's, its state becomes the snapshot's. */
    private Object revert(String snapshot) {
        return db.atomically(() -> {
            Map<String, Object> snap = db.record(VM, snapshot);
            String vm = (String) snap.get("snapshot_of");
            if (!Boolean.TRUE.equals(snap.get("is_a_snapshot")) || !db.exists(VM, vm)) {
                throw new SimFault("VM_REVERT_FAILED", vm, snapshot);
            }
            if (!"Halted".equals(db.get(VM, vm, "power_state"))) {
                power.apply(vm, "Halted", NULL, null);
            }
            for (Object vbd : (List<?>) db.get(VM, vm, "VBDs")) {
                String vdi = (String) db.get(SimDevices.VBD, (String) vbd, "VDI");
                boolean disk = "Disk".equals(db.get(SimDevices.VBD, (String) vbd, "type"));
                devices.destroyVbd((String) vbd);
                if (disk && db.exists(SimDevices.VDI, vdi) && ((List<?>) db.get(SimDevices.VDI, vdi, "VBDs")).isEmpty()) {
                    devices.destroyVdi(vdi);
                }
            }
            String tmp = copier.copy(snapshot, (String) db.get(VM, vm, "name_label"), SimVmCopier.Mode.CLONE, NULL);
            for (Object vbd : (List<?>) db.get(VM, tmp, "VBDs")) {
                Map<String, Object> r = db.record(SimDevices.VBD, (String) vbd);
                devices.createVbd(vm, (String) r.get("VDI"), (String) r.get("userdevice"), (String) r.get("type"),
                        (String) r.get("mode"), Boolean.TRUE.equals(r.get("bootable")));
            }
            for (String f : List.of("memory_static_max", "memory_dynamic_max", "memory_dynamic_min",
                    "memory_static_min", "VCPUs_max", "VCPUs_at_startup", "platform")) {
                db.set(VM, vm, f, snap.get(f));
            }
            destroyRecordOnly(tmp);
            db.set(VM, vm, "parent", snapshot);
            if ("Suspended".equals(snap.get("power_state"))) {
                power.apply(vm, "Suspended", NULL, null);
            }
            return "";
        });
    }

    /** Creates the disks of {@code other_config:disks} in the named SR, else the pool's default SR. */
    private Object provision(String vm) {
        return db.atomically(() -> {
            power.checkState(vm, "provision");
            Object disks = ((Map<?, ?>) db.get(VM, vm, "other_config")).get("disks");
            String xml = disks == null ? "" : disks.toString();
            Matcher d = DISK.matcher(xml);
            while (d.find()) {
                Map<String, String> attrs = new java.util.HashMap<>();
                Matcher at = ATTR.matcher(d.group(1));
                while (at.find()) {
                    attrs.put(at.group(1), at.group(2));
                }
                provisionDisk(vm, attrs);
            }
            db.putInMap(VM, vm, "other_config", "disks", null);
            return "";
        });
    }

    private void provisionDisk(String vm, Map<String, String> attrs) {
        String sr = srByUuid(attrs.getOrDefault("sr", ""));
        if (sr == null) {
            sr = (String) db.get("pool", db.refs("pool").get(0), "default_SR");
            if (!db.exists(SimDevices.SR, sr)) {
                throw new SimFault("VM_REQUIRES_SR", vm, NULL);
            }
        }
        long size = Long.parseLong(attrs.getOrDefault("size", "0"));
        Map<String, Object> rec = SimDeviceRecords.vdi(db.newUuid(), db.get(VM, vm, "name_label") + " "
                + attrs.getOrDefault("device", "0"), sr, size, devices.initialUsage(sr, size),
                attrs.getOrDefault("type", "system"));
        String vdi = devices.createVdi(sr, rec);
        devices.createVbd(vm, vdi, attrs.getOrDefault("device", "0"), "Disk", "RW",
                "true".equals(attrs.get("bootable")));
    }

    private String srByUuid(String uuid) {
        if (uuid.isEmpty()) {
            return null;
        }
        try {
            return db.refByUuid(SimDevices.SR, uuid);
        } catch (SimFault f) {
            return null;
        }
    }

    /** VM.destroy: Halted or Suspended only; the VDIs stay. */
    Object destroy(String vm) {
        return db.atomically(() -> {
            if (Boolean.TRUE.equals(db.get(VM, vm, "is_control_domain"))) {
                throw new SimFault("OPERATION_NOT_ALLOWED", "Operations on the control domain are not allowed");
            }
            power.checkState(vm, "destroy");
            destroyRecordOnly(vm);
            return "";
        });
    }

    /** Removes the VM with its VBDs, VIFs, consoles and metrics, and unlinks it from its relatives. */
    void destroyRecordOnly(String vm) {
        Map<String, Object> r = db.record(VM, vm);
        ((List<?>) r.get("VBDs")).forEach(v -> devices.destroyVbd((String) v));
        ((List<?>) r.get("VIFs")).forEach(v -> devices.destroyVif((String) v));
        ((List<?>) r.get("consoles")).forEach(c -> db.delete("console", (String) c));
        for (String f : List.of("metrics", "guest_metrics")) {
            String ref = (String) r.get(f);
            String cls = "metrics".equals(f) ? "VM_metrics" : "VM_guest_metrics";
            if (db.exists(cls, ref)) {
                db.delete(cls, ref);
            }
        }
        db.removeFromSet(VM, (String) r.get("snapshot_of"), "snapshots", vm);
        for (Object snap : (List<?>) r.get("snapshots")) {
            db.set(VM, (String) snap, "snapshot_of", NULL);
        }
        String parent = (String) r.get("parent");
        db.removeFromSet(VM, parent, "children", vm);
        for (Object child : (List<?>) r.get("children")) {
            db.set(VM, (String) child, "parent", db.exists(VM, parent) ? parent : NULL);
        }
        db.delete(VM, vm);
    }

    private Object setTemplate(String vm, boolean template) {
        return db.atomically(() -> {
            if (template) {
                power.checkState(vm, "make_into_template");
            }
            db.set(VM, vm, "is_a_template", template);
            if (!template) {
                db.set(VM, vm, "is_default_template", false);
                db.putInMap(VM, vm, "other_config", "default_template", null);
            }
            return "";
        });
    }

    /** VM.pool_migrate: Running only; HOST_DISABLED / HOST_NOT_ENOUGH_FREE_MEMORY on the target. */
    private Object migrate(String vm, String host) {
        return db.atomically(() -> {
            if (Boolean.TRUE.equals(db.get(VM, vm, "is_a_template"))) {
                throw new SimFault("VM_IS_TEMPLATE", vm);
            }
            power.checkState(vm, "pool_migrate");
            power.assertCanBootHere(vm, host);
            power.migrate(vm, host);
            return "";
        });
    }

    /** VCPUs_max only while halted; 1 ≤ VCPUs_at_startup ≤ VCPUs_max. */
    private Object setVcpus(String vm, String field, long value) {
        return db.atomically(() -> {
            long max = "VCPUs_max".equals(field) ? value : db.getLong(VM, vm, "VCPUs_max");
            long startup = "VCPUs_at_startup".equals(field) ? value : db.getLong(VM, vm, "VCPUs_at_startup");
            if ("VCPUs_max".equals(field)) {
                power.checkState(vm, "provision");
            }
            if (value < 1 || startup > max) {
                throw new SimFault("INVALID_VALUE", field, Long.toString(value));
            }
            db.set(VM, vm, field, value);
            return "";
        });
    }
}
