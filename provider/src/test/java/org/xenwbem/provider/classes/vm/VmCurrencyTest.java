package org.xenwbem.provider.classes.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xenwbem.bridge.PowerState;
import org.xenwbem.cim.CimObjectPath;
import org.xenwbem.provider.cimom.CimException;

/** A change in xapi shows in the next Get within 1 s; warm reads cost no XenAPI call. */
class VmCurrencyTest {
    private static VmCatalogFixture f;

    @BeforeAll
    static void start() throws Exception {
        f = new VmCatalogFixture();
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    private static String vm(String name) {
        return f.sim.vmUuidByName(name).orElseThrow();
    }

    /** A property of the instance at {@code p}, or "gone" when it no longer exists. */
    private static Supplier<Object> property(CimObjectPath p, String name) {
        return () -> {
            try {
                return f.get(p).get(name);
            } catch (CimException e) {
                return "gone";
            }
        };
    }

    private static void becomes(Supplier<Object> value, Object expected) throws InterruptedException {
        VmCatalogFixture.eventually(() -> Objects.equals(expected, value.get()), "becomes " + expected);
    }

    @Test
    void aRenameShowsInSettingsRasdsAndDevices() throws Exception {
        String uuid = vm("sim-vm-3");
        f.sim.renameVm(uuid, "renamed-vm");
        becomes(property(VmRefs.instance("Xen_ComputerSystemSettingData", "Xen:" + uuid), "ElementName"), "renamed-vm");
        becomes(property(VmRefs.instance("Xen_MemorySettingData", "Xen:" + uuid + "/Memory"), "ElementName"), "renamed-vm");
        becomes(property(VmRefs.device("Xen_Memory", uuid, "Xen:" + uuid + "/Memory"), "ElementName"), "renamed-vm");
    }

    @Test
    void aMemoryChangeShowsInTheRasdAndTheDevice() throws Exception {
        String uuid = vm("sim-vm-4");
        long bytes = new VmWire(f.sim, "VM", uuid).num("memory_dynamic_max") + (512L << 20);
        f.sim.setField("VM", uuid, "memory_dynamic_max", bytes);
        becomes(property(VmRefs.instance("Xen_MemorySettingData", "Xen:" + uuid + "/Memory"), "Limit"), bytes >> 20);
        becomes(property(VmRefs.device("Xen_Memory", uuid, "Xen:" + uuid + "/Memory"), "NumberOfBlocks"), bytes);
    }

    @Test
    void vcpuLoadFollowsTheMetrics() throws Exception {
        String uuid = vm("sim-vm-2");
        String metrics = new VmWire(f.sim, "VM", uuid).ref("metrics", "VM_metrics");
        f.sim.setField("VM_metrics", metrics, "VCPUs_utilisation", Map.of("0", 0.42));
        becomes(property(VmRefs.device("Xen_Processor", uuid, "Xen:" + uuid + "/VCPU0"), "LoadPercentage"), 42L);
    }

    @Test
    void aPowerStateChangeShowsInSettingsAndDevices() throws Exception {
        String uuid = f.sim.vmUuids().stream().filter(u -> f.sim.vmPowerState(u) == PowerState.Running)
                .filter(u -> !new VmWire(f.sim, "VM", u).bool("is_control_domain")).findFirst().orElseThrow();
        List<String> consoles = new VmWire(f.sim, "VM", uuid).refs("consoles", "console");
        CimObjectPath cssd = VmRefs.instance("Xen_ComputerSystemSettingData", "Xen:" + uuid);
        assertTrue(f.get(cssd).get("Host") != null);
        f.sim.setVmPowerState(uuid, PowerState.Halted);
        becomes(property(cssd, "Host"), null);
        becomes(property(VmRefs.instance("Xen_ProcessorSettingData", "Xen:" + uuid + "/Processor"), "PoolID"), null);
        for (String c : consoles) {
            becomes(property(VmRefs.device("Xen_Console", uuid, "Xen:" + uuid + "/" + c), "Name"), "gone");
        }
        f.sim.setVmPowerState(uuid, PowerState.Running);
        becomes(() -> property(cssd, "Host").get() != null, true);
    }

    @Test
    void aChangeToOneVmRebuildsOnlyThatVmsInstances() throws Exception {
        String changed = vm("sim-vm-5");
        String other = vm("sim-vm-1");
        CimObjectPath otherDisk = f.enumerate("Xen_DiskSettingData").stream().map(i -> i.path())
                .filter(p -> String.valueOf(p.key("InstanceID")).startsWith("Xen:" + other)).findFirst().orElseThrow();
        var before = f.get(VmRefs.instance("Xen_ComputerSystemSettingData", "Xen:" + other));
        var diskBefore = f.enumerate("Xen_DiskSettingData").stream().filter(i -> i.path().equals(otherDisk)).findFirst();
        f.sim.renameVm(changed, "changed-vm");
        becomes(property(VmRefs.instance("Xen_ComputerSystemSettingData", "Xen:" + changed), "ElementName"), "changed-vm");
        assertSame(before,
                f.enumerate("Xen_ComputerSystemSettingData").stream().filter(i -> i.path().equals(before.path()))
                        .findFirst().orElseThrow());
        assertSame(diskBefore.orElseThrow(),
                f.enumerate("Xen_DiskSettingData").stream().filter(i -> i.path().equals(otherDisk)).findFirst().orElseThrow());
    }

    @Test
    void warmReadsMakeNoXenApiCall() throws Exception {
        List<String> classes = VmProviders.all(f.pc).stream().map(p -> p.className()).toList();
        fullCycle(classes);
        long before = f.callsBesidesEvents();
        for (int i = 0; i < 3; i++) {
            fullCycle(classes);
        }
        assertEquals(before, f.callsBesidesEvents(), "XenAPI calls other than event.from during warm reads");
    }

    /** Enumerate every class of the family, get every instance, walk every VM's associations. */
    private static void fullCycle(List<String> classes) throws Exception {
        for (String c : classes) {
            for (var i : f.enumerate(c)) {
                f.get(i.path());
            }
        }
        for (String uuid : f.sim.vmUuids()) {
            CimObjectPath p = VmRefs.settings(f.snapshot().vm(uuid).orElseThrow());
            for (String c : classes) {
                if (f.pc.cimClass(c).isAssociation()) {
                    f.associators(p, c, null);
                }
            }
        }
    }
}
