package org.xenwbem.bridge.sim;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds the simulator's initial state, deterministic for a seed: the shared SR, N hosts (each with
 * host_metrics, 16 host_cpus, a local SR and a running dom0), the pool, default templates, the
 * ordinary VMs in a mix of power states, and one snapshot. Also creates VMs later on request.
 */
final class SimPoolSeeder {
    static final int CPUS_PER_HOST = 16;
    static final long HOST_MEMORY = 256 * SimRecords.GIB;
    static final List<String> TEMPLATES = List.of("Debian Bookworm 12", "Windows Server 2022 (64-bit)",
            "Other install media");
    private static final List<String> STATE_CYCLE = List.of("Running", "Halted", "Running", "Suspended",
            "Paused", "Halted");

    /** What tests and the dispatcher need to know about the seeded layout. */
    record Layout(String poolRef, String masterRef, List<String> hostRefs) {
    }

    private final SimDatabase db;
    private final SimVmPower power;

    SimPoolSeeder(SimDatabase db, SimVmPower power) {
        this.db = db;
        this.power = power;
    }

    Layout seed(int hosts, int vms) {
        String sharedSr = db.create("SR", SimRecords.sr(db.newUuid(), "Shared storage", "nfs", true, 4096 * SimRecords.GIB));
        List<String> hostRefs = new ArrayList<>();
        for (int i = 0; i < hosts; i++) {
            hostRefs.add(createHost(i));
        }
        String poolRef = db.create("pool", SimRecords.pool(db.newUuid(), hostRefs.get(0), sharedSr));
        for (String name : TEMPLATES) {
            createTemplate(name);
        }
        List<String> vmRefs = new ArrayList<>();
        for (int i = 0; i < vms; i++) {
            vmRefs.add(createSeededVm(i, hostRefs));
        }
        if (!vmRefs.isEmpty()) {
            createSnapshot(vmRefs.get(0));
        }
        return new Layout(poolRef, hostRefs.get(0), List.copyOf(hostRefs));
    }

    private String createHost(int index) {
        String hostRef = db.newRef();
        String metrics = db.create("host_metrics", SimRecords.hostMetrics(db.newUuid(), HOST_MEMORY, HOST_MEMORY));
        List<String> cpus = new ArrayList<>();
        for (int c = 0; c < CPUS_PER_HOST; c++) {
            cpus.add(db.create("host_cpu", SimRecords.hostCpu(db.newUuid(), hostRef, c)));
        }
        String name = "sim-host-" + index;
        String localSr = db.create("SR", SimRecords.sr(db.newUuid(), "Local storage on " + name, "ext", false,
                1024 * SimRecords.GIB));
        String dom0Ref = db.newRef();
        db.createWithRef("host", hostRef, SimRecords.host(db.newUuid(), index, metrics, cpus, dom0Ref, localSr));
        Map<String, Object> dom0 = SimRecords.vm(db.newUuid(), "Control domain on host: " + name,
                createMetrics(8), 4 * SimRecords.GIB, 8);
        dom0.put("is_control_domain", true);
        dom0.put("domain_type", "pv");
        db.createWithRef("VM", dom0Ref, dom0);
        power.apply(dom0Ref, "Running", hostRef, SimRecords.BASE_TIME.minusSeconds(86_400L * (index + 1)));
        db.set("VM", dom0Ref, "domid", 0L);
        return hostRef;
    }

    private void createTemplate(String name) {
        Map<String, Object> t = SimRecords.vm(db.newUuid(), name, SimDatabase.NULL_REF, 2 * SimRecords.GIB, 2);
        t.put("is_a_template", true);
        t.put("is_default_template", true);
        t.put("other_config", Map.of("default_template", "true", "install-methods", "cdrom"));
        t.put("name_description", "Template for " + name);
        String ref = db.create("VM", t);
        power.apply(ref, "Halted", SimDatabase.NULL_REF, null);
    }

    private String createSeededVm(int i, List<String> hostRefs) {
        String state = STATE_CYCLE.get(i % STATE_CYCLE.size());
        String host = hostRefs.get(i % hostRefs.size());
        Instant boot = SimRecords.BASE_TIME.minusSeconds(3_600L * (i + 1));
        return createVm("sim-vm-" + i, state, host, (1 + i % 4) * SimRecords.GIB, 1 + i % 4, boot);
    }

    /** Creates an ordinary VM (and its VM_metrics) in {@code state}; returns its ref. */
    String createVm(String name, String state, String host, long memory, long vcpus, Instant boot) {
        return db.atomically(() -> {
            Map<String, Object> vm = SimRecords.vm(db.newUuid(), name, createMetrics(vcpus), memory, vcpus);
            vm.put("name_description", "Simulated VM " + name);
            vm.put("other_config", Map.of("base_template_name", TEMPLATES.get(0)));
            String ref = db.create("VM", vm);
            power.apply(ref, state, host, boot);
            return ref;
        });
    }

    private void createSnapshot(String vmRef) {
        Map<String, Object> source = db.record("VM", vmRef);
        String name = source.get("name_label") + " (before upgrade)";
        Map<String, Object> snap = SimRecords.vm(db.newUuid(), name, createMetrics(1),
                (Long) source.get("memory_static_max"), (Long) source.get("VCPUs_max"));
        snap.put("is_a_snapshot", true);
        snap.put("snapshot_of", vmRef);
        snap.put("snapshot_time", SimRecords.BASE_TIME.minusSeconds(7_200));
        String ref = db.create("VM", snap);
        power.apply(ref, "Halted", SimDatabase.NULL_REF, null);
        db.set("VM", vmRef, "snapshots", List.of(ref));
    }

    private String createMetrics(long vcpus) {
        return db.create("VM_metrics", SimRecords.vmMetrics(db.newUuid(), vcpus));
    }
}
