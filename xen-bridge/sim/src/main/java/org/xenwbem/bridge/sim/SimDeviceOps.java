package org.xenwbem.bridge.sim;

import java.util.List;
import java.util.Map;

/**
 * VBD, VIF and network messages: create/destroy (DEVICE_ALREADY_EXISTS, OPERATION_NOT_ALLOWED while
 * attached), plug/unplug (VM_BAD_POWER_STATE unless running, DEVICE_ALREADY_ATTACHED/DETACHED),
 * VBD.insert/eject (VBD_NOT_REMOVABLE_MEDIA, VBD_NOT_EMPTY, VBD_IS_EMPTY) (network.create/destroy are
 * {@link SimNetworks}').
 */
final class SimDeviceOps {
    private static final String VBD = SimDevices.VBD;
    private static final String VIF = SimDevices.VIF;
    private static final String NULL = SimDatabase.NULL_REF;

    private final SimDatabase db;
    private final SimDevices devices;

    SimDeviceOps(SimDatabase db, SimDevices devices) {
        this.db = db;
        this.devices = devices;
    }

    void register(Map<String, SimMethod> m) {
        m.put("VBD.create", SimMethod.action(2, "vbd.create", (s, a) -> createVbd(SimArgs.struct(a, 0))));
        m.put("VBD.destroy", SimMethod.action(2, "vbd.destroy", (s, a) -> destroy(VBD, SimArgs.str(a, 0))));
        m.put("VBD.plug", SimMethod.action(2, "vbd.plug", (s, a) -> plug(VBD, SimArgs.str(a, 0), true)));
        m.put("VBD.unplug", SimMethod.action(2, "vbd.unplug", (s, a) -> plug(VBD, SimArgs.str(a, 0), false)));
        m.put("VBD.insert", SimMethod.action(3, "vbd.insert", (s, a) -> insert(SimArgs.str(a, 0), SimArgs.str(a, 1))));
        m.put("VBD.eject", SimMethod.action(2, "vbd.eject", (s, a) -> eject(SimArgs.str(a, 0))));
        m.put("VIF.create", SimMethod.action(2, "vif.create", (s, a) -> createVif(SimArgs.struct(a, 0))));
        m.put("VIF.destroy", SimMethod.action(2, "vif.destroy", (s, a) -> destroy(VIF, SimArgs.str(a, 0))));
        m.put("VIF.plug", SimMethod.action(2, "vif.plug", (s, a) -> plug(VIF, SimArgs.str(a, 0), true)));
        m.put("VIF.unplug", SimMethod.action(2, "vif.unplug", (s, a) -> plug(VIF, SimArgs.str(a, 0), false)));
    }

    /** VBD.create(record): VM, VDI (NULL with empty=true for an empty drive), userdevice, type, mode, bootable. */
    private String createVbd(Map<String, Object> r) {
        return db.atomically(() -> {
            String vm = String.valueOf(r.get("VM"));
            db.record(SimDevices.VM, vm);
            boolean empty = SimArgs.boolField(r, "empty");
            String vdi = empty ? NULL : String.valueOf(r.getOrDefault("VDI", NULL));
            if (!empty) {
                db.record(SimDevices.VDI, vdi);
            }
            String ref = devices.createVbd(vm, vdi, String.valueOf(r.getOrDefault("userdevice", "0")),
                    String.valueOf(r.getOrDefault("type", "Disk")), String.valueOf(r.getOrDefault("mode", "RW")),
                    SimArgs.boolField(r, "bootable"));
            db.set(VBD, ref, "other_config", SimArgs.mapField(r, "other_config"));
            return ref;
        });
    }

    private String createVif(Map<String, Object> r) {
        return db.atomically(() -> {
            String vm = String.valueOf(r.get("VM"));
            String network = String.valueOf(r.get("network"));
            db.record(SimDevices.VM, vm);
            db.record("network", network);
            String ref = devices.createVif(vm, network, String.valueOf(r.getOrDefault("device", "0")),
                    String.valueOf(r.getOrDefault("MAC", "")));
            if (r.containsKey("MTU")) {
                db.set(VIF, ref, "MTU", SimArgs.longField(r, "MTU"));
            }
            db.set(VIF, ref, "other_config", SimArgs.mapField(r, "other_config"));
            return ref;
        });
    }

    private Object destroy(String cls, String ref) {
        return db.atomically(() -> {
            if (Boolean.TRUE.equals(db.get(cls, ref, "currently_attached"))) {
                throw new SimFault("OPERATION_NOT_ALLOWED", cls + " is currently attached");
            }
            if (VBD.equals(cls)) {
                devices.destroyVbd(ref);
            } else {
                devices.destroyVif(ref);
            }
            return "";
        });
    }

    /** Hot-plug: the VM must be running. */
    private Object plug(String cls, String ref, boolean attach) {
        return db.atomically(() -> {
            String vm = (String) db.get(cls, ref, "VM");
            String state = (String) db.get(SimDevices.VM, vm, "power_state");
            if (!"Running".equals(state)) {
                throw new SimFault("VM_BAD_POWER_STATE", vm, "running", state.toLowerCase(java.util.Locale.ROOT));
            }
            boolean attached = Boolean.TRUE.equals(db.get(cls, ref, "currently_attached"));
            if (attach == attached) {
                throw new SimFault(attach ? "DEVICE_ALREADY_ATTACHED" : "DEVICE_ALREADY_DETACHED", ref);
            }
            db.set(cls, ref, "currently_attached", attach);
            if (attach && cls.equals(VBD) && "".equals(db.get(VBD, ref, "device"))) {
                db.set(VBD, ref, "device", SimDevices.guestDevice((String) db.get(VBD, ref, "userdevice")));
            }
            return "";
        });
    }

    private Object insert(String vbd, String vdi) {
        return db.atomically(() -> {
            requireRemovable(vbd);
            db.record(SimDevices.VDI, vdi);
            if (!Boolean.TRUE.equals(db.get(VBD, vbd, "empty"))) {
                throw new SimFault("VBD_NOT_EMPTY", vbd);
            }
            db.set(VBD, vbd, "VDI", vdi);
            db.set(VBD, vbd, "empty", false);
            db.addToSet(SimDevices.VDI, vdi, "VBDs", vbd);
            return "";
        });
    }

    private Object eject(String vbd) {
        return db.atomically(() -> {
            requireRemovable(vbd);
            if (Boolean.TRUE.equals(db.get(VBD, vbd, "empty"))) {
                throw new SimFault("VBD_IS_EMPTY", vbd);
            }
            db.removeFromSet(SimDevices.VDI, (String) db.get(VBD, vbd, "VDI"), "VBDs", vbd);
            db.set(VBD, vbd, "VDI", NULL);
            db.set(VBD, vbd, "empty", true);
            return "";
        });
    }

    private void requireRemovable(String vbd) {
        Object type = db.get(VBD, vbd, "type");
        if (!"CD".equals(type) && !"Floppy".equals(type)) {
            throw new SimFault("VBD_NOT_REMOVABLE_MEDIA", vbd);
        }
    }
}
