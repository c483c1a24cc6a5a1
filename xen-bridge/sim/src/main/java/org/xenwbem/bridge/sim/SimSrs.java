package org.xenwbem.bridge.sim;

import java.util.List;
import java.util.Map;

/**
 * SR and PBD messages: SR.create (the back end is checked and marked first, see {@link SimStorage};
 * then a PBD per host when shared, else one for the given host; all plugged), SR.destroy and
 * SR.forget (SR_HAS_PBD while a PBD is attached, as {@code xapi_sr.ml} {@code check_no_pbds_attached};
 * destroy then SR_NOT_EMPTY while VDIs remain, as SM's {@code sr_delete} refuses, and deletes the
 * SR's marker; forget keeps every byte), SR.scan ({@link SimSrScan}), SR.set_name_*,
 * PBD.create/plug/unplug/destroy (unplug: VDI_IN_USE [vdis] while a running VM on that host has one
 * attached, as {@code xapi_pbd.ml}), pool.set_default_SR, set_suspend_image_SR, set_crash_dump_SR.
 */
final class SimSrs {
    /** The SM drivers the simulator knows (SR.get_supported_types); others give SR_UNKNOWN_DRIVER. */
    static final List<String> DRIVERS = List.of("nfs", "lvm", "ext", "iso", "lvmoiscsi", "lvmohba", "file", "smb",
            "udev", "dummy", "rbd");
    private static final String SR = SimDevices.SR;
    private static final String PBD = "PBD";
    private static final long DEFAULT_SIZE = 1024 * SimRecords.GIB;

    private final SimDatabase db;
    private final SimDevices devices;
    private final SimSrScan scanner;

    SimSrs(SimDatabase db, SimDevices devices) {
        this.db = db;
        this.devices = devices;
        this.scanner = new SimSrScan(db, devices);
    }

