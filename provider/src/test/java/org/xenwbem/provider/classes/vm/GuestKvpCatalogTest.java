package org.xenwbem.provider.classes.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.cim.CimObjectPath;
import org.xenwbem.provider.cimom.CimException;

/**
 * Xen_KVP and Xen_KVPSettingData from the VMs' xenstore_data {@code vm-data/} entries on the
 * simulator: identifiers as the anchor's, every property, the associations, and currency.
 */
class GuestKvpCatalogTest {
    private static VmCatalogFixture f;
    private static String vm;
    private static String template;

    @BeforeAll
    static void start() throws Exception {
        f = new VmCatalogFixture();
        vm = f.sim.vmUuidByName("sim-vm-1").orElseThrow();
        template = f.sim.vmUuids().stream().filter(u -> new VmWire(f.sim, "VM", u).bool("is_a_template")).findFirst()
                .orElseThrow();
        f.sim.setField("VM", vm, "xenstore_data", Map.of("vm-data/role", "db", "vm-data/site/rack", "r 7 <&>",
                "vm-data", "", "vm-data/", "ignored: no key", "not-a-pair", "x"));
        f.sim.setField("VM", template, "xenstore_data", Map.of("vm-data/image", "golden"));
        VmCatalogFixture.eventually(() -> f.snapshot().vm(vm).map(v -> v.xenstoreData().size() == 5).orElse(false)
                && f.snapshot().vm(template).map(v -> !v.xenstoreData().isEmpty()).orElse(false), "mirror");
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    private static CimObjectPath kvp(String owner, String key) {
        return VmRefs.device("Xen_KVP", owner, "Xen:" + owner + "/" + key);
    }

    private static CimObjectPath rasd(String owner, String key) {
        return VmRefs.instance("Xen_KVPSettingData", "Xen:" + owner + "/" + key);
    }

    /** The wire's vm-data entries of every VM that passes, as {@code Xen:<vm>/<key>} → value. */
    private static Map<String, String> wirePairs(boolean systemsOnly) {
        Map<String, String> out = new HashMap<>();
        for (String u : f.sim.vmUuids()) {
            VmWire w = new VmWire(f.sim, "VM", u);
            if (systemsOnly && (w.bool("is_a_template") || w.bool("is_a_snapshot"))) {
                continue;
            }
            w.map("xenstore_data").forEach((k, v) -> {
                if (k.startsWith("vm-data/") && k.length() > "vm-data/".length()) {
                    out.put("Xen:" + u + "/" + k.substring("vm-data/".length()), String.valueOf(v));
                }
            });
        }
        return out;
    }

    @Test
    void oneKvpPerVmDataEntryOfASystem() throws Exception {
        List<CimInstance> all = f.enumerate("Xen_KVP");
        assertEquals(wirePairs(true), all.stream().collect(Collectors.toMap(i -> (String) i.get("DeviceID"),
                i -> (String) i.get("Value"))));
        CimInstance i = f.get(kvp(vm, "site/rack"));
        assertEquals("Xen_ComputerSystem", i.get("SystemCreationClassName"));
        assertEquals(vm, i.get("SystemName"));
        assertEquals("Xen_KVP", i.get("CreationClassName"));
        assertEquals("Xen:" + vm + "/site/rack", i.get("DeviceID"));
        assertEquals("site/rack", i.get("Name"));
        assertEquals("site/rack", i.get("Key"));
        assertEquals("r 7 <&>", i.get("Value"));
        assertEquals(vm, i.get("Vm_uuid"));
        f.assertNotFound(kvp(vm, "not-a-pair"));
        f.assertNotFound(kvp(vm, "nothing"));
        f.assertNotFound(kvp(template, "image"));
        f.assertNotFound(VmRefs.device("Xen_KVP", template, "Xen:" + vm + "/role"));
    }

    @Test
    void oneRasdPerPairOfEveryVmTemplateAndSnapshot() throws Exception {
        List<CimInstance> all = f.enumerate("Xen_KVPSettingData");
        assertEquals(wirePairs(false), all.stream().collect(Collectors.toMap(i -> (String) i.get("InstanceID"),
                i -> (String) i.get("value"))));
        CimInstance r = f.get(rasd(template, "image"));
        assertEquals("image", r.get("key"));
        assertEquals("golden", r.get("value"));
        assertEquals(template, r.get("VM_ID"));
        assertEquals(40000L, r.get("ResourceType"));
        assertEquals(new VmWire(f.sim, "VM", template).str("name_label"), r.get("ElementName"));
        assertEquals(1L, r.get("VirtualQuantity"));
        f.assertNotFound(rasd(vm, "vm-data"));
        f.assertNotFound(VmRefs.instance("Xen_KVPSettingData", "Xen:" + vm));
    }

    @Test
    void associationsTieSystemDeviceRasdAndSettings() throws Exception {
        Set<String> devices = ids(f.associators(VmRefs.system(vm), "Xen_SystemDevice", "Xen_KVP"), "DeviceID");
        assertEquals(Set.of("Xen:" + vm + "/role", "Xen:" + vm + "/site/rack"), devices);
        assertEquals(Set.of("Xen:" + vm + "/role"),
                ids(f.associators(kvp(vm, "role"), "CIM_SettingsDefineState", null), "InstanceID"));
        assertEquals(Set.of("Xen:" + vm + "/role", "Xen:" + vm + "/site/rack"), ids(f.associators(
                VmRefs.instance("Xen_ComputerSystemSettingData", "Xen:" + vm), "CIM_VirtualSystemSettingDataComponent",
                "Xen_KVPSettingData"), "InstanceID"));
        assertEquals(Set.of("Xen:" + template + "/image"), ids(f.associators(
                VmRefs.instance("Xen_ComputerSystemTemplate", "Xen:" + template),
                "CIM_VirtualSystemSettingDataComponent", "Xen_KVPSettingData"), "InstanceID"));
        assertEquals(Set.of(vm), ids(f.associators(kvp(vm, "role"), "CIM_SystemDevice", null), "Name"));
        List<CimInstance> esd = f.ops.references(VmCatalogFixture.RC, rasd(vm, "role"), "CIM_ElementSettingData", null);
        assertEquals(1, esd.size());
        assertEquals(rasd(vm, "role"), esd.get(0).get("ManagedElement"));
    }

    @Test
    void aNewChangedOrRemovedPairShowsInTheNextGet() throws Exception {
        String other = f.sim.vmUuidByName("sim-vm-2").orElseThrow();
        f.sim.setField("VM", other, "xenstore_data", Map.of("vm-data/k", "1"));
        becomes(() -> value(kvp(other, "k"), "Value"), "1");
        f.sim.setField("VM", other, "xenstore_data", Map.of("vm-data/k", "2"));
        becomes(() -> value(rasd(other, "k"), "value"), "2");
        becomes(() -> value(kvp(other, "k"), "Value"), "2");
        f.sim.setField("VM", other, "xenstore_data", Map.of());
        becomes(() -> value(kvp(other, "k"), "Value"), "gone");
        becomes(() -> value(rasd(other, "k"), "value"), "gone");
    }

    private static Object value(CimObjectPath p, String property) {
        try {
            return f.get(p).get(property);
        } catch (CimException e) {
            return "gone";
        }
    }

    private static void becomes(Supplier<Object> value, Object expected) throws InterruptedException {
        VmCatalogFixture.eventually(() -> Objects.equals(expected, value.get()), "becomes " + expected);
    }

    private static Set<String> ids(List<CimInstance> instances, String property) {
        return instances.stream().map(i -> String.valueOf(i.get(property))).collect(Collectors.toCollection(TreeSet::new));
    }
}
