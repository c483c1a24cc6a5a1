package org.xenwbem.bridge.sim;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Seeds the ordinary VMs, each with VM_metrics, its disks (VDIs on the shared SR and VBDs), a CD
 * drive (every third with an ISO inserted, the others empty), NICs (VIFs spread over the networks),
 * and, through the power state, its consoles and guest metrics; then one snapshot of the first VM.
 * Back-references (SR.VDIs, VDI.VBDs, network.VIFs) are collected and written once, so that seeding
 * 10,000 VMs stays linear.
 */
final class SimVmSeeder {
    static final List<String> ISOS = List.of("debian-12.5.0-amd64-netinst.iso", "Windows_Server_2022.iso",
            "guest-tools.iso");
    private static final List<String> STATE_CYCLE = List.of("Running", "Halted", "Running", "Suspended",
            "Paused", "Halted");
    private static final String VM = "VM";
    private static final String NULL = SimDatabase.NULL_REF;

    private final SimDatabase db;
    private final SimVmPower power;
    private final SimDevices devices;
    private final List<String> isoVdis = new ArrayList<>();
    /** Pending back-references: object ref → set field → refs to append. */
    private final Map<String, Map<String, List<String>>> links = new LinkedHashMap<>();
    private final Map<String, String> classOf = new HashMap<>();

    SimVmSeeder(SimDatabase db, SimVmPower power) {
        this.db = db;
        this.power = power;
        this.devices = power.runtime().devices();
    }

    void createIsos(String isoSr) {
        for (String name : ISOS) {
            long size = (name.startsWith("Windows") ? 5_000L : 650L) << 20;
            Map<String, Object> rec = SimDeviceRecords.vdi(db.newUuid(), name, isoSr, size, size, "user");
            rec.put("read_only", true);
            rec.put("sharable", true);
            rec.put("location", name);
            rec.put("is_tools_iso", name.startsWith("guest-tools"));
            isoVdis.add(devices.createVdi(isoSr, rec));
        }
    }

    String createMetrics(long vcpus) {
        return db.create("VM_metrics", SimRecords.vmMetrics(db.newUuid(), vcpus));
    }

    void seedVms(SimShape shape, List<String> hostRefs, String sr, SimNetworkSeeder.Networks networks) {
        List<String> vms = new ArrayList<>();
        for (int i = 0; i < shape.vms(); i++) {
            String state = STATE_CYCLE.get(i % STATE_CYCLE.size());
            String ref = newVm("sim-vm-" + i, (1 + i % 4) * SimRecords.GIB, 1 + i % 4);
            if (i % 5 == 4) {
                db.putInMap(VM, ref, "other_config", SimRuntime.NO_TOOLS_KEY, SimRuntime.NO_TOOLS_VALUE);
            }
            seedDevices(ref, "sim-vm-" + i, i, shape, sr, networks);
            vms.add(ref);
            power.apply(ref, state, hostRefs.get(i % hostRefs.size()), SimRecords.BASE_TIME.minusSeconds(3_600L * (i + 1)));
        }
        flushLinks();
        rescan(sr);
        if (!vms.isEmpty()) {
            seedSnapshot(vms.get(0));
        }
    }

    private String newVm(String name, long memory, long vcpus) {
        Map<String, Object> vm = SimRecords.vm(db.newUuid(), name, createMetrics(vcpus), memory, vcpus);
        vm.put("name_description", "Simulated VM " + name);
        vm.put("other_config", Map.of("base_template_name", SimPoolSeeder.TEMPLATES.get(0)));
        return db.create(VM, vm);
    }

    private void seedDevices(String vm, String name, int index, SimShape shape, String sr,
                             SimNetworkSeeder.Networks networks) {
        List<String> vbds = new ArrayList<>();
        for (int d = 0; d < shape.disksPerVm(); d++) {
            long size = (d == 0 ? 20L : 10L) * SimRecords.GIB;
            Map<String, Object> rec = SimDeviceRecords.vdi(db.newUuid(), name + " disk " + d, sr, size, size / 4,
                    d == 0 ? "system" : "user");
            String vdi = db.create(SimDevices.VDI, rec);
            devices.materialise(sr, (String) rec.get("uuid"), size);
            link("SR", sr, "VDIs", vdi);
            vbds.add(vbd(vm, vdi, Integer.toString(d), "Disk", "RW", d == 0));
        }
        String cdSlot = Integer.toString(Math.max(3, shape.disksPerVm()));
        String iso = index % 3 == 0 && !isoVdis.isEmpty() ? isoVdis.get(index % isoVdis.size()) : NULL;
        vbds.add(vbd(vm, iso, cdSlot, "CD", "RO", false));
        List<String> vifs = new ArrayList<>();
        for (int n = 0; n < shape.nicsPerVm(); n++) {
            String uuid = db.newUuid();
            String network = networks.forNic(n);
            String vif = db.create(SimDevices.VIF, SimDeviceRecords.vif(uuid, vm, network, Integer.toString(n),
                    SimDevices.mac(uuid)));
            link("network", network, "VIFs", vif);
            vifs.add(vif);
        }
        db.set(VM, vm, "VBDs", vbds);
        db.set(VM, vm, "VIFs", vifs);
    }

