package org.xenwbem.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xenwbem.bridge.PowerState;

/**
 * The SCVMM refreshers of the anchor's §11.2, walked through a real client (Debian's python3-winrm,
 * {@code clients/pywinrm_client.py}) against the real daemon: host, VM light (with SCVMM's WQL
 * filter) and VM heavy; every property the reference names is checked against the simulator's
 * records. Then each kind of XenAPI change shows in the next Get through the client within 1 s.
 */
class ScvmmRefresherTest {
    private static final String NOT_HOST = " where Caption != \"XenServer Host\"";
    private static DaemonFixture fx;
    private static PywinrmClient winrm;

    @BeforeAll
    static void start() throws Exception {
        fx = new DaemonFixture(6, 3, 2);
        winrm = PywinrmClient.install(fx, "scvmm");
    }

    @AfterAll
    static void stop() {
        if (fx != null) {
            fx.close();
        }
    }

    // ---- the client

    /** Every instance of the class (optimized Enumerate, pulling on as needed), keyed by {@code key}. */
    private static Map<String, Map<String, Object>> enumerate(String cls, String key, String wql) throws Exception {
        List<String> lines = wql == null ? winrm.lines("enum", DaemonFixture.P + cls, "optimized", "32000")
                : winrm.lines("enum", DaemonFixture.P + cls, "optimized", "32000", wql);
        assertTrue(lines.get(lines.size() - 1).startsWith("{\"_pulls\""), cls + ": " + String.join("\n", lines));
        Map<String, Map<String, Object>> out = new HashMap<>();
        for (String line : lines.subList(0, lines.size() - 1)) {
            Map<String, Object> inst = MiniJson.object(line);
            assertEquals(cls, inst.get("_class"), line);
            assertFalse(out.containsKey(String.valueOf(inst.get(key))), "duplicate " + key + ": " + line);
            out.put(String.valueOf(inst.get(key)), inst);
        }
        return out;
    }

    private static Map<String, Object> get(String cls, String... selectors) throws Exception {
        List<String> args = new ArrayList<>(List.of("get", DaemonFixture.P + cls));
        args.addAll(List.of(selectors));
        Map<String, Object> inst = winrm.first(args.toArray(String[]::new));
        assertEquals(cls, inst.get("_class"), String.valueOf(inst));
        return inst;
    }

    // ---- expectations from the simulator

