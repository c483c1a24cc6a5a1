package org.xenwbem.bridge.sim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Storage XenMotion within the simulated pool (xenapi.md §3.3): {@code host.migrate_receive} hands
 * out the {@code dest} map, {@code VM.assert_can_migrate} checks it (VDI_NOT_IN_MAP when a disk
 * lives on an SR the destination cannot see and the map does not move it), {@code VM.migrate_send}
 * copies the mapped disks to their new SRs, moves the VM's VBDs onto the copies, destroys the
 * originals and, for a running VM, moves it to the destination host.
 */
final class SimMigration {
    private static final String VM = "VM";
    private static final String HOST = "host";
    private static final String NULL = SimDatabase.NULL_REF;

    private final SimDatabase db;
    private final SimVmPower power;
    private final SimDevices devices;
    private final SimVdis vdis;

    SimMigration(SimDatabase db, SimVmPower power, SimVdis vdis) {
        this.db = db;
        this.power = power;
        this.devices = power.runtime().devices();
        this.vdis = vdis;
    }

    void register(Map<String, SimMethod> m) {
        m.put("host.migrate_receive", SimMethod.action(4, "host.migrate_receive", (s, a) ->
                receive(SimArgs.str(a, 0), SimArgs.str(a, 1))));
        m.put("VM.assert_can_migrate", SimMethod.action(7, 8, "vm.assert_can_migrate", (s, a) -> db.atomically(() -> {
            check(SimArgs.str(a, 0), SimArgs.struct(a, 1), SimArgs.struct(a, 3));
            return "";
        })));
        m.put("VM.migrate_send", SimMethod.action(7, 8, "vm.migrate_send", (s, a) ->
                send(SimArgs.str(a, 0), SimArgs.struct(a, 1), SimArgs.struct(a, 3))));
    }

    private Object receive(String host, String network) {
        return db.atomically(() -> {
            db.record(HOST, host);
            db.record("network", network);
            Map<String, Object> dest = new LinkedHashMap<>();
            dest.put("SM", "http://" + db.get(HOST, host, "address") + "/services/SM");
            dest.put("host", host);
            dest.put("xenops", "http://" + db.get(HOST, host, "address") + "/services/xenops");
            dest.put("session_id", "OpaqueRef:" + db.newUuid());
            dest.put("master", "http://" + db.get(HOST, host, "address") + "/");
            return dest;
        });
    }

    /** The destination host of a dest map, after the power-state, boot and storage checks. */
    private String check(String vm, Map<String, Object> dest, Map<String, Object> vdiMap) {
        String host = String.valueOf(dest.get("host"));
        if (!db.exists(HOST, host)) {
            throw new SimFault("HOST_NOT_LIVE", host);
        }
        if (Boolean.TRUE.equals(db.get(VM, vm, "is_a_template"))) {
            throw new SimFault("VM_IS_TEMPLATE", vm);
        }
        power.checkState(vm, "migrate_send");
        if ("Running".equals(db.get(VM, vm, "power_state"))) {
            power.assertCanBootHere(vm, host);
        }
        for (String vdi : disks(vm)) {
            Object target = vdiMap.get(vdi);
            String sr = target != null ? String.valueOf(target) : (String) db.get(SimDevices.VDI, vdi, "SR");
            if (!db.exists(SimDevices.SR, sr)) {
                throw new SimFault("HANDLE_INVALID", "SR", sr);
            }
            if (!visible(sr, host)) {
                throw new SimFault(target == null ? "VDI_NOT_IN_MAP" : "SR_NOT_ATTACHED", target == null ? vdi : sr);
            }
        }
        return host;
    }

    private Object send(String vm, Map<String, Object> dest, Map<String, Object> vdiMap) {
        return db.atomically(() -> {
            String host = check(vm, dest, vdiMap);
            for (String vdi : disks(vm)) {
                Object target = vdiMap.get(vdi);
                if (target == null || target.equals(db.get(SimDevices.VDI, vdi, "SR"))) {
                    continue;
                }
                String copy = vdis.copyVdi(vdi, String.valueOf(target));
                for (Object vbd : new ArrayList<>((List<?>) db.get(SimDevices.VDI, vdi, "VBDs"))) {
                    Map<String, Object> r = db.record(SimDevices.VBD, (String) vbd);
                    if (!vm.equals(r.get("VM"))) {
                        continue;
                    }
                    boolean attached = Boolean.TRUE.equals(r.get("currently_attached"));
                    devices.destroyVbd((String) vbd);
                    String moved = devices.createVbd(vm, copy, (String) r.get("userdevice"), (String) r.get("type"),
                            (String) r.get("mode"), Boolean.TRUE.equals(r.get("bootable")));
                    db.set(SimDevices.VBD, moved, "currently_attached", attached);
                }
                if (((List<?>) db.get(SimDevices.VDI, vdi, "VBDs")).isEmpty()) {
                    devices.destroyVdi(vdi);
                }
            }
            if ("Running".equals(db.get(VM, vm, "power_state"))) {
                power.migrate(vm, host);
            }
            return "";
        });
    }

    /** The VDIs behind the VM's disk VBDs. */
    private List<String> disks(String vm) {
        List<String> out = new ArrayList<>();
        for (Object vbd : (List<?>) db.get(VM, vm, "VBDs")) {
            String vdi = (String) db.get(SimDevices.VBD, (String) vbd, "VDI");
            if ("Disk".equals(db.get(SimDevices.VBD, (String) vbd, "type")) && !NULL.equals(vdi) && db.exists(SimDevices.VDI, vdi)) {
                out.add(vdi);
            }
        }
        return out;
    }

    /** True when the SR has a PBD on the host. */
    private boolean visible(String sr, String host) {
        for (Object pbd : (List<?>) db.get(SimDevices.SR, sr, "PBDs")) {
            if (host.equals(db.get("PBD", (String) pbd, "host"))) {
                return true;
            }
        }
        return false;
    }
}
