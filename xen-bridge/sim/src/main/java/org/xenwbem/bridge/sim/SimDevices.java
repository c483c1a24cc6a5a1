package org.xenwbem.bridge.sim;

import java.util.List;
import java.util.Map;

/**
 * Creates and destroys VDIs, VBDs and VIFs the way xapi keeps its references: the parent's set
 * fields (SR.VDIs, VDI.VBDs, VM.VBDs, VM.VIFs, network.VIFs) follow every change, and an SR's
 * {@code physical_utilisation}/{@code virtual_allocation} follow its VDIs (SR_FULL when it would
 * overflow). Every method runs under the database monitor.
 */
final class SimDevices {
    static final String VM = "VM";
    static final String VDI = "VDI";
    static final String VBD = "VBD";
    static final String VIF = "VIF";
    static final String SR = "SR";
    private static final String NULL = SimDatabase.NULL_REF;
    /** SR types whose VDIs are thin (grow on write) rather than allocated in full. */
    private static final List<String> THIN = List.of("nfs", "ext", "iso", "file", "smb");

    private final SimDatabase db;
    private final SimStorage storage;

    SimDevices(SimDatabase db, SimStorage storage) {
        this.db = db;
        this.storage = storage;
    }

    SimStorage storage() {
        return storage;
    }

    /** The back end of {@code sr}. */
    SimBacking backing(String sr) {
        return storage.of(db, sr);
    }

    SimDatabase db() {
        return db;
    }

    /** How much of the SR a new VDI of {@code size} uses at once: nothing on thin SRs, all of it on thick ones. */
    long initialUsage(String sr, long size) {
        return THIN.contains((String) db.get(SR, sr, "type")) ? 0L : size;
    }

    /** Creates a VDI in {@code sr} from a full record (its SR field is set here); SR_FULL on overflow. */
    String createVdi(String sr, Map<String, Object> record) {
        return db.atomically(() -> {
            long physical = ((Number) record.get("physical_utilisation")).longValue();
            reserve(sr, physical);
            record.put("SR", sr);
            try {
                backing(sr).create((String) record.get("uuid"), ((Number) record.get("virtual_size")).longValue());
            } catch (java.io.IOException e) {
                throw SimStorageFaults.backend(78, "VDI Creation failed", e);
            }
            String ref = db.create(VDI, record);
            db.addToSet(SR, sr, "VDIs", ref);
            account(sr, physical, ((Number) record.get("virtual_size")).longValue());
            return ref;
        });
    }

    /** Makes the (empty, sparse) bytes of a VDI seeded without {@link #createVdi}. */
    void materialise(String sr, String uuid, long size) {
        try {
            backing(sr).create(uuid, size);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot create the seeded VDI " + uuid, e);
        }
    }

    /** SR_FULL [requested; maximum] unless {@code bytes} more fit in the SR. */
    void reserve(String sr, long bytes) {
        long size = db.getLong(SR, sr, "physical_size");
        long used = db.getLong(SR, sr, "physical_utilisation");
        if (bytes > 0 && used + bytes > size) {
            throw new SimFault("SR_FULL", Long.toString(used + bytes), Long.toString(size));
        }
    }

    void account(String sr, long physicalDelta, long virtualDelta) {
        db.set(SR, sr, "physical_utilisation", Math.max(0, db.getLong(SR, sr, "physical_utilisation") + physicalDelta));
        db.set(SR, sr, "virtual_allocation", Math.max(0, db.getLong(SR, sr, "virtual_allocation") + virtualDelta));
    }

    /**
     * Destroys a VDI, its bytes and (as xapi does) its detached VBDs. VDI_IN_USE [vdi; destroy] while a
     * VBD of it is attached; SR_BACKEND_FAILURE_64 (record kept) when the back end cannot delete it.
     */
    void destroyVdi(String vdi) {
        destroyVdi(vdi, true);
    }

    /** Drops a VDI's record but keeps its bytes, as SR.forget and VDI.forget do. */
    void forgetVdi(String vdi) {
        destroyVdi(vdi, false);
    }

