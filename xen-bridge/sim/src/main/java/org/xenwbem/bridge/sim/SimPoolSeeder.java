package org.xenwbem.bridge.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds the simulator's initial state, deterministic for a seed: a shared NFS SR and an ISO library
 * (each with a PBD per host), N hosts (each with host_metrics, 16 host_cpus, a local LVM SR with its
 * PBD, a running dom0 and the network topology of {@link SimNetworkSeeder}), the pool, default templates
 * carrying {@code other_config:disks}, the ordinary VMs of {@link SimVmSeeder} in a mix of power states,
 * and one snapshot. Hosts get enough memory for the VMs seeded on them.
 */
final class SimPoolSeeder {
    static final int CPUS_PER_HOST = 16;
    static final long HOST_MEMORY = 256 * SimRecords.GIB;
    static final List<String> TEMPLATES = List.of("Debian Bookworm 12", "Windows Server 2022 (64-bit)",
            "Other install media");
    private static final long[] TEMPLATE_DISK_GIB = {10, 32, 32};
    private static final String SR = "SR";

    /** What tests and the dispatcher need to know about the seeded layout. */
    record Layout(String poolRef, String masterRef, List<String> hostRefs, String sharedSr, String isoSr,
                  SimNetworkSeeder.Networks networks) {
    }

    private final SimDatabase db;
    private final SimVmPower power;
    private final SimVmSeeder vms;

    SimPoolSeeder(SimDatabase db, SimVmPower power) {
        this.db = db;
        this.power = power;
        this.vms = new SimVmSeeder(db, power);
    }

    SimVmSeeder vmSeeder() {
        return vms;
    }

    Layout seed(SimShape shape) {
        long perVm = 20 * SimRecords.GIB + Math.max(0, shape.disksPerVm() - 1) * 10 * SimRecords.GIB;
        long nfsSize = Math.max(4096 * SimRecords.GIB, shape.vms() * perVm);
        String sharedSr = db.create(SR, SimRecords.sr(db.newUuid(), "Shared storage", "nfs", true, nfsSize));
        Map<String, Object> iso = SimRecords.sr(db.newUuid(), "ISO library", "iso", true, 256 * SimRecords.GIB);
        iso.put("content_type", "iso");
        iso.put("name_description", "ISO images on NFS");
        String isoSr = db.create(SR, iso);
        List<String> hostRefs = new ArrayList<>();
        for (int i = 0; i < shape.hosts(); i++) {
            hostRefs.add(createHost(i));
        }
        for (String h : hostRefs) {
            createPbd(h, sharedSr, Map.of("server", "127.0.0.1", "serverpath", "/exports/sim", "nfsversion", "4"));
            createPbd(h, isoSr, Map.of("location", "127.0.0.1:/exports/iso", "type", "nfs_iso"));
        }
        SimNetworkSeeder.Networks networks = new SimNetworkSeeder(db).seed(hostRefs);
        String poolRef = db.create("pool", SimRecords.pool(db.newUuid(), hostRefs.get(0), sharedSr));
        vms.createIsos(isoSr);
        for (int t = 0; t < TEMPLATES.size(); t++) {
            createTemplate(TEMPLATES.get(t), TEMPLATE_DISK_GIB[t] * SimRecords.GIB);
        }
        vms.seedVms(shape, hostRefs, sharedSr, networks);
        for (String h : hostRefs) {
            growMemoryToFit(h);
        }
        return new Layout(poolRef, hostRefs.get(0), List.copyOf(hostRefs), sharedSr, isoSr, networks);
    }

