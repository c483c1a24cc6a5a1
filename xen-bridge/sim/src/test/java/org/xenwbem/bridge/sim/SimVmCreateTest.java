package org.xenwbem.bridge.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xenwbem.bridge.client.XenApiConnection;
import org.xenwbem.bridge.client.XenApiException;
import org.xenwbem.bridge.client.XenApiSession;

/** VM.create and the VM field setters, through the bridge's own client. */
class SimVmCreateTest {
    private static final String NULL = "OpaqueRef:NULL";
    private SimulatedPool pool;
    private XenApiConnection conn;
    private XenApiSession s;

    @BeforeEach
    void start() throws Exception {
        pool = SimulatedPool.builder().hosts(2).vms(6).seed(7).rootPassword("pw").build();
        URI url = pool.start("127.0.0.1", 0);
        conn = XenApiConnection.create(url, Duration.ofSeconds(2), Duration.ofSeconds(10));
        s = conn.login("root", "pw".toCharArray(), "test");
    }

    @AfterEach
    void stop() {
        pool.close();
    }

    /** The non-optional constructor arguments, as a client sends them (ints as strings). */
    static Map<String, Object> minimal(String name) {
        Map<String, Object> r = new HashMap<>();
        r.put("name_label", name);
        r.put("user_version", "1");
        r.put("is_a_template", false);
        r.put("affinity", NULL);
        for (String m : List.of("static_max", "dynamic_max", "dynamic_min", "static_min")) {
            r.put("memory_" + m, Long.toString(512L << 20));
        }
        r.put("VCPUs_params", Map.of());
        r.put("VCPUs_max", "2");
        r.put("VCPUs_at_startup", "1");
        r.put("actions_after_shutdown", "destroy");
        r.put("actions_after_reboot", "Restart");
        r.put("actions_after_crash", "preserve");
        for (String f : List.of("PV_bootloader", "PV_kernel", "PV_ramdisk", "PV_args", "PV_bootloader_args",
                "PV_legacy_args", "PCI_bus", "recommendations")) {
            r.put(f, "");
        }
        r.put("HVM_boot_policy", "BIOS order");
        r.put("HVM_boot_params", Map.of("order", "dc"));
        r.put("platform", Map.of("acpi", "1"));
        r.put("other_config", Map.of("made-by", "test"));
        return r;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> rec(String cls, String ref) throws Exception {
        return (Map<String, Object>) s.call(cls + ".get_record", ref);
    }

    private void fails(List<String> expected, String method, Object... params) {
        XenApiException e = assertThrows(XenApiException.class, () -> s.call(method, params));
        assertEquals(expected.get(0), e.code(), e.getMessage());
        assertEquals(expected.subList(1, expected.size()), e.params());
    }

    @Test
    @SuppressWarnings("unchecked")
    void createsAHaltedVmWithMetricsAndDefaultsAndEmitsAnAddEvent() throws Exception {
        Map<String, Object> before = (Map<String, Object>) s.call("event.from", List.of("vm"), "", 0.0);
        Map<String, Object> args = minimal("made by create");
        args.put("power_state", "halted");
        args.put("resident_on", "OpaqueRef:ignored-runtime-field");
        args.put("uuid", "ignored");
        String vm = (String) s.call("VM.create", args);

        Map<String, Object> r = rec("VM", vm);
        assertEquals("made by create", r.get("name_label"));
        assertEquals("Halted", r.get("power_state"));
        assertEquals(false, r.get("is_a_template"));
        assertNotEquals("ignored", r.get("uuid"));
        assertTrue(((String) r.get("uuid")).matches("[0-9a-f-]{36}"));
        assertEquals(NULL, r.get("resident_on"), "runtime fields of the record are ignored");
        assertEquals("2", r.get("VCPUs_max"), "ints travel as strings");
        assertEquals("restart", r.get("actions_after_reboot"), "enums are stored in the datamodel's spelling");
        assertEquals("preserve", r.get("actions_after_crash"));
        assertEquals("soft_reboot", r.get("actions_after_softreboot"), "datamodel default");
        assertEquals("hvm", r.get("domain_type"), "an unspecified domain type follows HVM_boot_policy");
        assertEquals(1.0, r.get("HVM_shadow_multiplier"));
        assertEquals(Map.of("order", "dc"), r.get("HVM_boot_params"));
        assertEquals(Map.of("made-by", "test"), r.get("other_config"));
        assertEquals(List.of(), r.get("VBDs"));
        assertTrue(((List<?>) r.get("allowed_operations")).contains("start"));
        assertFalse(NULL.equals(r.get("metrics")));
        assertEquals("1", rec("VM_metrics", (String) r.get("metrics")).get("VCPUs_number"));

        Map<String, Object> after = (Map<String, Object>) s.call("event.from", List.of("vm"), before.get("token"), 5.0);
        List<Map<String, Object>> events = (List<Map<String, Object>>) after.get("events");
        assertTrue(events.stream().anyMatch(e -> "add".equals(e.get("operation")) && vm.equals(e.get("ref"))), events.toString());

        Map<String, Object> pv = minimal("pv guest");
        pv.put("HVM_boot_policy", "");
        assertEquals("pv", rec("VM", (String) s.call("VM.create", pv)).get("domain_type"));
        Map<String, Object> template = minimal("a template");
        template.put("is_a_template", true);
        assertEquals(true, rec("VM", (String) s.call("VM.create", template)).get("is_a_template"));
    }

    @Test
    void refusesABadRecord() throws Exception {
        Map<String, Object> missing = minimal("x");
        missing.remove("PV_args");
        fails(List.of("FIELD_TYPE_ERROR", "PV_args"), "VM.create", missing);
        Map<String, Object> badEnum = minimal("x");
        badEnum.put("actions_after_crash", "explode");
        fails(List.of("FIELD_TYPE_ERROR", "actions_after_crash"), "VM.create", badEnum);
        Map<String, Object> badInt = minimal("x");
        badInt.put("VCPUs_max", "two");
        fails(List.of("FIELD_TYPE_ERROR", "VCPUs_max"), "VM.create", badInt);
        Map<String, Object> badMap = minimal("x");
        badMap.put("platform", "acpi=1");
        fails(List.of("FIELD_TYPE_ERROR", "platform"), "VM.create", badMap);
        Map<String, Object> memory = minimal("x");
        memory.put("memory_dynamic_min", Long.toString(1L << 30));
        assertEquals("MEMORY_CONSTRAINT_VIOLATION",
                assertThrows(XenApiException.class, () -> s.call("VM.create", memory)).code());
        Map<String, Object> vcpus = minimal("x");
        vcpus.put("VCPUs_at_startup", "3");
        fails(List.of("INVALID_VALUE", "VCPUs_at_startup", "3"), "VM.create", vcpus);
        Map<String, Object> affinity = minimal("x");
        affinity.put("affinity", "OpaqueRef:nope");
        fails(List.of("HANDLE_INVALID", "host", "OpaqueRef:nope"), "VM.create", affinity);
        Map<String, Object> running = minimal("x");
        running.put("power_state", "Running");
        fails(List.of("INVALID_VALUE", "power_state", "Running"), "VM.create", running);
        fails(List.of("FIELD_TYPE_ERROR", "param 0"), "VM.create", "not a record");
        fails(List.of("MESSAGE_PARAMETER_COUNT_MISMATCH", "VM.create", "2", "3"), "VM.create", minimal("x"), "extra");
        assertEquals(0, pool.state().vmUuids().stream()
                .filter(u -> "x".equals(pool.state().record("VM", u).get("name_label"))).count(), "nothing was created");
    }

    @Test
    @SuppressWarnings("unchecked")
    void settersValidateTheirValuesInAnyPowerState() throws Exception {
        String vm = (String) s.call("VM.create", minimal("settable"));
        s.call("VM.set_PV_args", vm, "console=hvc0");
        s.call("VM.set_PV_bootloader", vm, "pygrub");
        s.call("VM.set_platform", vm, Map.of("viridian", "true"));
        s.call("VM.add_to_platform", vm, "nx", "true");
        fails(List.of("MAP_DUPLICATE_KEY", "VM", "platform", (String) rec("VM", vm).get("uuid"), "nx"),
                "VM.add_to_platform", vm, "nx", "false");
        s.call("VM.remove_from_platform", vm, "viridian");
        s.call("VM.set_HVM_boot_params", vm, Map.of("order", "n"));
        s.call("VM.set_VCPUs_params", vm, Map.of("weight", "512"));
        s.call("VM.set_actions_after_shutdown", vm, "RESTART");
        s.call("VM.set_actions_after_crash", vm, "coredump_and_restart");
        fails(List.of("FIELD_TYPE_ERROR", "value"), "VM.set_actions_after_reboot", vm, "preserve");
        fails(List.of("FIELD_TYPE_ERROR", "value"), "VM.set_platform", vm, "flat");
        String host = (String) ((List<Object>) s.call("host.get_all")).get(0);
        s.call("VM.set_affinity", vm, host);
        fails(List.of("HANDLE_INVALID", "host", "OpaqueRef:gone"), "VM.set_affinity", vm, "OpaqueRef:gone");
        s.call("VM.set_domain_type", vm, "pv");
        assertEquals("", rec("VM", vm).get("HVM_boot_policy"), "domain_type and HVM_boot_policy stay in step");
        fails(List.of("INVALID_VALUE", "domain_type", "unspecified"), "VM.set_domain_type", vm, "unspecified");
        s.call("VM.set_HVM_boot_policy", vm, "BIOS order");
        s.call("VM.start", vm, false, false);
        s.call("VM.set_PV_args", vm, "quiet");
        String big = Long.toString(1L << 30);
        fails(List.of("VM_BAD_POWER_STATE", vm, "halted", "running"), "VM.set_memory_limits", vm, big, big, big, big);
        fails(List.of("VM_BAD_POWER_STATE", vm, "halted", "running"), "VM.set_memory_static_max", vm, big);
        s.call("VM.set_memory_dynamic_range", vm, Long.toString(512L << 20), Long.toString(512L << 20));
        s.call("VM.add_tags", vm, "web");

        Map<String, Object> r = rec("VM", vm);
        assertEquals("quiet", r.get("PV_args"), "settable while running: takes effect at the next boot");
        assertEquals("pygrub", r.get("PV_bootloader"));
        assertEquals(Map.of("nx", "true"), r.get("platform"));
        assertEquals(Map.of("order", "n"), r.get("HVM_boot_params"));
        assertEquals(Map.of("weight", "512"), r.get("VCPUs_params"));
        assertEquals("restart", r.get("actions_after_shutdown"));
        assertEquals("coredump_and_restart", r.get("actions_after_crash"));
        assertEquals(host, r.get("affinity"));
        assertEquals("hvm", r.get("domain_type"));
        assertEquals(List.of("web"), r.get("tags"));
        fails(List.of("HANDLE_INVALID", "VM", "OpaqueRef:gone"), "VM.set_PV_args", "OpaqueRef:gone", "x");
    }

    @Test
    void createAndSettersFollowTheRoles() throws Exception {
        XenApiSession op = conn.login("operator", "pw".toCharArray(), "test");
        XenApiException e = assertThrows(XenApiException.class, () -> op.call("VM.create", minimal("no")));
        assertEquals("RBAC_PERMISSION_DENIED", e.code());
        assertEquals("vm.create", e.params().get(0));
        String vm = (String) s.call("VM.create", minimal("yes"));
        e = assertThrows(XenApiException.class, () -> op.call("VM.set_platform", vm, Map.of()));
        assertEquals("RBAC_PERMISSION_DENIED", e.code());
    }
}