    private void destroyVdi(String vdi, boolean data) {
        db.atomically(() -> {
            List<?> vbds = (List<?>) db.get(VDI, vdi, "VBDs");
            for (Object vbd : vbds) {
                if (Boolean.TRUE.equals(db.get(VBD, (String) vbd, "currently_attached"))) {
                    throw new SimFault("VDI_IN_USE", vdi, "destroy");
                }
            }
            String sr = (String) db.get(VDI, vdi, "SR");
            if (data) {
                try {
                    backing(sr).delete((String) db.get(VDI, vdi, "uuid"));
                } catch (java.io.IOException e) {
                    throw SimStorageFaults.backend(64, "Failed to remove VDI", e);
                }
            }
            vbds.forEach(vbd -> destroyVbd((String) vbd));
            account(sr, -db.getLong(VDI, vdi, "physical_utilisation"), -db.getLong(VDI, vdi, "virtual_size"));
            db.removeFromSet(SR, sr, "VDIs", vdi);
            String parent = (String) db.get(VDI, vdi, "snapshot_of");
            db.removeFromSet(VDI, parent, "snapshots", vdi);
            db.delete(VDI, vdi);
            return null;
        });
    }

    /**
     * The guest device name xapi gives a VBD when it is first attached ({@code VBD.device}): slot 0 is
     * {@code xvda}, 1 {@code xvdb}, …; a slot that is not a small number keeps its own name.
     */
    static String guestDevice(String userdevice) {
        try {
            int n = Integer.parseInt(userdevice);
            return n >= 0 && n < 26 ? "xvd" + (char) ('a' + n) : "xvd" + userdevice;
        } catch (NumberFormatException e) {
            return userdevice;
        }
    }

    /** DEVICE_ALREADY_EXISTS [userdevice] when the VM already has a VBD in that slot. */
    String createVbd(String vm, String vdi, String userdevice, String type, String mode, boolean bootable) {
        return db.atomically(() -> {
            for (Object other : (List<?>) db.get(VM, vm, "VBDs")) {
                if (userdevice.equals(db.get(VBD, (String) other, "userdevice"))) {
                    throw new SimFault("DEVICE_ALREADY_EXISTS", userdevice);
                }
            }
            Map<String, Object> rec = SimDeviceRecords.vbd(db.newUuid(), vm, vdi, userdevice, type, mode, bootable);
            String ref = db.create(VBD, rec);
            db.addToSet(VM, vm, "VBDs", ref);
            if (db.exists(VDI, vdi)) {
                db.addToSet(VDI, vdi, "VBDs", ref);
            }
            return ref;
        });
    }

    void destroyVbd(String vbd) {
        db.atomically(() -> {
            db.removeFromSet(VM, (String) db.get(VBD, vbd, "VM"), "VBDs", vbd);
            db.removeFromSet(VDI, (String) db.get(VBD, vbd, "VDI"), "VBDs", vbd);
            db.delete(VBD, vbd);
            return null;
        });
    }

    /** DEVICE_ALREADY_EXISTS [device] when the VM already has a VIF in that slot. */
    String createVif(String vm, String network, String device, String mac) {
        return db.atomically(() -> {
            for (Object other : (List<?>) db.get(VM, vm, "VIFs")) {
                if (device.equals(db.get(VIF, (String) other, "device"))) {
                    throw new SimFault("DEVICE_ALREADY_EXISTS", device);
                }
            }
            String uuid = db.newUuid();
            Map<String, Object> rec = SimDeviceRecords.vif(uuid, vm, network, device, mac.isEmpty() ? mac(uuid) : mac);
            rec.put("MAC_autogenerated", mac.isEmpty());
            String ref = db.create(VIF, rec);
            db.addToSet(VM, vm, "VIFs", ref);
            db.addToSet("network", network, "VIFs", ref);
            return ref;
        });
    }

    void destroyVif(String vif) {
        db.atomically(() -> {
            db.removeFromSet(VM, (String) db.get(VIF, vif, "VM"), "VIFs", vif);
            db.removeFromSet("network", (String) db.get(VIF, vif, "network"), "VIFs", vif);
            db.delete(VIF, vif);
            return null;
        });
    }

    /** A locally administered unicast MAC derived from a UUID (deterministic for the seed). */
    static String mac(String uuid) {
        String hex = uuid.replace("-", "");
        StringBuilder sb = new StringBuilder("02");
        for (int i = 0; i < 5; i++) {
            sb.append(':').append(hex, 2 * i + 20, 2 * i + 22);
        }
        return sb.toString();
    }
}