    private String vbd(String vm, String vdi, String userdevice, String type, String mode, boolean bootable) {
        String vbd = db.create(SimDevices.VBD, SimDeviceRecords.vbd(db.newUuid(), vm, vdi, userdevice, type, mode,
                bootable));
        if (!NULL.equals(vdi)) {
            link(SimDevices.VDI, vdi, "VBDs", vbd);
        }
        return vbd;
    }

    private void link(String cls, String ref, String field, String value) {
        classOf.put(ref, cls);
        links.computeIfAbsent(ref, r -> new LinkedHashMap<>()).computeIfAbsent(field, f -> new ArrayList<>()).add(value);
    }

    private void flushLinks() {
        links.forEach((ref, fields) -> fields.forEach((field, added) -> {
            List<Object> all = new ArrayList<>((List<?>) db.get(classOf.get(ref), ref, field));
            all.addAll(added);
            db.set(classOf.get(ref), ref, field, all);
        }));
        links.clear();
        classOf.clear();
    }

    /** SR.scan's accounting after the bulk creation. */
    private void rescan(String sr) {
        long physical = 0;
        long virtual = 0;
        for (Object vdi : (List<?>) db.get("SR", sr, "VDIs")) {
            physical += db.getLong(SimDevices.VDI, (String) vdi, "physical_utilisation");
            virtual += db.getLong(SimDevices.VDI, (String) vdi, "virtual_size");
        }
        db.set("SR", sr, "physical_utilisation", physical);
        db.set("SR", sr, "virtual_allocation", virtual);
    }

    /** "&lt;vm&gt; (before upgrade)": a snapshot with snapshots of the VM's disks, taken at a fixed time. */
    private void seedSnapshot(String vm) {
        SimVdis vdis = new SimVdis(db, devices);
        String snap = new SimVmCopier(db, devices, vdis).copy(vm, db.get(VM, vm, "name_label") + " (before upgrade)",
                SimVmCopier.Mode.SNAPSHOT, NULL);
        Instant at = SimRecords.BASE_TIME.minusSeconds(7_200);
        db.set(VM, snap, "snapshot_time", at);
        for (Object vbd : (List<?>) db.get(VM, snap, "VBDs")) {
            String vdi = (String) db.get(SimDevices.VBD, (String) vbd, "VDI");
            if (db.exists(SimDevices.VDI, vdi) && Boolean.TRUE.equals(db.get(SimDevices.VDI, vdi, "is_a_snapshot"))) {
                db.set(SimDevices.VDI, vdi, "snapshot_time", at);
            }
        }
    }

    /** An ordinary VM created after seeding (SimState.addVm): one disk on the default SR, a CD drive, one NIC. */
    String createVm(String name, String state, String host, long memory, long vcpus) {
        return db.atomically(() -> {
            String ref = newVm(name, memory, vcpus);
            String pool = db.refs("pool").get(0);
            String sr = (String) db.get("pool", pool, "default_SR");
            if (db.exists("SR", sr)) {
                long size = 20 * SimRecords.GIB;
                String vdi = devices.createVdi(sr, SimDeviceRecords.vdi(db.newUuid(), name + " disk 0", sr, size,
                        devices.initialUsage(sr, size), "system"));
                devices.createVbd(ref, vdi, "0", "Disk", "RW", true);
            }
            devices.createVbd(ref, NULL, "3", "CD", "RO", false);
            List<String> networks = db.refs("network");
            if (!networks.isEmpty()) {
                devices.createVif(ref, networks.get(0), "0", "");
            }
            power.apply(ref, state, host, "Halted".equals(state) ? null : Instant.now());
            return ref;
        });
    }
}
