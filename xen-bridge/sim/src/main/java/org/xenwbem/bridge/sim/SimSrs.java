package org.xenwbem.bridge.sim;

import java.util.List;
import java.util.Map;

/**
 * SR and PBD messages: SR.create (a PBD per host when shared, else one for the given host; all
 * plugged), SR.destroy and SR.forget (SR_HAS_PBD while a PBD is attached, as {@code xapi_sr.ml}
 * {@code check_no_pbds_attached}; then the PBDs go, and for destroy the VDIs), SR.scan (re-adds
 * the VDIs' usage), SR.set_name_*, PBD.create/plug/unplug/destroy, pool.set_default_SR (and the
 * suspend-image and crash-dump SRs).
 */
final class SimSrs {
    /** The SM drivers the simulator knows; others give SR_UNKNOWN_DRIVER. */
    static final List<String> DRIVERS = List.of("nfs", "lvm", "ext", "iso", "lvmoiscsi", "lvmohba", "file", "smb",
            "udev", "dummy");
    private static final String SR = SimDevices.SR;
    private static final String PBD = "PBD";
    private static final long DEFAULT_SIZE = 1024 * SimRecords.GIB;

    private final SimDatabase db;
    private final SimDevices devices;

    SimSrs(SimDatabase db, SimDevices devices) {
        this.db = db;
        this.devices = devices;
    }

    void register(Map<String, SimMethod> m) {
        m.put("SR.create", SimMethod.action(10, 10, "sr.create", (s, a) -> create(SimArgs.str(a, 0),
                SimArgs.struct(a, 1), SimArgs.int64(a, 2), SimArgs.str(a, 3), SimArgs.str(a, 4), SimArgs.str(a, 5),
                SimArgs.str(a, 6), SimArgs.bool(a, 7), SimArgs.struct(a, 8))));
        m.put("SR.destroy", SimMethod.action(2, "sr.destroy", (s, a) -> remove(SimArgs.str(a, 0), true)));
        m.put("SR.forget", SimMethod.action(2, "sr.forget", (s, a) -> remove(SimArgs.str(a, 0), false)));
        m.put("SR.scan", SimMethod.action(2, "sr.scan", (s, a) -> scan(SimArgs.str(a, 0))));
        for (String field : List.of("name_label", "name_description")) {
            m.put("SR.set_" + field, SimMethod.action(3, "sr.set_" + field, (s, a) -> set(SR, a, field)));
        }
        m.put("PBD.create", SimMethod.action(2, "pbd.create", (s, a) -> createPbd(SimArgs.struct(a, 0))));
        m.put("PBD.plug", SimMethod.action(2, "pbd.plug", (s, a) -> plug(SimArgs.str(a, 0), true)));
        m.put("PBD.unplug", SimMethod.action(2, "pbd.unplug", (s, a) -> plug(SimArgs.str(a, 0), false)));
        m.put("PBD.destroy", SimMethod.action(2, "pbd.destroy", (s, a) -> destroyPbd(SimArgs.str(a, 0))));
        for (String field : List.of("default_SR", "suspend_image_SR", "crash_dump_SR")) {
            m.put("pool.set_" + field, SimMethod.write(3, "pool.set_" + field.toLowerCase(java.util.Locale.ROOT),
                    (s, a) -> db.atomically(() -> {
                        String pool = SimArgs.str(a, 0);
                        db.record("pool", pool);
                        db.record(SR, SimArgs.str(a, 1));
                        db.set("pool", pool, field, SimArgs.str(a, 1));
                        return "";
                    })));
        }
    }

    private Object set(String cls, List<Object> a, String field) {
        return db.atomically(() -> {
            db.set(cls, SimArgs.str(a, 0), field, SimArgs.str(a, 1));
            return "";
        });
    }

