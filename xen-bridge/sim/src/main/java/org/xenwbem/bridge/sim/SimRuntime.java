package org.xenwbem.bridge.sim;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What follows a VM's power state besides residency, as xapi and xenopsd keep it: VBDs and VIFs are
 * {@code currently_attached} while the domain exists; consoles exist while it runs (rfb, plus vt100
 * for dom0); a guest with tools has {@code VM_guest_metrics} while it runs; a suspended VM has a
 * suspend VDI. Runs under the database monitor.
 */
final class SimRuntime {
    /** other_config key marking a simulated guest without PV tools (no guest metrics). */
    static final String NO_TOOLS_KEY = "sim_tools";
    static final String NO_TOOLS_VALUE = "absent";
    private static final String VM = "VM";
    private static final String NULL = SimDatabase.NULL_REF;

    private final SimDatabase db;
    private final SimDevices devices;

    SimRuntime(SimDatabase db, SimDevices devices) {
        this.db = db;
        this.devices = devices;
    }

    SimDevices devices() {
        return devices;
    }

    /** Brings devices, consoles, guest metrics and the suspend image in line with {@code state} on {@code host}. */
    void onPowerChange(String vm, String state, String host) {
        boolean resident = "Running".equals(state) || "Paused".equals(state);
        for (Object vbd : (List<?>) db.get(VM, vm, "VBDs")) {
            setIfChanged("VBD", (String) vbd, "currently_attached", resident);
            if (resident && "".equals(db.get("VBD", (String) vbd, "device"))) {
                db.set("VBD", (String) vbd, "device", SimDevices.guestDevice((String) db.get("VBD", (String) vbd, "userdevice")));
            }
        }
        for (Object vif : (List<?>) db.get(VM, vm, "VIFs")) {
            setIfChanged("VIF", (String) vif, "currently_attached", resident);
        }
        consoles(vm, resident, host);
        guestMetrics(vm, resident);
        suspendImage(vm, "Suspended".equals(state));
    }

    private void setIfChanged(String cls, String ref, String field, Object value) {
        if (!value.equals(db.get(cls, ref, field))) {
            db.set(cls, ref, field, value);
        }
    }

    private void consoles(String vm, boolean resident, String host) {
        List<?> existing = (List<?>) db.get(VM, vm, "consoles");
        if (resident && existing.isEmpty()) {
            String address = db.exists("host", host) ? (String) db.get("host", host, "address") : "127.0.0.1";
            createConsole(vm, "rfb", address);
            if (Boolean.TRUE.equals(db.get(VM, vm, "is_control_domain"))) {
                createConsole(vm, "vt100", address);
            }
        } else if (!resident && !existing.isEmpty()) {
            existing.forEach(c -> db.delete("console", (String) c));
            db.set(VM, vm, "consoles", List.of());
        }
    }

    private void createConsole(String vm, String protocol, String address) {
        String uuid = db.newUuid();
        String location = "https://" + address + "/console?uuid=" + uuid;
        String ref = db.create("console", SimDeviceRecords.console(uuid, vm, protocol, location));
        db.addToSet(VM, vm, "consoles", ref);
    }

    private void guestMetrics(String vm, boolean resident) {
        String current = (String) db.get(VM, vm, "guest_metrics");
        boolean tools = !Boolean.TRUE.equals(db.get(VM, vm, "is_control_domain"))
                && !NO_TOOLS_VALUE.equals(((Map<?, ?>) db.get(VM, vm, "other_config")).get(NO_TOOLS_KEY));
        if (resident && tools && NULL.equals(current)) {
            String uuid = db.newUuid();
            String ip = "127.1." + (Math.abs(uuid.hashCode()) % 250 + 1) + "." + (Math.abs(uuid.hashCode() / 251) % 250 + 2);
            String ref = db.create("VM_guest_metrics", SimDeviceRecords.guestMetrics(uuid, "Debian GNU/Linux 12",
                    ip, Instant.now()));
            db.set(VM, vm, "guest_metrics", ref);
        } else if (!resident && !NULL.equals(current)) {
            db.set(VM, vm, "guest_metrics", NULL);
            if (db.exists("VM_guest_metrics", current)) {
                db.delete("VM_guest_metrics", current);
            }
        }
    }

    private void suspendImage(String vm, boolean suspended) {
        String current = (String) db.get(VM, vm, "suspend_VDI");
        if (suspended && NULL.equals(current)) {
            String sr = suspendSr(vm);
            if (sr == null) {
                return;
            }
            long size = db.getLong(VM, vm, "memory_static_max") + (64L << 20);
            Map<String, Object> rec = SimDeviceRecords.vdi(db.newUuid(), "Suspend image", sr, size,
                    devices.initialUsage(sr, size), "suspend");
            rec.put("name_description", "Memory image of " + db.get(VM, vm, "name_label"));
            db.set(VM, vm, "suspend_VDI", devices.createVdi(sr, rec));
        } else if (!suspended && !NULL.equals(current)) {
            db.set(VM, vm, "suspend_VDI", NULL);
            if (db.exists(SimDevices.VDI, current)) {
                devices.destroyVdi(current);
            }
        }
    }

    /** The VM's suspend_SR, else the pool's suspend_image_SR, else its default SR; null when none exists. */
    private String suspendSr(String vm) {
        String own = (String) db.get(VM, vm, "suspend_SR");
        if (db.exists(SimDevices.SR, own)) {
            return own;
        }
        for (String pool : db.refs("pool")) {
            for (String field : List.of("suspend_image_SR", "default_SR")) {
                String sr = (String) db.get("pool", pool, field);
                if (db.exists(SimDevices.SR, sr)) {
                    return sr;
                }
            }
        }
        return null;
    }
}
