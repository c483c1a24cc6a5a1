package org.xenwbem.bridge.sim;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * SR.scan as xapi's {@code Xapi_sr.scan} with an SM driver behind it: SR_NO_PBDS [sr] unless a PBD
 * is plugged; the back end is listed outside the monitor; then VDIs whose backing appeared behind
 * xapi's back are introduced (uuid from the file or image name, virtual size from its length, name
 * and description from what the back end kept, else empty), VDIs whose backing vanished are forgotten (or marked {@code missing} while a VBD of
 * them is attached), every VDI's sizes are refreshed, and the SR's physical_utilisation,
 * virtual_allocation and (file and rbd SRs) physical_size follow. Each change is an event.
 */
final class SimSrScan {
    private static final String SR = SimDevices.SR;
    private static final String VDI = SimDevices.VDI;

    private final SimDatabase db;
    private final SimDevices devices;

    SimSrScan(SimDatabase db, SimDevices devices) {
        this.db = db;
        this.devices = devices;
    }

    Object scan(String sr) {
        String type = db.atomically(() -> {
            boolean plugged = false;
            for (Object p : (List<?>) db.get(SR, sr, "PBDs")) {
                plugged |= Boolean.TRUE.equals(db.get("PBD", (String) p, "currently_attached"));
            }
            if (!plugged) {
                throw new SimFault("SR_NO_PBDS", sr);
            }
            return (String) db.get(SR, sr, "type");
        });
        SimBacking backing = devices.backing(sr);
        Map<String, Long> present;
        Map<String, Long> allocated = new HashMap<>();
        Map<String, String[]> names = new HashMap<>();
        long capacity;
        List<String> known = db.atomically(() -> ((List<?>) db.get(SR, sr, "VDIs")).stream()
                .map(v -> (String) db.get(VDI, (String) v, "uuid")).toList());
        boolean thin = db.atomically(() -> devices.initialUsage(sr, 1) == 0);
        try {
            // the back end's three questions at once: each is a process (and for rbd a cluster connection)
            java.util.concurrent.CompletableFuture<Map<String, Long>> used = async(() -> thin ? backing.allocatedAll()
                    : Map.of());
            java.util.concurrent.CompletableFuture<Long> size = async(backing::capacity);
            present = backing.list();
            for (String uuid : present.keySet()) {
                if (!known.contains(uuid)) {
                    names.put(uuid, backing.description(uuid));
                }
            }
            allocated.putAll(join(used));
            capacity = join(size);
        } catch (IOException e) {
            throw SimStorageFaults.backend(40, "The SR scan failed", e);
        }
        boolean sized = "rbd".equals(type) || SimStorage.FILE_TYPES.contains(type);
        return db.atomically(() -> apply(sr, backing, present, allocated, names, sized ? capacity : -1));
    }

    /** A back-end question asked on its own thread. */
    private interface Question<T> {
        T ask() throws IOException;
    }

    private static <T> java.util.concurrent.CompletableFuture<T> async(Question<T> q) {
        return java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return q.ask();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private static <T> T join(java.util.concurrent.CompletableFuture<T> f) throws IOException {
        try {
            return f.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof java.io.UncheckedIOException u) {
                throw u.getCause();
            }
            throw e;
        }
    }

    private Object apply(String sr, SimBacking backing, Map<String, Long> present, Map<String, Long> allocated,
                         Map<String, String[]> names, long capacity) {
        boolean thin = devices.initialUsage(sr, 1) == 0;
        Map<String, String> known = new HashMap<>();
        for (Object v : (List<?>) db.get(SR, sr, "VDIs")) {
            known.put((String) db.get(VDI, (String) v, "uuid"), (String) v);
        }
        List<String> gone = known.keySet().stream().filter(u -> !present.containsKey(u)).toList();
        if (!gone.isEmpty()) {
            Map<String, Long> now = relist(backing);
            gone.stream().filter(u -> now != null && !now.containsKey(u)).forEach(u -> vanished(backing, u, known.get(u)));
        }
        for (Map.Entry<String, Long> p : present.entrySet()) {
            String ref = known.get(p.getKey());
            long physical = thin ? allocated.getOrDefault(p.getKey(), 0L) : p.getValue();
            if (ref == null) {
                introduce(sr, p.getKey(), p.getValue(), physical, names.getOrDefault(p.getKey(), new String[] {"", ""}));
            } else {
                update(ref, p.getValue(), physical);
            }
        }
        long physical = 0;
        long virtual = 0;
        for (Object vdi : (List<?>) db.get(SR, sr, "VDIs")) {
            physical += db.getLong(VDI, (String) vdi, "physical_utilisation");
            virtual += db.getLong(VDI, (String) vdi, "virtual_size");
        }
        set(SR, sr, "physical_utilisation", physical);
        set(SR, sr, "virtual_allocation", virtual);
        if (capacity > 0) {
            set(SR, sr, "physical_size", capacity);
        }
        return "";
    }

    /** The backing listed again under the monitor (a VDI made since the first listing stays); null on error. */
    private static Map<String, Long> relist(SimBacking backing) {
        try {
            return backing.list();
        } catch (IOException e) {
            return null;
        }
    }

    /** A VDI made behind xapi's back, as xapi's {@code update_vdis} introduces it. */
    private void introduce(String sr, String uuid, long size, long physical, String[] name) {
        if (db.records(VDI).values().stream().anyMatch(r -> uuid.equals(r.get("uuid")))) {
            return;
        }
        Map<String, Object> rec = SimDeviceRecords.vdi(uuid, name[0], sr, size, physical, "user");
        rec.put("name_description", name[1]);
        String ref = db.create(VDI, rec);
        db.addToSet(SR, sr, "VDIs", ref);
    }

    /** Forgets a VDI whose backing vanished; one still attached stays, marked missing. */
    private void vanished(SimBacking backing, String uuid, String ref) {
        for (Object vbd : (List<?>) db.get(VDI, ref, "VBDs")) {
            if (Boolean.TRUE.equals(db.get(SimDevices.VBD, (String) vbd, "currently_attached"))) {
                set(VDI, ref, "missing", true);
                return;
            }
        }
        devices.forgetVdi(ref);
        try {
            backing.forgetDescription(uuid);
        } catch (IOException e) {
            throw SimStorageFaults.backend(40, "The SR scan failed", e);
        }
    }

    private void update(String ref, long size, long physical) {
        set(VDI, ref, "virtual_size", size);
        set(VDI, ref, "physical_utilisation", physical);
        set(VDI, ref, "missing", false);
    }

    /** Sets a field only when it changes, so an unchanged scan fires no event. */
    private void set(String cls, String ref, String field, Object value) {
        if (!value.equals(db.get(cls, ref, field))) {
            db.set(cls, ref, field, value);
        }
    }
}
