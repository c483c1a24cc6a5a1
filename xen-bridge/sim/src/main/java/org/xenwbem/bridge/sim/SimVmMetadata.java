package org.xenwbem.bridge.sim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.xenwbem.bridge.transfer.VmMetadata;

/**
 * The records behind {@code /export_metadata} and {@code /import_metadata} ({@link VmMetadata} is the
 * format). Export: the VM, its snapshots (xapi's {@code export_snapshots}, default true), their VBDs,
 * the VDIs of their disks with those VDIs' SRs, their VIFs and networks, each record as the database
 * holds it. Import, as xapi's metadata import: the disks must exist (found by SR uuid and
 * {@code location}, else IMPORT_ERROR_FAILED_TO_FIND_OBJECT), networks are found by uuid then name;
 * every VM gets a fresh uuid and ref, halted (a snapshot keeps its own state), with its snapshot links
 * ({@code snapshot_of}, {@code snapshots}, {@code parent}, {@code children}) rewritten to the new VMs.
 * Everything is checked before anything is made, under the database monitor, so a refused import
 * leaves nothing behind.
 */
final class SimVmMetadata {
    private static final String VM = "VM";
    private static final String NULL = SimDatabase.NULL_REF;
    private static final Set<String> VM_LINKS = Set.of("snapshot_of", "snapshots", "parent", "children");

    private final SimDatabase db;
    private final SimDevices devices;

    SimVmMetadata(SimDatabase db, SimDevices devices) {
        this.db = db;
        this.devices = devices;
    }

    /** The metadata of {@code vm} (a ref), with its snapshots unless {@code snapshots} is false. */
    VmMetadata export(String vm, boolean snapshots) {
        return db.atomically(() -> {
            if (!db.exists(VM, vm) || Boolean.TRUE.equals(db.get(VM, vm, "is_a_snapshot"))) {
                throw new SimFault("HANDLE_INVALID", VM, vm);
            }
            Set<String> vms = new LinkedHashSet<>(List.of(vm));
            if (snapshots) {
                ((List<?>) db.get(VM, vm, "snapshots")).forEach(s -> vms.add((String) s));
            }
            Map<String, Set<String>> refs = new LinkedHashMap<>();
            for (String cls : List.of(VM, "VBD", "VDI", "SR", "VIF", "network")) {
                refs.put(cls, new LinkedHashSet<>());
            }
            refs.get(VM).addAll(vms);
            for (String v : vms) {
                collectDevices(v, refs);
            }
            List<Map<String, Object>> objects = new ArrayList<>();
            refs.forEach((cls, set) -> set.forEach(ref -> objects.add(Map.of("class", cls, "id", ref,
                    "snapshot", db.record(cls, ref)))));
            return VmMetadata.of(version(), objects);
        });
    }

    private void collectDevices(String vm, Map<String, Set<String>> refs) {
        for (Object o : (List<?>) db.get(VM, vm, "VBDs")) {
            refs.get("VBD").add((String) o);
            String vdi = (String) db.get("VBD", (String) o, "VDI");
            if ("Disk".equals(db.get("VBD", (String) o, "type")) && db.exists(SimDevices.VDI, vdi)) {
                refs.get("VDI").add(vdi);
                refs.get("SR").add((String) db.get(SimDevices.VDI, vdi, "SR"));
            }
        }
        for (Object o : (List<?>) db.get(VM, vm, "VIFs")) {
            refs.get("VIF").add((String) o);
            refs.get("network").add((String) db.get("VIF", (String) o, "network"));
        }
    }

    private Map<String, Object> version() {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("hostname", "xenwbem-sim");
        v.put("date", java.time.LocalDate.now().toString());
        v.put("product_version", "8.2.1");
        v.put("product_brand", "XCP-ng");
        v.put("build_number", "release/yangtze/master/58");
        v.put("xapi_major", 1);
        v.put("xapi_minor", 20);
        v.put("export_vsn", 2);
        return v;
    }

    /** Imports the metadata; the new VMs' refs, the VM first. */
    List<String> importMetadata(VmMetadata md) {
        return db.atomically(() -> {
            Map<String, String> vdis = findVdis(md);
            Map<String, String> networks = findNetworks(md);
            Map<String, Map<String, Object>> vmRecs = md.records(VM);
            if (vmRecs.isEmpty()) {
                throw new SimFault("IMPORT_ERROR", "no VM in the metadata");
            }
            Map<String, String> made = new LinkedHashMap<>();
            vmRecs.forEach((id, rec) -> made.put(id, createVm(rec)));
            vmRecs.forEach((id, rec) -> link(made.get(id), rec, made));
            for (Map<String, Object> vbd : md.records("VBD").values()) {
                String vm = made.get(String.valueOf(vbd.get("VM")));
                if (vm != null) {
                    attach(vm, vbd, vdis);
                }
            }
            for (Map<String, Object> vif : md.records("VIF").values()) {
                String vm = made.get(String.valueOf(vif.get("VM")));
                if (vm != null) {
                    devices.createVif(vm, networks.get(String.valueOf(vif.get("network"))),
                            String.valueOf(vif.get("device")), String.valueOf(vif.get("MAC")));
                }
            }
            made.values().forEach(vm -> db.set(VM, vm, "allowed_operations",
                    SimVmPower.allowedOperations((String) db.get(VM, vm, "power_state"))));
            List<String> out = new ArrayList<>();
            made.forEach((id, ref) -> {
                if (!Boolean.TRUE.equals(db.get(VM, ref, "is_a_snapshot"))) {
                    out.add(0, ref);
                } else {
                    out.add(ref);
                }
            });
            return out;
        });
    }