    private static String s(Object o) {
        return o == null ? null : String.valueOf(o);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<String> list(Object o) {
        return o instanceof List<?> l ? (List<String>) l : o == null ? List.of() : List.of(String.valueOf(o));
    }

    private static String enabledState(PowerState p) {
        return switch (p) {
            case Running -> "2";
            case Halted -> "3";
            case Paused -> "9";
            case Suspended -> "6";
        };
    }

    // ---- host refresher

    @Test
    void hostRefresher() throws Exception {
        List<String> hosts = fx.sim().hostUuids();
        Map<String, Map<String, Object>> hcs = enumerate("Xen_HostComputerSystem", "Name", null);
        assertEquals(new TreeSet<>(hosts), new TreeSet<>(hcs.keySet()));
        for (String h : hosts) {
            Map<String, Object> rec = fx.sim().hostRecord(h);
            Map<String, Object> sv = map(rec.get("software_version"));
            Map<String, Object> i = hcs.get(h);
            assertEquals("Xen_HostComputerSystem", i.get("CreationClassName"));
            assertEquals("XenServer Host", i.get("Caption"));
            assertEquals(rec.get("name_label"), i.get("ElementName"));
            assertEquals("2", i.get("EnabledState"), "an enabled host");
            assertEquals(List.of(s(rec.get("address")), s(sv.get("product_brand")), s(sv.get("product_version")),
                    s(sv.get("build_number"))), list(i.get("OtherIdentifyingInfo")));
            assertEquals(List.of("IPv4Address", "ProductBrand", "ProductVersion", "BuildNumber"),
                    list(i.get("IdentifyingDescriptions")));
            String cn = s(map(rec.get("other_config")).get("host_cn"));
            assertEquals(h.equals(fx.sim().masterUuid()) ? fx.daemon.identity().commonName()
                    : cn != null && !cn.isEmpty() ? cn : s(rec.get("address")), i.get("CN"), "CN of " + h);
        }

        Map<String, Map<String, Object>> caps = enumerate("Xen_VirtualizationCapabilities", "ResourceType", null);
        assertEquals(Set.of("Processor", "Memory", "Disk", "NetworkPort"), caps.keySet());
        caps.values().forEach(c -> assertTrue(c.containsKey("Shared") && c.containsKey("Mutable"), c.toString()));

        checkHostPool();

        Map<String, Map<String, Object>> cpus = enumerate("Xen_HostProcessor", "DeviceID", null);
        Set<String> expectedCpus = new HashSet<>();
        for (String c : fx.sim().uuids("host_cpu")) {
            Map<String, Object> rec = fx.sim().record("host_cpu", c);
            String host = fx.sim().uuidOfRef("host", s(rec.get("host")));
            String id = "Xen:" + host + "/" + c;
            expectedCpus.add(id);
            if (cpus.containsKey(id)) {
                assertEquals(host, cpus.get(id).get("SystemName"));
                assertEquals(s(rec.get("speed")), cpus.get(id).get("CurrentClockSpeed"));
            }
        }
        assertEquals(expectedCpus, cpus.keySet());

        Map<String, Map<String, Object>> mem = enumerate("Xen_HostMemory", "DeviceID", null);
        assertEquals(hosts.size(), mem.size());
        for (String h : hosts) {
            Map<String, Object> i = mem.get("Xen:" + h + "/Memory");
            Map<String, Object> m = fx.sim().hostMetricsRecord(h);
            assertEquals(s(m.get("memory_total")), i.get("NumberOfBlocks"), h);
            assertEquals(s(m.get("memory_free")), i.get("ConsumableBlocks"), h);
            assertEquals(h, i.get("SystemName"));
        }

        Map<String, Map<String, Object>> ports = enumerate("Xen_HostNetworkPort", "DeviceID", null);
        Set<String> expectedPorts = new HashSet<>();
        for (String p : fx.sim().uuids("PIF")) {
            Map<String, Object> rec = fx.sim().record("PIF", p);
            if (fx.sim().uuidOfRef("Bond", s(rec.get("bond_slave_of"))).isEmpty()) {
                String id = "Xen:" + fx.sim().uuidOfRef("host", s(rec.get("host"))) + "/" + p;
                expectedPorts.add(id);
                if (ports.containsKey(id)) {
                    assertEquals(rec.get("MAC"), ports.get(id).get("PermanentAddress"), id);
                    assertEquals(rec.get("device"), ports.get(id).get("Name"), id);
                }
            }
        }
        assertEquals(expectedPorts, ports.keySet(), "every PIF but bond slaves");

        Map<String, Map<String, Object>> srs = enumerate("Xen_StoragePool", "PoolID", null);
        assertEquals(new TreeSet<>(fx.sim().uuids("SR")), new TreeSet<>(srs.keySet()));
        for (String sr : fx.sim().uuids("SR")) {
            Map<String, Object> rec = fx.sim().record("SR", sr);
            Map<String, Object> i = srs.get(sr);
            String id = s(i.get("InstanceID"));
            assertTrue(id.endsWith("/" + sr) && id.startsWith("Xen:"), id);
            String owner = id.substring(4, id.length() - sr.length() - 1);
            assertTrue(hosts.contains(owner) || "Shared".equals(owner), id);
            assertEquals(s(rec.get("physical_size")), i.get("Capacity"), sr);
            assertEquals(rec.get("name_label"), i.get("Name"), sr);
            assertEquals(rec.get("content_type"), i.get("OtherResourceType"), sr);
            assertEquals("true", i.get("Primordial"));
        }

        Map<String, Map<String, Object>> switches = enumerate("Xen_VirtualSwitch", "Name", null);
        assertEquals(new TreeSet<>(fx.sim().uuids("network")), new TreeSet<>(switches.keySet()));
        for (String n : fx.sim().uuids("network")) {
            assertEquals(fx.sim().record("network", n).get("name_label"), switches.get(n).get("ElementName"), n);
        }
    }

    private static void checkHostPool() throws Exception {
        Map<String, Map<String, Object>> pools = enumerate("Xen_HostPool", "InstanceID", null);
        String pool = fx.sim().poolUuid();
        assertEquals(Set.of("Xen:" + pool), pools.keySet());
        Map<String, Object> i = pools.get("Xen:" + pool);
        Map<String, Object> rec = fx.sim().record("pool", pool);
        assertEquals(rec.get("name_label"), i.get("ElementName"));
        assertEquals(fx.sim().masterUuid(), i.get("Master"));
        assertEquals(fx.sim().defaultSrUuid(), i.get("DefaultStoragePoolID"));
        assertEquals(s(rec.get("ha_enabled")), i.get("HighAvailabilityEnabled"));
    }

    // ---- VM light refresher

    @Test
    void vmLightRefresher() throws Exception {
        Map<String, Map<String, Object>> svcs = enumerate("Xen_VirtualSystemManagementService", "SystemName", null);
        assertEquals(new TreeSet<>(fx.sim().hostUuids()), new TreeSet<>(svcs.keySet()));
        for (Map<String, Object> svc : svcs.values()) {
            assertEquals("true", svc.get("Started"), "SCVMM checks Started: " + svc);
            assertEquals("Xen Hypervisor", svc.get("Name"));
            assertEquals("Xen_HostComputerSystem", svc.get("SystemCreationClassName"));
        }
        SimView v = new SimView(fx);

        Map<String, Map<String, Object>> systems = enumerate("Xen_ComputerSystem", "Name",
                "SELECT * FROM Xen_ComputerSystem" + NOT_HOST);
        assertEquals(v.guests, new TreeSet<>(systems.keySet()), "VMs but not dom0s, templates or snapshots");
        for (String vm : v.guests) {
            Map<String, Object> rec = fx.sim().vmRecord(vm);
            Map<String, Object> i = systems.get(vm);
            assertEquals("Xen_ComputerSystem", i.get("CreationClassName"));
            assertEquals("Xen Virtual Machine", i.get("Caption"));
            assertEquals(rec.get("name_label"), i.get("ElementName"));
            assertEquals(enabledState(fx.sim().vmPowerState(vm)), i.get("EnabledState"), vm);
            String host = fx.sim().uuidOfRef("host", s(rec.get("resident_on")));
            assertEquals(host.isEmpty() ? null : host, i.get("Host"), vm);
        }

        Map<String, Map<String, Object>> settings = enumerate("Xen_ComputerSystemSettingData", "InstanceID",
                "SELECT * FROM Xen_ComputerSystemSettingData" + NOT_HOST);
        // the anchor's VSSD Caption is never "XenServer Host" (only Xen_ComputerSystem's is), so this
        // filter of SCVMM's keeps dom0's settings too
        Set<String> expected = new TreeSet<>();
        v.systems.forEach(vm -> expected.add("Xen:" + vm));
        assertEquals(expected, new TreeSet<>(settings.keySet()));
        for (String vm : v.systems) {
            Map<String, Object> i = settings.get("Xen:" + vm);
            assertEquals(fx.sim().vmRecord(vm).get("name_label"), i.get("ElementName"), vm);
            assertTrue(s(i.get("VirtualSystemType")).startsWith("DMTF:xen:"), String.valueOf(i));
        }
    }

    // ---- VM heavy refresher

    @Test
    void vmHeavyRefresher() throws Exception {
        SimView v = new SimView(fx);
        Map<String, Map<String, Object>> nics = enumerate("Xen_NetworkPort", "DeviceID", null);
        Set<String> expectedNics = new TreeSet<>();
        for (String vif : fx.sim().uuids("VIF")) {
            Map<String, Object> rec = fx.sim().record("VIF", vif);
            String vm = fx.sim().uuidOfRef("VM", s(rec.get("VM")));
            if (v.systems.contains(vm)) {
                String id = "Xen:" + vm + "/" + vif;
                expectedNics.add(id);
                if (nics.containsKey(id)) {
                    assertEquals(vm, nics.get(id).get("SystemName"));
                    assertEquals(s(rec.get("MAC")), nics.get(id).get("PermanentAddress"), id);
                }
            }
        }
        assertEquals(expectedNics, new TreeSet<>(nics.keySet()));
        assertTrue(expectedNics.size() >= 2 * v.guests.size(), "two NICs per VM");

        Map<String, Map<String, Object>> dsd = enumerate("Xen_DiskSettingData", "InstanceID", null);
        Map<String, Map<String, Object>> disks = enumerate("Xen_Disk", "DeviceID", null);
        Set<String> expectedDsd = new TreeSet<>();
        Set<String> expectedDisks = new TreeSet<>();
        for (String vbd : fx.sim().uuids("VBD")) {
            Map<String, Object> rec = fx.sim().record("VBD", vbd);
            String vm = fx.sim().uuidOfRef("VM", s(rec.get("VM")));
            String id = "Xen:" + vm + "/" + vbd;
            expectedDsd.add(id);
            boolean cd = "CD".equals(rec.get("type"));
            if (v.systems.contains(vm) && !cd) {
                expectedDisks.add(id);
            }
            Map<String, Object> i = dsd.get(id);
            if (i == null) {
                continue;
            }
            assertEquals(s(rec.get("userdevice")), i.get("AddressOnParent"), id);
            assertEquals(cd ? "16" : "19", i.get("ResourceType"), id);
            String vdi = fx.sim().uuidOfRef("VDI", s(rec.get("VDI")));
            if (!vdi.isEmpty()) {
                Map<String, Object> d = fx.sim().record("VDI", vdi);
                String sr = fx.sim().uuidOfRef("SR", s(d.get("SR")));
                assertEquals(sr, i.get("PoolID"), id);
                assertEquals(vdi, i.get("HostExtentName"), id);
                String hostResource = list(i.get("HostResource")).get(0);
                assertTrue(hostResource.startsWith("root/cimv2:Xen_DiskImage.")
                        && hostResource.contains("DeviceID=\"Xen:" + sr + "/" + vdi + "\""), hostResource);
                if (!cd) {
                    assertEquals("byte", i.get("AllocationUnits"), id);
                    assertEquals(s(d.get("virtual_size")), i.get("VirtualQuantity"), id);
                }
                assertEquals(d.get("name_label"), i.get("ElementName"), id);
            }
        }
        assertEquals(expectedDsd, new TreeSet<>(dsd.keySet()), "a Xen_DiskSettingData per VBD");
        assertEquals(expectedDisks, new TreeSet<>(disks.keySet()),
                "a Xen_Disk per disk (not CD) VBD of a system; CD drives are Xen_DiskDrive");
        for (Map<String, Object> d : disks.values()) {
            assertTrue(v.systems.contains(d.get("SystemName")), String.valueOf(d));
        }

        Map<String, Map<String, Object>> cpus = enumerate("Xen_Processor", "DeviceID", null);
        Set<String> expectedCpus = new TreeSet<>();
        for (String vm : v.systems) {
            long n = ((Number) fx.sim().vmRecord(vm).get("VCPUs_max")).longValue();
            for (int k = 0; k < n; k++) {
                expectedCpus.add("Xen:" + vm + "/VCPU" + k);
            }
        }
        assertEquals(expectedCpus, new TreeSet<>(cpus.keySet()));

        Map<String, Map<String, Object>> mem = enumerate("Xen_Memory", "DeviceID", null);
        Set<String> expectedMem = new TreeSet<>();
        for (String vm : v.systems) {
            expectedMem.add("Xen:" + vm + "/Memory");
            Map<String, Object> i = mem.get("Xen:" + vm + "/Memory");
            if (i != null) {
                assertEquals(s(fx.sim().vmRecord(vm).get("memory_dynamic_max")), i.get("NumberOfBlocks"), vm);
            }
        }
        assertEquals(expectedMem, new TreeSet<>(mem.keySet()));

        Map<String, Map<String, Object>> snaps = enumerate("Xen_ComputerSystemSnapshot", "InstanceID", null);
        Set<String> expectedSnaps = new TreeSet<>();
        for (String snap : v.snapshots) {
            expectedSnaps.add("Xen:" + snap);
            Map<String, Object> rec = fx.sim().vmRecord(snap);
            Map<String, Object> i = snaps.get("Xen:" + snap);
            if (i != null) {
                assertEquals(rec.get("name_label"), i.get("ElementName"));
                String of = fx.sim().uuidOfRef("VM", s(rec.get("snapshot_of")));
                if (!of.isEmpty()) {
                    String snapshotOf = s(i.get("SnapshotOf"));
                    assertTrue(snapshotOf.startsWith("root/cimv2:Xen_ComputerSystem.")
                            && snapshotOf.contains("Name=\"" + of + "\""), String.valueOf(i));
                }
            }
        }
        assertFalse(expectedSnaps.isEmpty(), "the simulated pool has a snapshot");
        assertEquals(expectedSnaps, new TreeSet<>(snaps.keySet()));

        checkHostPool();
    }

    // ---- each kind of XenAPI change shows in the next Get within 1 s

    /** Waits until 1 s after a change, then one Get through the client must show it. */
    private static Map<String, Object> getAfterOneSecond(long changedAt, String cls, String... selectors)
            throws Exception {
        long wait = 1000 - (System.nanoTime() - changedAt) / 1_000_000;
        if (wait > 0) {
            Thread.sleep(wait);
        }
        return get(cls, selectors);
    }

    private static Map<String, Object> vm(long t0, String vm) throws Exception {
        return getAfterOneSecond(t0, "Xen_ComputerSystem", "Name=" + vm, "CreationClassName=Xen_ComputerSystem");
    }

    @Test
    void powerStateChangeShowsWithinOneSecond() throws Exception {
        String vm = new ArrayList<>(new SimView(fx).guests).get(0);
        PowerState to = fx.sim().vmPowerState(vm) == PowerState.Running ? PowerState.Halted : PowerState.Running;
        long t0 = System.nanoTime();
        fx.sim().setVmPowerState(vm, to);
        assertEquals(enabledState(to), vm(t0, vm).get("EnabledState"));
        t0 = System.nanoTime();
        fx.sim().setVmPowerState(vm, PowerState.Suspended);
        assertEquals("6", vm(t0, vm).get("EnabledState"));
    }

    @Test
    void renameShowsWithinOneSecond() throws Exception {
        String vm = new ArrayList<>(new SimView(fx).guests).get(1);
        long t0 = System.nanoTime();
        fx.sim().renameVm(vm, "renamed by xe");
        assertEquals("renamed by xe", vm(t0, vm).get("ElementName"));
        Map<String, Object> vssd = getAfterOneSecond(t0, "Xen_ComputerSystemSettingData", "InstanceID=Xen:" + vm);
        assertEquals("renamed by xe", vssd.get("ElementName"));
    }

    @Test
    void memoryChangeShowsWithinOneSecond() throws Exception {
        String vm = new ArrayList<>(new SimView(fx).guests).get(2);
        long bytes = 3L * 1024 * 1024 * 1024 + 512L * 1024 * 1024;
        long t0 = System.nanoTime();
        fx.sim().setField("VM", vm, "memory_dynamic_max", bytes);
        Map<String, Object> m = getAfterOneSecond(t0, "Xen_Memory", "SystemName=" + vm,
                "SystemCreationClassName=Xen_ComputerSystem", "CreationClassName=Xen_Memory",
                "DeviceID=Xen:" + vm + "/Memory");
        assertEquals(Long.toString(bytes), m.get("NumberOfBlocks"));
    }

    @Test
    void newVdiShowsWithinOneSecond() throws Exception {
        String anyVdi = fx.sim().uuids("VDI").get(0);
        String srRef = s(fx.sim().record("VDI", anyVdi).get("SR"));
        String sr = fx.sim().uuidOfRef("SR", srRef);
        Set<String> before = new HashSet<>(fx.sim().uuids("VDI"));
        long t0 = System.nanoTime();
        XapiCall.createVdi(fx, srRef, "fresh disk", 4L << 30);
        String vdi = fx.sim().uuids("VDI").stream().filter(u -> !before.contains(u)).findFirst().orElseThrow();
        Map<String, Object> d = getAfterOneSecond(t0, "Xen_DiskImage", "SystemName=" + sr,
                "SystemCreationClassName=Xen_StoragePool", "CreationClassName=Xen_DiskImage",
                "DeviceID=Xen:" + sr + "/" + vdi);
        assertEquals("fresh disk", d.get("ElementName"));
        assertEquals(Long.toString(4L << 30), d.get("NumberOfBlocks"));
    }

    @Test
    void hostEnteringMaintenanceShowsWithinOneSecond() throws Exception {
        String host = fx.sim().hostUuids().get(fx.sim().hostUuids().size() - 1);
        Map<String, Object> oc = new HashMap<>(map(fx.sim().hostRecord(host).get("other_config")));
        oc.put("MAINTENANCE_MODE", "true");
        long t0 = System.nanoTime();
        fx.sim().setHostEnabled(host, false);
        fx.sim().setField("host", host, "other_config", oc);
        Map<String, Object> h = getAfterOneSecond(t0, "Xen_HostComputerSystem", "Name=" + host,
                "CreationClassName=Xen_HostComputerSystem");
        assertEquals("6", h.get("EnabledState"), "a disabled host is Enabled but Offline");
        assertEquals("Maintenance Mode", h.get("OtherEnabledState"));
        oc.remove("MAINTENANCE_MODE");
        t0 = System.nanoTime();
        fx.sim().setHostEnabled(host, true);
        fx.sim().setField("host", host, "other_config", oc);
        h = getAfterOneSecond(t0, "Xen_HostComputerSystem", "Name=" + host, "CreationClassName=Xen_HostComputerSystem");
        assertEquals("2", h.get("EnabledState"));
        assertFalse("Maintenance Mode".equals(h.get("OtherEnabledState")), String.valueOf(h));
    }

    /** The simulator's VMs by kind. */
    private static final class SimView {
        final Set<String> systems = new TreeSet<>();
        final Set<String> guests = new TreeSet<>();
        final Set<String> snapshots = new TreeSet<>();

        SimView(DaemonFixture fx) {
            for (String u : fx.sim().vmUuids()) {
                Map<String, Object> r = fx.sim().vmRecord(u);
                if (Boolean.TRUE.equals(r.get("is_a_snapshot"))) {
                    snapshots.add(u);
                } else if (!Boolean.TRUE.equals(r.get("is_a_template"))) {
                    systems.add(u);
                    if (!Boolean.TRUE.equals(r.get("is_control_domain"))) {
                        guests.add(u);
                    }
                }
            }
        }
    }
}