    private String createHost(int index) {
        String hostRef = db.newRef();
        String metrics = db.create("host_metrics", SimRecords.hostMetrics(db.newUuid(), HOST_MEMORY, HOST_MEMORY));
        List<String> cpus = new ArrayList<>();
        for (int c = 0; c < CPUS_PER_HOST; c++) {
            cpus.add(db.create("host_cpu", SimRecords.hostCpu(db.newUuid(), hostRef, c)));
        }
        String name = "sim-host-" + index;
        Map<String, Object> local = SimRecords.sr(db.newUuid(), "Local storage", "lvm", false, 1024 * SimRecords.GIB);
        local.put("name_description", "Local storage on " + name);
        local.put("physical_utilisation", 0L);
        String localSr = db.create(SR, local);
        String dom0Ref = db.newRef();
        db.createWithRef("host", hostRef, SimRecords.host(db.newUuid(), index, metrics, cpus, dom0Ref, localSr));
        createPbd(hostRef, localSr, Map.of("device", "/dev/disk/by-id/sim-disk-" + index));
        Map<String, Object> dom0 = SimRecords.vm(db.newUuid(), "Control domain on host: " + name,
                vms.createMetrics(8), 4 * SimRecords.GIB, 8);
        dom0.put("is_control_domain", true);
        dom0.put("domain_type", "pv");
        dom0.put("HVM_boot_policy", "");
        dom0.put("HVM_boot_params", Map.of());
        db.createWithRef("VM", dom0Ref, dom0);
        power.apply(dom0Ref, "Running", hostRef, SimRecords.BASE_TIME.minusSeconds(86_400L * (index + 1)));
        db.set("VM", dom0Ref, "domid", 0L);
        return hostRef;
    }

    private void createPbd(String host, String sr, Map<String, String> deviceConfig) {
        String pbd = db.create("PBD", SimDeviceRecords.pbd(db.newUuid(), host, sr, deviceConfig));
        db.addToSet(SR, sr, "PBDs", pbd);
        db.addToSet("host", host, "PBDs", pbd);
    }

    /**
     * A standalone host joins (pool.join): its records appear as a seeded host's would, at {@code address}
     * named {@code name}, with a PBD to every shared SR and PIFs eth0..eth3 on the pool-wide networks.
     * Returns the new host's ref. The caller holds the database lock.
     */
    String joinHost(String address, String name) {
        int index = db.refs("host").size() + 100;
        String host = createHost(index);
        db.set("host", host, "address", address);
        db.set("host", host, "name_label", name);
        db.set("host", host, "hostname", name);
        for (String sr : db.refs(SR)) {
            List<?> pbds = (List<?>) db.get(SR, sr, "PBDs");
            if (Boolean.TRUE.equals(db.get(SR, sr, "shared")) && !pbds.isEmpty()) {
                @SuppressWarnings("unchecked")
                Map<String, String> config = (Map<String, String>) db.get("PBD", (String) pbds.get(0), "device_config");
                createPbd(host, sr, config);
            }
        }
        new SimNetworkSeeder(db).joinHost(host, index);
        power.updateFreeMemory(host);
        return host;
    }

    /** A default template with xapi's {@code other_config:disks} provisioning spec. */
    private void createTemplate(String name, long diskSize) {
        Map<String, Object> t = SimRecords.vm(db.newUuid(), name, SimDatabase.NULL_REF, 2 * SimRecords.GIB, 2);
        t.put("is_a_template", true);
        t.put("is_default_template", true);
        String disks = "<provision><disk device=\"0\" size=\"" + diskSize
                + "\" sr=\"\" bootable=\"true\" type=\"system\"/></provision>";
        t.put("other_config", Map.of("default_template", "true", "install-methods", "cdrom", "disks", disks));
        t.put("name_description", "Template for " + name);
        String ref = db.create("VM", t);
        power.apply(ref, "Halted", SimDatabase.NULL_REF, null);
    }

    /** Raises the host's memory (in 64 GiB steps) until what runs on it uses at most 80 %. */
    private void growMemoryToFit(String host) {
        String metrics = (String) db.get("host", host, "metrics");
        long total = db.getLong("host_metrics", metrics, "memory_total");
        long used = power.usedMemory(host);
        long step = 64 * SimRecords.GIB;
        while (used * 5 > total * 4) {
            total += step;
        }
        db.set("host_metrics", metrics, "memory_total", total);
        power.updateFreeMemory(host);
    }

    /** Creates an ordinary VM with one disk and one NIC (SimState.addVm). */
    String createVm(String name, String state, String host, long memory, long vcpus) {
        return vms.createVm(name, state, host, memory, vcpus);
    }
}
