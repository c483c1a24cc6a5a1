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
        m.put("VDI.resize_online", SimMethod.action(3, "vdi.resize_online", (s, a) ->
                resizeOnline(SimArgs.str(a, 0), SimArgs.int64(a, 1))));
        m.put("VDI.forget", SimMethod.action(2, "vdi.forget", (s, a) -> {
            devices.forgetVdi(SimArgs.str(a, 0));
            return "";
        }));
        m.put("VDI.snapshot", SimMethod.action(2, 3, "vdi.snapshot", (s, a) -> snapshotVdi(SimArgs.str(a, 0))));
        m.put("VDI.clone", SimMethod.action(2, 3, "vdi.clone", (s, a) -> cloneVdi(SimArgs.str(a, 0))));
        m.put("VDI.copy", SimMethod.action(3, 5, "vdi.copy", (s, a) -> a.size() > 3 && !NULL.equals(SimArgs.str(a, 3))
                ? copyInto(SimArgs.str(a, 0), SimArgs.str(a, 3)) : copyVdi(SimArgs.str(a, 0), SimArgs.str(a, 1))));
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

    /**
     * VDI.resize: VDI_IN_USE [vdi; resize] while attached; SR_BACKEND_FAILURE_79 (VDISize, "shrinking
     * not allowed") for a smaller size, as SM's drivers refuse; the back end grows the VDI's bytes.
     */
    Object resize(String vdi, long size) {
        return db.atomically(() -> {
            for (Object vbd : (List<?>) db.get(VDI, vdi, "VBDs")) {
                if (Boolean.TRUE.equals(db.get("VBD", (String) vbd, "currently_attached"))) {
                    throw new SimFault("VDI_IN_USE", vdi, "resize");
                }
            }
            return grow(vdi, size);
        });
    }

    /**
     * VDI.resize_online: allowed while attached (xapi's {@code operation_can_be_performed_live}), only on
     * SRs whose driver has VDI_RESIZE_ONLINE (here rbd and the file types), else SR_OPERATION_NOT_SUPPORTED [sr].
     */
    Object resizeOnline(String vdi, long size) {
        return db.atomically(() -> {
            String sr = (String) db.get(VDI, vdi, "SR");
            String type = (String) db.get(SimDevices.SR, sr, "type");
            if (!"rbd".equals(type) && !SimStorage.FILE_TYPES.contains(type)) {
                throw new SimFault("SR_OPERATION_NOT_SUPPORTED", sr);
            }
            return grow(vdi, size);
        });
    }

    private Object grow(String vdi, long size) {
        long oldSize = db.getLong(VDI, vdi, "virtual_size");
        if (size < oldSize) {
            throw SimStorageFaults.sm(79, "VDI Invalid size [opterr=shrinking not allowed]", "");
        }
        String sr = (String) db.get(VDI, vdi, "SR");
        long oldPhysical = db.getLong(VDI, vdi, "physical_utilisation");
        long newPhysical = devices.initialUsage(sr, size) == 0 ? oldPhysical : size;
        devices.reserve(sr, newPhysical - oldPhysical);
        try {
            devices.backing(sr).resize((String) db.get(VDI, vdi, "uuid"), size);
        } catch (java.io.IOException e) {
            throw SimStorageFaults.backend(110, "VDI resize failed", e);
        }
        db.set(VDI, vdi, "virtual_size", size);
        db.set(VDI, vdi, "physical_utilisation", newPhysical);
        devices.account(sr, newPhysical - oldPhysical, size - oldSize);
        return "";
    }

    /** A read-only snapshot of the VDI in its SR with the same bytes, linked by snapshot_of/snapshots. */
    String snapshotVdi(String vdi) {
        String copy = withData(vdi, null, false);
        return db.atomically(() -> {
            db.set(VDI, copy, "is_a_snapshot", true);
            db.set(VDI, copy, "snapshot_of", vdi);
            db.set(VDI, copy, "snapshot_time", Instant.now());
            db.addToSet(VDI, vdi, "snapshots", copy);
            return copy;
        });
    }

    /** A clone in the same SR with the same bytes (blocks shared where the file system can). */
    String cloneVdi(String vdi) {
        return withData(vdi, null, false);
    }

    /** VDI.copy: a thick copy into {@code sr}, every byte read (see {@link SimVdiData#thickCopy}). */
    String copyVdi(String vdi, String sr) {
        db.atomically(() -> db.record(SimDevices.SR, sr));
        return withData(vdi, sr, true);
    }

    /** VDI.copy with into_vdi: the bytes replace into_vdi's (VDI_TOO_SMALL [vdi; size] when it is smaller). */
    String copyInto(String vdi, String into) {
        String[] info = db.atomically(() -> {
            long size = db.getLong(VDI, vdi, "virtual_size");
            if (db.getLong(VDI, into, "virtual_size") < size) {
                throw new SimFault("VDI_TOO_SMALL", into, Long.toString(size));
            }
            return new String[] {(String) db.get(VDI, vdi, "SR"), (String) db.get(VDI, vdi, "uuid"),
                    (String) db.get(VDI, into, "SR"), (String) db.get(VDI, into, "uuid"), Long.toString(size)};
        });
        try {
            SimBacking to = devices.backing(info[2]);
            SimVdiData.thickCopy(devices.backing(info[0]), info[1], Long.parseLong(info[4]), to, info[3]);
            to.resize(info[3], db.atomically(() -> db.getLong(VDI, into, "virtual_size")));
            refreshUsage(into, to, info[3]);
        } catch (java.io.IOException e) {
            throw SimStorageFaults.backend(78, "VDI Creation failed", e);
        }
        return into;
    }

    /**
     * Makes the new VDI's record (with an empty backing), then its bytes outside the monitor unless a
     * caller holds it; if the bytes fail the new VDI is destroyed again, so nothing half-made stays.
     */
    private String withData(String vdi, String targetSr, boolean thick) {
        String[] made = db.atomically(() -> {
            String srcSr = (String) db.get(VDI, vdi, "SR");
            String sr = targetSr != null ? targetSr : srcSr;
            String ref = derive(vdi, sr, thick);
            return new String[] {ref, srcSr, sr, (String) db.get(VDI, vdi, "uuid"), (String) db.get(VDI, ref, "uuid")};
        });
        long size = db.atomically(() -> db.getLong(VDI, made[0], "virtual_size"));
        try {
            SimBacking from = devices.backing(made[1]);
            SimBacking to = devices.backing(made[2]);
            if (thick) {
                SimVdiData.thickCopy(from, made[3], size, to, made[4]);
            } else {
                SimVdiData.share(from, made[3], size, to, made[4]);
            }
            refreshUsage(made[0], to, made[4]);
        } catch (java.io.IOException | RuntimeException e) {
            devices.destroyVdi(made[0]);
            throw e instanceof SimFault f ? f : SimStorageFaults.backend(thick ? 78 : 81,
                    thick ? "VDI Creation failed" : "Failed to clone VDI", e);
        }
        return made[0];
    }

    /** physical_utilisation of a thin VDI from its allocated bytes (thick ones keep their full size). */
    void refreshUsage(String ref, SimBacking backing, String uuid) throws java.io.IOException {
        long allocated = backing.allocated(uuid);
        db.atomically(() -> {
            String sr = (String) db.get(VDI, ref, "SR");
            if (devices.initialUsage(sr, 1) == 0) {
                long old = db.getLong(VDI, ref, "physical_utilisation");
                db.set(VDI, ref, "physical_utilisation", allocated);
                devices.account(sr, allocated - old, 0);
            }
            return null;
        });
    }

    /** A new VDI like {@code vdi} in {@code sr}; a thick SR reserves its full size. */
    private String derive(String vdi, String sr, boolean full) {
        Map<String, Object> src = db.record(VDI, vdi);
        long size = (Long) src.get("virtual_size");
        if (full) {
            devices.reserve(sr, Math.max(devices.initialUsage(sr, size), (Long) src.get("physical_utilisation")));
        }
        Map<String, Object> rec = SimDeviceRecords.vdi(db.newUuid(), (String) src.get("name_label"), sr, size,
                devices.initialUsage(sr, size), (String) src.get("type"));
        rec.put("name_description", src.get("name_description"));
        rec.put("other_config", new LinkedHashMap<>((Map<?, ?>) src.get("other_config")));
        rec.put("sharable", src.get("sharable"));
        return devices.createVdi(sr, rec);
    }
}