    String create(String host, Map<String, Object> deviceConfig, long size, String name, String description,
                  String type, String contentType, boolean shared, Map<String, Object> smConfig) {
        return db.atomically(() -> {
            db.record("host", host);
            if (!DRIVERS.contains(type)) {
                throw new SimFault("SR_UNKNOWN_DRIVER", type);
            }
            Map<String, Object> rec = SimRecords.sr(db.newUuid(), name, type, shared, size > 0 ? size : DEFAULT_SIZE);
            rec.put("name_description", description);
            rec.put("content_type", contentType);
            rec.put("physical_utilisation", 0L);
            rec.put("sm_config", smConfig);
            String sr = db.create(SR, rec);
            for (String h : shared ? db.refs("host") : List.of(host)) {
                createPbd(Map.of("host", h, "SR", sr, "device_config", deviceConfig));
            }
            db.refs(PBD).stream().filter(p -> sr.equals(db.get(PBD, p, "SR"))).forEach(p -> plug(p, true));
            return sr;
        });
    }

    /** SR.destroy and SR.forget: in the simulator both drop the VDI records (destroy would also free the data). */
    private Object remove(String sr, boolean destroy) {
        return db.atomically(() -> {
            List<?> pbds = (List<?>) db.get(SR, sr, "PBDs");
            for (Object p : pbds) {
                if (Boolean.TRUE.equals(db.get(PBD, (String) p, "currently_attached"))) {
                    throw new SimFault("SR_HAS_PBD", sr);
                }
            }
            pbds.forEach(p -> destroyPbd((String) p));
            for (Object vdi : (List<?>) db.get(SR, sr, "VDIs")) {
                if (db.exists(SimDevices.VDI, (String) vdi)) {
                    devices.destroyVdi((String) vdi);
                }
            }
            removeFromPools(sr);
            db.delete(SR, sr);
            return "";
        });
    }

    /** Pool fields naming a vanished SR fall back to OpaqueRef:NULL, as xapi's GC leaves them. */
    private void removeFromPools(String sr) {
        for (String pool : db.refs("pool")) {
            for (String f : List.of("default_SR", "suspend_image_SR", "crash_dump_SR")) {
                if (sr.equals(db.get("pool", pool, f))) {
                    db.set("pool", pool, f, SimDatabase.NULL_REF);
                }
            }
        }
    }

    private Object scan(String sr) {
        return db.atomically(() -> {
            long physical = 0;
            long virtual = 0;
            for (Object vdi : (List<?>) db.get(SR, sr, "VDIs")) {
                physical += db.getLong(SimDevices.VDI, (String) vdi, "physical_utilisation");
                virtual += db.getLong(SimDevices.VDI, (String) vdi, "virtual_size");
            }
            db.set(SR, sr, "physical_utilisation", physical);
            db.set(SR, sr, "virtual_allocation", virtual);
            return "";
        });
    }

    /** PBD.create(record): PBD_EXISTS [sr; host; pbd] when the host already has one for that SR. */
    String createPbd(Map<String, Object> args) {
        return db.atomically(() -> {
            String host = String.valueOf(args.get("host"));
            String sr = String.valueOf(args.get("SR"));
            db.record("host", host);
            db.record(SR, sr);
            for (Object p : (List<?>) db.get(SR, sr, "PBDs")) {
                if (host.equals(db.get(PBD, (String) p, "host"))) {
                    throw new SimFault("PBD_EXISTS", sr, host, (String) p);
                }
            }
            Map<String, Object> rec = SimDeviceRecords.pbd(db.newUuid(), host, sr, SimArgs.mapField(args, "device_config"));
            rec.put("currently_attached", false);
            rec.put("other_config", SimArgs.mapField(args, "other_config"));
            String ref = db.create(PBD, rec);
            db.addToSet(SR, sr, "PBDs", ref);
            db.addToSet("host", host, "PBDs", ref);
            return ref;
        });
    }

    private Object plug(String pbd, boolean attach) {
        return db.atomically(() -> {
            db.record(PBD, pbd);
            db.set(PBD, pbd, "currently_attached", attach);
            return "";
        });
    }

    /** OPERATION_NOT_ALLOWED while attached. */
    private Object destroyPbd(String pbd) {
        return db.atomically(() -> {
            if (Boolean.TRUE.equals(db.get(PBD, pbd, "currently_attached"))) {
                throw new SimFault("OPERATION_NOT_ALLOWED", "PBD is currently attached");
            }
            db.removeFromSet(SR, (String) db.get(PBD, pbd, "SR"), "PBDs", pbd);
            db.removeFromSet("host", (String) db.get(PBD, pbd, "host"), "PBDs", pbd);
            db.delete(PBD, pbd);
            return "";
        });
    }
}