    /** Exported VDI id → the VDI here, by its SR's uuid and its location. */
    private Map<String, String> findVdis(VmMetadata md) {
        Map<String, Map<String, Object>> srs = md.records("SR");
        Map<String, String> out = new LinkedHashMap<>();
        md.records(SimDevices.VDI).forEach((id, rec) -> {
            Map<String, Object> sr = srs.get(String.valueOf(rec.get("SR")));
            String location = String.valueOf(rec.get("location"));
            String found = null;
            if (sr != null) {
                String srRef = db.refByUuid(SimDevices.SR, String.valueOf(sr.get("uuid")));
                for (Object v : (List<?>) db.get(SimDevices.SR, srRef, "VDIs")) {
                    if (location.equals(db.get(SimDevices.VDI, (String) v, "location"))) {
                        found = (String) v;
                    }
                }
            }
            if (found == null) {
                throw new SimFault("IMPORT_ERROR_FAILED_TO_FIND_OBJECT", id);
            }
            out.put(id, found);
        });
        return out;
    }

    private Map<String, String> findNetworks(VmMetadata md) {
        Map<String, String> out = new LinkedHashMap<>();
        md.records("network").forEach((id, rec) -> {
            String found = null;
            for (String n : db.refs("network")) {
                if (rec.get("uuid") != null && rec.get("uuid").equals(db.get("network", n, "uuid"))) {
                    found = n;
                }
            }
            for (String n : db.refs("network")) {
                if (found == null && String.valueOf(rec.get("name_label")).equals(db.get("network", n, "name_label"))) {
                    found = n;
                }
            }
            if (found == null) {
                throw new SimFault("IMPORT_ERROR_FAILED_TO_FIND_OBJECT", id);
            }
            out.put(id, found);
        });
        return out;
    }

    /** A VM record from an exported one: its fields typed as this database types them, fresh identity. */
    private String createVm(Map<String, Object> exported) {
        Map<String, Object> rec = SimRecords.vm(db.newUuid(), "", NULL, 0L, 1L);
        for (Map.Entry<String, Object> e : exported.entrySet()) {
            if (rec.containsKey(e.getKey()) && !VM_LINKS.contains(e.getKey())) {
                rec.put(e.getKey(), typed(rec.get(e.getKey()), e.getValue()));
            }
        }
        boolean snapshot = Boolean.TRUE.equals(rec.get("is_a_snapshot"));
        rec.put("uuid", db.newUuid());
        rec.put("metrics", db.create("VM_metrics", SimRecords.vmMetrics(db.newUuid(), ((Number) rec.get("VCPUs_max")).longValue())));
        for (String f : List.of("VBDs", "VIFs", "consoles", "snapshots", "children")) {
            rec.put(f, List.of());
        }
        for (String f : List.of("guest_metrics", "resident_on", "suspend_VDI", "parent", "snapshot_of", "affinity")) {
            rec.put(f, NULL);
        }
        rec.put("power_state", snapshot && "Suspended".equals(rec.get("power_state")) ? "Suspended" : "Halted");
        rec.put("domid", -1L);
        rec.put("current_operations", Map.of());
        return db.create(VM, rec);
    }

    private void link(String vm, Map<String, Object> exported, Map<String, String> made) {
        for (String f : List.of("snapshot_of", "parent")) {
            String to = made.get(String.valueOf(exported.get(f)));
            if (to != null) {
                db.set(VM, vm, f, to);
            }
        }
        for (String f : List.of("snapshots", "children")) {
            if (exported.get(f) instanceof List<?> l) {
                db.set(VM, vm, f, l.stream().map(o -> made.get(String.valueOf(o))).filter(o -> o != null).toList());
            }
        }
    }

    private void attach(String vm, Map<String, Object> vbd, Map<String, String> vdis) {
        String vdi = vdis.getOrDefault(String.valueOf(vbd.get("VDI")), NULL);
        String type = String.valueOf(vbd.get("type"));
        devices.createVbd(vm, vdi, String.valueOf(vbd.get("userdevice")), type,
                String.valueOf(vbd.get("mode")), "1".equals(String.valueOf(vbd.get("bootable")))
                        || Boolean.TRUE.equals(vbd.get("bootable")));
    }

    /** The exported value typed as {@code like} (XML-RPC carries 64-bit integers as strings, as xapi does). */
    private static Object typed(Object like, Object v) {
        try {
            if (like instanceof Long && v instanceof String s) {
                return Long.parseLong(s);
            }
            if (like instanceof Double && v instanceof String s) {
                return Double.parseDouble(s);
            }
        } catch (NumberFormatException e) {
            throw new SimFault("IMPORT_ERROR", "unreadable number " + s(v));
        }
        return v;
    }

    private static String s(Object o) {
        return String.valueOf(o);
    }
}