    void register(Map<String, SimMethod> m) {
        m.put("SR.create", SimMethod.action(10, 10, "sr.create", (s, a) -> create(SimArgs.str(a, 0),
                SimArgs.struct(a, 1), SimArgs.int64(a, 2), SimArgs.str(a, 3), SimArgs.str(a, 4), SimArgs.str(a, 5),
                SimArgs.str(a, 6), SimArgs.bool(a, 7), SimArgs.struct(a, 8))));
        m.put("SR.destroy", SimMethod.action(2, "sr.destroy", (s, a) -> remove(SimArgs.str(a, 0), true)));
        m.put("SR.forget", SimMethod.action(2, "sr.forget", (s, a) -> remove(SimArgs.str(a, 0), false)));
        m.put("SR.scan", SimMethod.action(2, "sr.scan", (s, a) -> scanner.scan(SimArgs.str(a, 0))));
        new SimSrProbe(db, devices).register(m);
        for (String field : List.of("name_label", "name_description")) {
            m.put("SR.set_" + field, SimMethod.action(3, "sr.set_" + field, (s, a) -> set(SR, a, field)));
        }
        m.put("PBD.create", SimMethod.action(2, "pbd.create", (s, a) -> createPbd(SimArgs.struct(a, 0))));
        m.put("PBD.plug", SimMethod.action(2, "pbd.plug", (s, a) -> plug(SimArgs.str(a, 0), true)));
        m.put("PBD.unplug", SimMethod.action(2, "pbd.unplug", (s, a) -> unplug(SimArgs.str(a, 0))));
        m.put("PBD.destroy", SimMethod.action(2, "pbd.destroy", (s, a) -> destroyPbd(SimArgs.str(a, 0))));
        for (String field : List.of("default_SR", "suspend_image_SR", "crash_dump_SR")) {
            m.put("pool.set_" + field, SimMethod.write(3, "pool.set_" + field.toLowerCase(java.util.Locale.ROOT),
                    (s, a) -> db.atomically(() -> {
                        String pool = SimArgs.str(a, 0);
                        db.record("pool", pool);
                        if (!SimDatabase.NULL_REF.equals(SimArgs.str(a, 1))) {
                            db.record(SR, SimArgs.str(a, 1));
                        }
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

    /**
     * SR.create: SR_UNKNOWN_DRIVER for an unknown type; then, outside the monitor, the back end is
     * checked (an lvmoiscsi target probed, an rbd cluster asked) and the SR's marker written; then the
     * records. A failure after the marker removes it again.
     */
    String create(String host, Map<String, Object> deviceConfig, long size, String name, String description,
                  String type, String contentType, boolean shared, Map<String, Object> smConfig) {
        String uuid = db.atomically(() -> {
            db.record("host", host);
            if (!DRIVERS.contains(type)) {
                throw new SimFault("SR_UNKNOWN_DRIVER", type);
            }
            return db.newUuid();
        });
        long lunSize = "lvmoiscsi".equals(type) ? SimIscsi.lunSizeForCreate(deviceConfig) : -1;
        SimBacking backing = devices.storage().backing(uuid, type, deviceConfig);
        long capacity = attach(backing, uuid, type, deviceConfig);
        devices.storage().mount(uuid, backing);
        long physical = lunSize > 0 ? lunSize : capacity > 0 && size <= 0 ? capacity : size > 0 ? size : DEFAULT_SIZE;
        try {
            return db.atomically(() -> records(uuid, host, deviceConfig, physical, name, description, type,
                    contentType, shared, smConfig));
        } catch (RuntimeException e) {
            devices.storage().drop(uuid);
            try {
                backing.detachForever();
            } catch (java.io.IOException ignored) {
                // the records failed first; the marker is best-effort cleanup
            }
            throw e;
        }
    }

    /** Writes the SR's marker; SR_BACKEND_FAILURE_42 when another SR's marker is already there. */
    private static long attach(SimBacking backing, String uuid, String type, Map<String, Object> deviceConfig) {
        try {
            java.util.Optional<String> existing = "file".equals(type) || "rbd".equals(type) ? backing.srUuid()
                    : java.util.Optional.empty();
            if (existing.isPresent()) {
                throw SimStorageFaults.sm(42, "The SR already exists [opterr=SR " + existing.get()
                        + " is at this location; probe and introduce it]", "");
            }
            backing.attach(uuid, SimStorage.identity(type, deviceConfig));
            return backing.capacity();
        } catch (java.io.IOException e) {
            throw SimStorageFaults.backend(47, "The SR is not available", e);
        }
    }

    private String records(String uuid, String host, Map<String, Object> deviceConfig, long size, String name,
                           String description, String type, String contentType, boolean shared,
                           Map<String, Object> smConfig) {
        Map<String, Object> rec = SimRecords.sr(uuid, name, type, shared, size);
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
    }

    /** SR.destroy (SR_NOT_EMPTY while VDIs remain; the marker goes) and SR.forget (records only). */
    private Object remove(String sr, boolean destroy) {
        String uuid = db.atomically(() -> {
            List<?> pbds = (List<?>) db.get(SR, sr, "PBDs");
            for (Object p : pbds) {
                if (Boolean.TRUE.equals(db.get(PBD, (String) p, "currently_attached"))) {
                    throw new SimFault("SR_HAS_PBD", sr);
                }
            }
            if (destroy && !"iso".equals(db.get(SR, sr, "type")) && !((List<?>) db.get(SR, sr, "VDIs")).isEmpty()) {
                throw new SimFault("SR_NOT_EMPTY");
            }
            return (String) db.get(SR, sr, "uuid");
        });
        if (destroy) {
            try {
                devices.backing(sr).detachForever();
            } catch (java.io.IOException e) {
                throw SimStorageFaults.backend(63, "File SR deletion error", e);
            }
        }
        return db.atomically(() -> {
            ((List<?>) db.get(SR, sr, "PBDs")).forEach(p -> destroyPbd((String) p));
            for (Object vdi : (List<?>) db.get(SR, sr, "VDIs")) {
                if (db.exists(SimDevices.VDI, (String) vdi)) {
                    devices.forgetVdi((String) vdi);
                }
            }
            removeFromPools(sr);
            db.delete(SR, sr);
            devices.storage().drop(uuid);
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

    /** VDI_IN_USE [vdi…] while VDIs of the SR are attached to VMs running on the PBD's host. */
    private Object unplug(String pbd) {
        return db.atomically(() -> {
            String host = (String) db.record(PBD, pbd).get("host");
            List<String> inUse = new java.util.ArrayList<>();
            for (Object vdi : (List<?>) db.get(SR, (String) db.get(PBD, pbd, "SR"), "VDIs")) {
                for (Object vbd : (List<?>) db.get(SimDevices.VDI, (String) vdi, "VBDs")) {
                    String vm = (String) db.get(SimDevices.VBD, (String) vbd, "VM");
                    if (Boolean.TRUE.equals(db.get(SimDevices.VBD, (String) vbd, "currently_attached"))
                            && host.equals(db.get(SimDevices.VM, vm, "resident_on")) && !inUse.contains(vdi)) {
                        inUse.add((String) vdi);
                    }
                }
            }
            if (!inUse.isEmpty()) {
                throw new SimFault("VDI_IN_USE", inUse.toArray(String[]::new));
            }
            return plug(pbd, false);
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
