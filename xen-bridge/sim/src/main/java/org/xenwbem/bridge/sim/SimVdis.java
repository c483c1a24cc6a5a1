package org.xenwbem.bridge.sim;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * VDI messages (create, destroy, resize, snapshot, clone, copy, set_name_label/description) with the
 * SR's space accounting: thick SRs (lvm…) reserve the full virtual size, thin ones (nfs, ext) only
 * what is written; SR_FULL [requested; maximum] when a reservation would overflow.
 */
final class SimVdis {
    private static final String VDI = SimDevices.VDI;
    private static final String NULL = SimDatabase.NULL_REF;

    private final SimDatabase db;
    private final SimDevices devices;

    SimVdis(SimDatabase db, SimDevices devices) {
        this.db = db;
        this.devices = devices;
    }

    void register(Map<String, SimMethod> m) {
        m.put("VDI.create", SimMethod.action(2, "vdi.create", (s, a) -> create(SimArgs.struct(a, 0))));
        m.put("VDI.destroy", SimMethod.action(2, "vdi.destroy", (s, a) -> {
            devices.destroyVdi(SimArgs.str(a, 0));
            return "";
        }));
        m.put("VDI.resize", SimMethod.action(3, "vdi.resize", (s, a) -> resize(SimArgs.str(a, 0), SimArgs.int64(a, 1))));
        m.put("VDI.snapshot", SimMethod.action(2, 3, "vdi.snapshot", (s, a) -> snapshotVdi(SimArgs.str(a, 0))));
        m.put("VDI.clone", SimMethod.action(2, 3, "vdi.clone", (s, a) -> cloneVdi(SimArgs.str(a, 0))));
        m.put("VDI.copy", SimMethod.action(3, 5, "vdi.copy", (s, a) -> copyVdi(SimArgs.str(a, 0), SimArgs.str(a, 1))));
        for (String field : List.of("name_label", "name_description")) {
            m.put("VDI.set_" + field, SimMethod.write(3, "vdi.set_" + field, (s, a) -> {
                db.atomically(() -> {
                    db.set(VDI, SimArgs.str(a, 0), field, SimArgs.str(a, 1));
                    return null;
                });
                return "";
            }));
        }
    }

    /** VDI.create(record): name, SR, virtual_size, type, sharable, read_only, other_config, sm_config. */
    String create(Map<String, Object> args) {
        return db.atomically(() -> {
            String sr = String.valueOf(args.getOrDefault("SR", NULL));
            db.record(SimDevices.SR, sr);
            long size = SimArgs.longField(args, "virtual_size");
            if (size < 0) {
                throw new SimFault("INVALID_VALUE", "virtual_size", Long.toString(size));
            }
            Map<String, Object> rec = SimDeviceRecords.vdi(db.newUuid(), String.valueOf(args.getOrDefault("name_label", "")),
                    sr, size, devices.initialUsage(sr, size), String.valueOf(args.getOrDefault("type", "user")));
            rec.put("name_description", String.valueOf(args.getOrDefault("name_description", "")));
            for (String f : List.of("sharable", "read_only")) {
                rec.put(f, SimArgs.boolField(args, f));
            }
            for (String f : List.of("other_config", "sm_config", "xenstore_data")) {
                if (args.get(f) instanceof Map<?, ?> map) {
                    rec.put(f, map);
                }
            }
            return devices.createVdi(sr, rec);
        });
    }

    /** Grows (or shrinks) a detached VDI; VDI_IN_USE [vdi; resize] when attached. */
    Object resize(String vdi, long size) {
        return db.atomically(() -> {
            for (Object vbd : (List<?>) db.get(VDI, vdi, "VBDs")) {
                if (Boolean.TRUE.equals(db.get("VBD", (String) vbd, "currently_attached"))) {
                    throw new SimFault("VDI_IN_USE", vdi, "resize");
                }
            }
            String sr = (String) db.get(VDI, vdi, "SR");
            long oldSize = db.getLong(VDI, vdi, "virtual_size");
            long oldPhysical = db.getLong(VDI, vdi, "physical_utilisation");
            long newPhysical = devices.initialUsage(sr, size) == 0 ? oldPhysical : size;
            devices.reserve(sr, newPhysical - oldPhysical);
            db.set(VDI, vdi, "virtual_size", size);
            db.set(VDI, vdi, "physical_utilisation", newPhysical);
            devices.account(sr, newPhysical - oldPhysical, size - oldSize);
            return "";
        });
    }

    /** A read-only snapshot of the VDI in its SR, linked by snapshot_of/snapshots. */
    String snapshotVdi(String vdi) {
        return db.atomically(() -> {
            String copy = derive(vdi, (String) db.get(VDI, vdi, "SR"), false);
            db.set(VDI, copy, "is_a_snapshot", true);
            db.set(VDI, copy, "snapshot_of", vdi);
            db.set(VDI, copy, "snapshot_time", Instant.now());
            db.addToSet(VDI, vdi, "snapshots", copy);
            return copy;
        });
    }

    /** A linked clone in the same SR. */
    String cloneVdi(String vdi) {
        return db.atomically(() -> derive(vdi, (String) db.get(VDI, vdi, "SR"), false));
    }

    /** A full copy into {@code sr}. */
    String copyVdi(String vdi, String sr) {
        return db.atomically(() -> {
            db.record(SimDevices.SR, sr);
            return derive(vdi, sr, true);
        });
    }

    /** A new VDI like {@code vdi} in {@code sr}; a full copy occupies what the source does (thin) or its size. */
    private String derive(String vdi, String sr, boolean full) {
        Map<String, Object> src = db.record(VDI, vdi);
        long size = (Long) src.get("virtual_size");
        long physical = full ? Math.max(devices.initialUsage(sr, size), (Long) src.get("physical_utilisation"))
                : devices.initialUsage(sr, size);
        Map<String, Object> rec = SimDeviceRecords.vdi(db.newUuid(), (String) src.get("name_label"), sr, size, physical,
                (String) src.get("type"));
        rec.put("name_description", src.get("name_description"));
        rec.put("other_config", new LinkedHashMap<>((Map<?, ?>) src.get("other_config")));
        rec.put("sharable", src.get("sharable"));
        return devices.createVdi(sr, rec);
    }
}
