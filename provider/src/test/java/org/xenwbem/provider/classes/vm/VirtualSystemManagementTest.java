package org.xenwbem.provider.classes.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xenwbem.bridge.PowerState;
import org.xenwbem.cim.CimObjectPath;
import org.xenwbem.provider.cimom.CimException;
import org.xenwbem.provider.cimom.CimStatus;
import org.xenwbem.provider.cimom.MethodResult;
import org.xenwbem.provider.cimom.RequestContext;
import org.xenwbem.provider.jobs.JobState;
import org.xenwbem.provider.methods.EmbeddedArgs;
import org.xenwbem.provider.methods.MethodFixture;

/** Xen_VirtualSystemManagementService against a real simulated pool through the real bridge. */
class VirtualSystemManagementTest {
    private static final String NS = MethodFixture.NS;
    private static final RequestContext ROOT = MethodFixture.as("root", "pool-admin");

    private MethodFixture fx;
    private VirtualSystemManagement vsms;

    @BeforeEach
    void up() throws Exception {
        fx = new MethodFixture(2, 4, 42);
        vsms = new VirtualSystemManagement(fx.env);
    }

    @AfterEach
    void down() {
        fx.close();
    }

    private MethodResult call(RequestContext ctx, String method, Map<String, Object> in) throws CimException {
        return fx.call(vsms, ctx, method, in);
    }

    private static long rc(MethodResult r) {
        return ((Number) r.returnValue()).longValue();
    }

    /** Waits for the job of a 4096 answer to finish; returns its task's other_config. */
    private String template() {
        return fx.sim.uuids("VM").stream().filter(u -> Boolean.TRUE.equals(fx.sim.vmRecord(u).get("is_a_template"))
                && String.valueOf(fx.sim.vmRecord(u).get("other_config")).contains("disks")).findFirst().orElseThrow();
    }

    private String vmIn(PowerState state) {
        return fx.sim.vmUuids().stream().filter(u -> fx.sim.vmPowerState(u) == state
                && !Boolean.TRUE.equals(fx.sim.vmRecord(u).get("is_a_template"))
                && !Boolean.TRUE.equals(fx.sim.vmRecord(u).get("is_a_snapshot"))
                && !Boolean.TRUE.equals(fx.sim.vmRecord(u).get("is_control_domain"))).findFirst().orElseThrow();
    }

    private String network() {
        return fx.sim.uuids("network").get(0);
    }

    private static CimObjectPath vmRef(String uuid) {
        return VirtualSystemManagement.systemPath(uuid);
    }

    private static CimObjectPath vssdRef(String uuid) {
        return new CimObjectPath(NS, "Xen_ComputerSystemSettingData", Map.of("InstanceID", "Xen:" + uuid));
    }

    private List<Object> rasds() {
        return List.of(
                "instance of Xen_ProcessorSettingData { ResourceType = 3; VirtualQuantity = 2; };",
                "instance of Xen_MemorySettingData { ResourceType = 4; VirtualQuantity = 1024; "
                        + "AllocationUnits = \"byte*2^20\"; };",
                "instance of Xen_DiskSettingData { ResourceType = 19; VirtualQuantity = 5; "
                        + "AllocationUnits = \"byte*2^30\"; ElementName = \"data\"; AddressOnParent = \"3\"; };",
                "instance of Xen_DiskSettingData { ResourceType = 16; };",
                "instance of Xen_NetworkPortSettingData { ResourceType = 33; PoolID = \"" + network() + "\"; "
                        + "Address = \"00163E0A0B0C\"; };");
    }

    /** A 5 GiB disk at the first free userdevice. */
    private static final String AUTO_DISK = "instance of Xen_DiskSettingData { ResourceType = 19; "
            + "VirtualQuantity = 5368709120; ElementName = \"extra\"; };";

    private Map<String, Object> defineArgs(String name) {
        return Map.of("SystemSettings", "instance of Xen_ComputerSystemSettingData { ElementName = \"" + name
                        + "\"; Description = \"deployed\"; VirtualSystemType = \"DMTF:xen:HVM\"; };",
                "ResourceSettings", rasds(),
                "ReferenceConfiguration", "root/cimv2:Xen_ComputerSystemTemplate.InstanceID=\"Xen:" + template() + "\"");
    }

    private List<String> vmsNamed(String name) {
        return fx.sim.uuids("VM").stream().filter(u -> name.equals(fx.sim.vmRecord(u).get("name_label"))).toList();
    }

    private List<String> childrenOf(String cls, String vm) {
        return fx.sim.uuids(cls).stream()
                .filter(u -> vm.equals(fx.sim.uuidOfRef("VM", String.valueOf(fx.sim.record(cls, u).get("VM"))))).toList();
    }

    @Test
    void definesFromTemplateWithItsResources() throws Exception {
        MethodResult r = call(ROOT, "DefineSystem", defineArgs("web-01"));
        Map<?, ?> oc = fx.awaitJob(r);
        assertEquals("7", oc.get(JobState.STATE), oc.toString());
        String vm = String.valueOf(((CimObjectPath) r.out().get("ResultingSystem")).key("Name"));
        assertEquals(vm, oc.get(JobState.RESULT));
        Map<String, Object> rec = fx.sim.vmRecord(vm);
        assertEquals("web-01", rec.get("name_label"));
        assertEquals("deployed", rec.get("name_description"));
        assertEquals(false, rec.get("is_a_template"));
        assertEquals("2", String.valueOf(rec.get("VCPUs_max")));
        assertEquals(String.valueOf(1L << 30), String.valueOf(rec.get("memory_static_max")));
        List<String> vbds = childrenOf("VBD", vm);
        List<String> devices = vbds.stream().map(b -> String.valueOf(fx.sim.record("VBD", b).get("userdevice"))).toList();
        assertTrue(devices.contains("0"), "provisioned disk: " + devices);
        assertTrue(devices.contains("3"), "new disk: " + devices);
        assertTrue(vbds.stream().anyMatch(b -> "CD".equals(fx.sim.record("VBD", b).get("type"))), "CD drive");
        List<String> vifs = childrenOf("VIF", vm);
        assertEquals(1, vifs.size());
        assertEquals("00:16:3e:0a:0b:0c", fx.sim.record("VIF", vifs.get(0)).get("MAC"));
        assertEquals(5, String.valueOf(oc.get("AffectedResources")).split(";").length, oc.toString());

        fx.synced();
        assertEquals(0L, rc(call(ROOT, "DestroySystem", Map.of("AffectedSystem", vmRef(vm)))));
        assertFalse(fx.sim.uuids("VM").contains(vm));
        assertTrue(childrenOf("VBD", vm).isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"VM.provision", "VM.set_VCPUs_max", "VM.set_memory_limits", "VDI.create", "VBD.create",
            "VIF.create"})
    void aFailedStepLeavesNothingBehind(String step) throws Exception {
        int vms = fx.sim.count("VM");
        int vdis = fx.sim.count("VDI");
        int vbds = fx.sim.count("VBD");
        int vifs = fx.sim.count("VIF");
        fx.pool.faults().on(step).once().fail("SR_FULL", "injected at " + step);
        Map<?, ?> oc = fx.awaitJob(call(ROOT, "DefineSystem", defineArgs("doomed")));
        assertEquals("10", oc.get(JobState.STATE), oc.toString());
        assertEquals("SR_FULL", oc.get(JobState.ERROR_CODE));
        assertTrue(String.valueOf(oc.get(JobState.ERROR_DESCRIPTION)).contains(step), oc.toString());
        assertTrue(vmsNamed("doomed").isEmpty());
        assertEquals(List.of(vms, vdis, vbds, vifs),
                List.of(fx.sim.count("VM"), fx.sim.count("VDI"), fx.sim.count("VBD"), fx.sim.count("VIF")));
    }

    private static final String BLANK_VSSD = "instance of Xen_ComputerSystemSettingData { ElementName = \"blank-01\";"
            + " Description = \"no template\"; VirtualSystemType = \"DMTF:xen:HVM\";"
            + " HVM_Boot_Params = {\"order=dc\"}; Platform = {\"acpi=1\", \"viridian=true\"}; };";

    @Test
    void definesWithoutTemplateThroughVmCreateThenModifiesIt() throws Exception {
        MethodResult r = call(ROOT, "DefineSystem", Map.of("SystemSettings", BLANK_VSSD, "ResourceSettings", rasds()));
        Map<?, ?> oc = fx.awaitJob(r);
        assertEquals("7", oc.get(JobState.STATE), oc.toString());
        String vm = String.valueOf(((CimObjectPath) r.out().get("ResultingSystem")).key("Name"));
        Map<String, Object> rec = fx.sim.vmRecord(vm);
        assertEquals("blank-01", rec.get("name_label"));
        assertEquals("no template", rec.get("name_description"));
        assertEquals("Halted", rec.get("power_state"));
        assertEquals(false, rec.get("is_a_template"));
        assertEquals("hvm", rec.get("domain_type"));
        assertEquals("BIOS order", rec.get("HVM_boot_policy"));
        assertEquals(Map.of("order", "dc"), rec.get("HVM_boot_params"));
        assertEquals("true", ((Map<?, ?>) rec.get("platform")).get("viridian"));
        assertEquals("2", String.valueOf(rec.get("VCPUs_max")));
        assertEquals(String.valueOf(1L << 30), String.valueOf(rec.get("memory_static_max")));
        List<String> vbds = childrenOf("VBD", vm);
        assertEquals(List.of("3"), vbds.stream().filter(b -> "Disk".equals(fx.sim.record("VBD", b).get("type")))
                .map(b -> String.valueOf(fx.sim.record("VBD", b).get("userdevice"))).toList(), "only the requested disk");
        assertEquals(1, childrenOf("VIF", vm).size());

        fx.synced();
        assertEquals(0L, rc(call(ROOT, "ModifySystemSettings", Map.of("SystemSettings",
                "instance of Xen_ComputerSystemSettingData { InstanceID = \"Xen:" + vm + "\"; ElementName = \"blank-02\";"
                        + " HVM_Boot_Params = {\"order=n\"}; Platform = {\"acpi=1\"}; AutomaticRecoveryAction = 2;"
                        + " PV_Args = \"quiet\"; };"))));
        assertEquals(0L, rc(call(ROOT, "ModifyResourceSettings", Map.of("ResourceSettings", List.of(
                "instance of Xen_ProcessorSettingData { InstanceID = \"Xen:" + vm + "/Processor\"; ResourceType = 3;"
                        + " VirtualQuantity = 4; };",
                "instance of Xen_MemorySettingData { InstanceID = \"Xen:" + vm + "/Memory\"; ResourceType = 4;"
                        + " VirtualQuantity = 2048; AllocationUnits = \"byte*2^20\"; };")))));
        rec = fx.sim.vmRecord(vm);
        assertEquals("blank-02", rec.get("name_label"));
        assertEquals(Map.of("order", "n"), rec.get("HVM_boot_params"));
        assertEquals(Map.of("acpi", "1"), rec.get("platform"));
        assertEquals("destroy", rec.get("actions_after_crash"));
        assertEquals("quiet", rec.get("PV_args"));
        assertEquals("4", String.valueOf(rec.get("VCPUs_max")));
        assertEquals(String.valueOf(2L << 30), String.valueOf(rec.get("memory_static_max")));

        fx.synced();
        assertEquals(0L, rc(call(ROOT, "DestroySystem", Map.of("AffectedSystem", vmRef(vm)))));
        assertFalse(fx.sim.uuids("VM").contains(vm));
        assertTrue(childrenOf("VBD", vm).isEmpty());
        assertTrue(childrenOf("VIF", vm).isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"VM.create", "VM.set_VCPUs_max", "VM.set_memory_limits", "VDI.create", "VBD.create",
            "VIF.create"})
    void aFailedStepOfADefinitionWithoutTemplateLeavesNothingBehind(String step) throws Exception {
        List<Integer> before = List.of(fx.sim.count("VM"), fx.sim.count("VDI"), fx.sim.count("VBD"), fx.sim.count("VIF"),
                fx.sim.count("VM_metrics"));
        fx.pool.faults().on(step).once().fail("SR_FULL", "injected at " + step);
        Map<String, Object> args = Map.of("SystemSettings", BLANK_VSSD, "ResourceSettings", rasds());
        if ("VM.create".equals(step)) {
            CimException e = assertThrows(CimException.class, () -> call(ROOT, "DefineSystem", args));
            assertTrue(e.getMessage().contains("SR_FULL"), e.getMessage());
        } else {
            Map<?, ?> oc = fx.awaitJob(call(ROOT, "DefineSystem", args));
            assertEquals("10", oc.get(JobState.STATE), oc.toString());
            assertEquals("SR_FULL", oc.get(JobState.ERROR_CODE));
            assertTrue(String.valueOf(oc.get(JobState.ERROR_DESCRIPTION)).contains(step), oc.toString());
        }
        assertTrue(vmsNamed("blank-01").isEmpty());
        assertEquals(before, List.of(fx.sim.count("VM"), fx.sim.count("VDI"), fx.sim.count("VBD"), fx.sim.count("VIF"),
                fx.sim.count("VM_metrics")));
    }

    @Test
    void aFailedCloneAnswersWithTheErrorAndCreatesNothing() throws Exception {
        int vms = fx.sim.count("VM");
        fx.pool.faults().on("VM.clone").once().fail("SR_FULL", "no room");
        CimException e = assertThrows(CimException.class, () -> call(ROOT, "DefineSystem", defineArgs("doomed")));
        assertTrue(e.getMessage().contains("SR_FULL"), e.getMessage());
        assertEquals(vms, fx.sim.count("VM"));
    }

    @Test
    void aRunningVmIsNotDestroyed() throws Exception {
        String vm = vmIn(PowerState.Running);
        CimException e = assertThrows(CimException.class,
                () -> call(ROOT, "DestroySystem", Map.of("AffectedSystem", vmRef(vm))));
        assertEquals(CimStatus.FAILED, e.status(), "the anchor's status code for this case");
        String name = String.valueOf(fx.sim.vmRecord(vm).get("name_label"));
        for (String part : List.of(name, vm, "is Running", "halted", "RequestStateChange 3")) {
            assertTrue(e.getMessage().contains(part), part + " in: " + e.getMessage());
        }
        assertEquals(PowerState.Running, fx.sim.vmPowerState(vm));
        assertTrue(fx.sim.uuids("VM").contains(vm));
    }

    @Test
    void destroysAHaltedVmWithItsOwnDisks() throws Exception {
        String vm = vmIn(PowerState.Halted);
        List<String> disks = childrenOf("VBD", vm).stream()
                .filter(b -> "Disk".equals(fx.sim.record("VBD", b).get("type")))
                .map(b -> fx.sim.uuidOfRef("VDI", String.valueOf(fx.sim.record("VBD", b).get("VDI")))).toList();
        assertFalse(disks.isEmpty());
        assertEquals(0L, rc(call(ROOT, "DestroySystem", Map.of("AffectedSystem", vmRef(vm)))));
        assertFalse(fx.sim.uuids("VM").contains(vm));
        disks.forEach(d -> assertFalse(fx.sim.uuids("VDI").contains(d), d));
    }

    @Test
    void addsModifiesAndRemovesResources() throws Exception {
        String vm = vmIn(PowerState.Halted);
        List<String> before = childrenOf("VBD", vm);
        Map<?, ?> oc = fx.awaitJob(call(ROOT, "AddResourceSettings", Map.of("AffectedConfiguration", vssdRef(vm),
                "ResourceSettings", List.of(AUTO_DISK, rasds().get(4)))));
        assertEquals("7", oc.get(JobState.STATE), oc.toString());
        assertEquals(before.size() + 1, childrenOf("VBD", vm).size());
        fx.synced();
        String vbd = childrenOf("VBD", vm).stream().filter(b -> !before.contains(b)).findFirst().orElseThrow();
        List<String> devices = childrenOf("VBD", vm).stream()
                .map(b -> String.valueOf(fx.sim.record("VBD", b).get("userdevice"))).distinct().toList();
        assertEquals(before.size() + 1, devices.size(), "a free userdevice: " + devices);
        String vif = childrenOf("VIF", vm).stream().filter(f -> "00:16:3e:0a:0b:0c".equals(fx.sim.record("VIF", f).get("MAC")))
                .findFirst().orElseThrow();
        MethodResult m = call(ROOT, "ModifyResourceSettings", Map.of("ResourceSettings", List.of(
                "instance of Xen_ProcessorSettingData { InstanceID = \"Xen:" + vm + "/Processor\"; VirtualQuantity = 3; };",
                "instance of Xen_DiskSettingData { InstanceID = \"Xen:" + vm + "/" + vbd + "\"; VirtualQuantity = 8; "
                        + "AllocationUnits = \"byte*2^30\"; };")));
        assertEquals(0L, rc(m));
        assertEquals("3", String.valueOf(fx.sim.vmRecord(vm).get("VCPUs_max")));
        String vdi = fx.sim.uuidOfRef("VDI", String.valueOf(fx.sim.record("VBD", vbd).get("VDI")));
        assertEquals(String.valueOf(8L << 30), String.valueOf(fx.sim.record("VDI", vdi).get("virtual_size")));
        fx.synced();
        MethodResult rm = call(ROOT, "RemoveResourceSettings", Map.of("ResourceSettings", List.of(
                new CimObjectPath(NS, "Xen_DiskSettingData", Map.of("InstanceID", "Xen:" + vm + "/" + vbd)),
                "instance of Xen_NetworkPortSettingData { InstanceID = \"Xen:" + vm + "/" + vif + "\"; };")));
        assertEquals(0L, rc(rm));
        assertFalse(fx.sim.uuids("VBD").contains(vbd));
        assertFalse(fx.sim.uuids("VIF").contains(vif));
    }

    @Test
    void aFailedAddResourceSettingsRemovesWhatItAdded() throws Exception {
        String vm = vmIn(PowerState.Halted);
        int vdis = fx.sim.count("VDI");
        int vbds = fx.sim.count("VBD");
        fx.pool.faults().on("VIF.create").once().fail("NETWORK_INCOMPATIBLE_PURPOSES", "injected");
        Map<?, ?> oc = fx.awaitJob(call(ROOT, "AddResourceSettings", Map.of("AffectedConfiguration", vssdRef(vm),
                "ResourceSettings", List.of(AUTO_DISK, rasds().get(4)))));
        assertEquals("10", oc.get(JobState.STATE), oc.toString());
        assertEquals("NETWORK_INCOMPATIBLE_PURPOSES", oc.get(JobState.ERROR_CODE));
        assertEquals(vdis, fx.sim.count("VDI"));
        assertEquals(vbds, fx.sim.count("VBD"));
        assertTrue(fx.sim.uuids("VM").contains(vm), "the VM itself stays");
    }

    @Test
    void copiesAVmToTheDefaultSr() throws Exception {
        String vm = vmIn(PowerState.Halted);
        Map<?, ?> oc = fx.awaitJob(call(ROOT, "CopySystem", Map.of("ReferenceConfiguration", vssdRef(vm),
                "SystemSettings", "instance of Xen_ComputerSystemSettingData { ElementName = \"copy-1\"; };")));
        assertEquals("7", oc.get(JobState.STATE), oc.toString());
        String copy = String.valueOf(oc.get(JobState.RESULT));
        assertEquals("copy-1", fx.sim.vmRecord(copy).get("name_label"));
        assertTrue(String.valueOf(oc.get("ResultingSystem")).contains(copy), oc.toString());
        assertEquals(childrenOf("VBD", vm).size(), childrenOf("VBD", copy).size());
    }

    @Test
    void modifiesSettingsConvertsAndPlaces() throws Exception {
        String vm = vmIn(PowerState.Halted);
        assertEquals(0L, rc(call(ROOT, "ModifySystemSettings", Map.of("SystemSettings",
                "instance of Xen_ComputerSystemSettingData { InstanceID = \"Xen:" + vm + "\"; ElementName = \"renamed\"; };"))));
        assertEquals("renamed", fx.sim.vmRecord(vm).get("name_label"));
        MethodResult hosts = call(MethodFixture.as("operator", "vm-operator"), "FindPossibleHostsToRunOn", Map.of("System", vmRef(vm)));
        assertEquals(0L, rc(hosts));
        assertFalse(((List<?>) hosts.out().get("PossibleHosts")).isEmpty());
        MethodResult t = call(ROOT, "ConvertToXenTemplate", Map.of("System", vmRef(vm)));
        assertEquals(0L, rc(t));
        assertEquals("Xen:" + vm, ((CimObjectPath) t.out().get("ResultingTemplate")).key("InstanceID"));
        assertEquals(true, fx.sim.vmRecord(vm).get("is_a_template"));
    }

    /** StartService / StopService: host.disable and host.enable of the host the service instance names. */
    @Test
    void stopAndStartServiceDisableAndEnableTheServicesHost() throws Exception {
        String host = fx.sim.uuids("host").get(1);
        CimObjectPath service = new CimObjectPath(NS, vsms.className(), Map.of("CreationClassName", vsms.className(),
                "Name", "Xen Hypervisor", "SystemCreationClassName", "Xen_HostComputerSystem", "SystemName", host));
        var stop = fx.classes.get(vsms.className()).method("StopService");
        var start = fx.classes.get(vsms.className()).method("StartService");
        for (RequestContext who : List.of(MethodFixture.as("admin", "vm-admin"), MethodFixture.as("reader", "read-only"))) {
            CimException e = assertThrows(CimException.class, () -> vsms.invoke(who, service, stop, Map.of()));
            assertEquals(CimStatus.ACCESS_DENIED, e.status(), who.user());
        }
        assertEquals(true, fx.sim.record("host", host).get("enabled"));
        RequestContext operator = ROOT;
        assertEquals(0L, rc(vsms.invoke(operator, service, stop, Map.of())));
        assertEquals(false, fx.sim.record("host", host).get("enabled"));
        assertFalse(fx.env.pool().get().host(host).orElseThrow().enabled(), "the mirror shows it at once");
        assertEquals(true, fx.sim.record("host", fx.sim.uuids("host").get(0)).get("enabled"), "the other host untouched");
        assertEquals(0L, rc(vsms.invoke(operator, service, start, Map.of())));
        assertEquals(true, fx.sim.record("host", host).get("enabled"));
        assertTrue(fx.env.pool().get().host(host).orElseThrow().enabled());
        CimObjectPath unknown = new CimObjectPath(NS, vsms.className(), Map.of("SystemName", "no-such-host"));
        assertEquals(CimStatus.NOT_FOUND, assertThrows(CimException.class,
                () -> vsms.invoke(operator, unknown, stop, Map.of())).status());
        CimObjectPath keyless = new CimObjectPath(NS, vsms.className(), Map.of());
        assertEquals(CimStatus.INVALID_PARAMETER, assertThrows(CimException.class,
                () -> vsms.invoke(operator, keyless, stop, Map.of())).status());
    }

    @Test
    void rolesBelowVmAdminMayNotDefineOrDestroy() throws Exception {
        String vm = vmIn(PowerState.Halted);
        for (String method : List.of("DefineSystem", "DestroySystem", "ModifySystemSettings", "AddResourceSettings",
                "CopySystem", "ConvertToXenTemplate")) {
            for (RequestContext who : List.of(MethodFixture.as("operator", "vm-operator"), MethodFixture.as("reader", "read-only"))) {
                CimException e = assertThrows(CimException.class, () -> call(who, method, Map.of()), method);
                assertEquals(CimStatus.ACCESS_DENIED, e.status(), method + " as " + who.user());
            }
        }
        CimException e = assertThrows(CimException.class,
                () -> call(MethodFixture.as("reader", "read-only"), "FindPossibleHostsToRunOn", Map.of("System", vmRef(vm))));
        assertEquals(CimStatus.ACCESS_DENIED, e.status());
        assertTrue(fx.sim.uuids("VM").contains(vm));
    }

    @Test
    void attachesAnExistingDiskImageAndNeverDestroysIt() throws Exception {
        String vm = vmIn(PowerState.Halted);
        String sr = fx.sim.defaultSrUuid();
        String vdi;
        try (var s = fx.bridge.openSession("root", "pw".toCharArray())) {
            vdi = s.devices().createVdi(sr, "imported", 1L << 30, "user", false, false);
        }
        fx.synced();
        String rasd = "instance of Xen_DiskSettingData { ResourceType = 19; HostResource = {\"root/cimv2:Xen_DiskImage."
                + "DeviceID=\\\"Xen:" + sr + "/" + vdi + "\\\"\"}; Bootable = true; };";
        fx.pool.faults().on("VBD.create").once().fail("SR_BACKEND_FAILURE_46", "injected");
        CimException e = assertThrows(CimException.class, () -> call(ROOT, "AddResourceSetting",
                Map.of("AffectedSystem", vmRef(vm), "ResourceSetting", rasd)));
        assertTrue(e.getMessage().contains("SR_BACKEND_FAILURE_46"), e.getMessage());
        assertTrue(fx.sim.uuids("VDI").contains(vdi), "a disk the caller handed in stays");
        MethodResult r = call(ROOT, "AddResourceSetting", Map.of("AffectedSystem", vmRef(vm), "ResourceSetting", rasd));
        assertEquals(0L, rc(r));
        String vbd = EmbeddedArgs.deviceOf(((CimObjectPath) r.out().get("ResultingResourceSetting")).key("InstanceID"));
        assertEquals(vdi, fx.sim.uuidOfRef("VDI", String.valueOf(fx.sim.record("VBD", vbd).get("VDI"))));
        assertEquals(true, fx.sim.record("VBD", vbd).get("bootable"));
    }

    @Test
    void aPvDefinitionWithoutTemplateGetsAPvRecord() throws Exception {
        MethodResult r = call(ROOT, "DefineSystem", Map.of("SystemSettings",
                "instance of Xen_ComputerSystemSettingData { ElementName = \"bare\"; VirtualSystemType = \"DMTF:xen:PV\"; };"));
        assertEquals("7", fx.awaitJob(r).get(JobState.STATE));
        String vm = String.valueOf(((CimObjectPath) r.out().get("ResultingSystem")).key("Name"));
        Map<String, Object> rec = fx.sim.vmRecord(vm);
        assertEquals("bare", rec.get("name_label"));
        assertEquals("pv", rec.get("domain_type"), "no HVM boot policy");
        assertEquals("pygrub", rec.get("PV_bootloader"));
        assertEquals(String.valueOf(SystemSettings.DEFAULT_MEMORY), String.valueOf(rec.get("memory_static_max")));
        assertTrue(childrenOf("VBD", vm).isEmpty());
    }

    @Test
    void mapsVssdsToXenApiFields() throws Exception {
        var args = new EmbeddedArgs(fx.classes);
        var hvm = args.instance("SystemSettings", "instance of Xen_ComputerSystemSettingData { ElementName = \"n\"; "
                + "VirtualSystemType = \"DMTF:xen:HVM\"; Platform = {\"viridian=false\"}; AutomaticRecoveryAction = 2; "
                + "HVM_Boot_Params = {\"order=dc\"}; };");
        Map<String, Object> rec = SystemSettings.createRecord(hvm);
        assertEquals("n", rec.get("name_label"));
        assertEquals("BIOS order", rec.get("HVM_boot_policy"));
        assertEquals(Map.of("order", "dc"), rec.get("HVM_boot_params"));
        assertEquals(Map.of("viridian", "false"), rec.get("platform"));
        assertEquals("destroy", rec.get("actions_after_crash"));
        var pv = args.instance("SystemSettings", "instance of Xen_ComputerSystemSettingData { "
                + "VirtualSystemType = \"DMTF:xen:PV\"; PV_Args = \"console=hvc0\"; };");
        Map<String, Object> pvRec = SystemSettings.createRecord(pv);
        assertEquals("pygrub", pvRec.get("PV_bootloader"));
        assertEquals("console=hvc0", pvRec.get("PV_args"));
        assertEquals("", pvRec.get("HVM_boot_policy"));
        assertEquals(Map.of("PV_args", "console=hvc0"), SystemSettings.fields(pv));
    }

    @Test
    void parsesReferenceStrings() {
        CimObjectPath p = EmbeddedArgs.parsePath("root/cimv2:Xen_ComputerSystemTemplate.InstanceID=\"Xen:a-b\"");
        assertNotNull(p);
        assertEquals("Xen_ComputerSystemTemplate", p.className());
        assertEquals("Xen:a-b", p.key("InstanceID"));
        CimObjectPath q = EmbeddedArgs.parsePath(
                "//host/root/cimv2:Xen_ComputerSystem.CreationClassName=\"Xen_ComputerSystem\",Name=\"x,y\"");
        assertEquals("root/cimv2", q.namespace());
        assertEquals("x,y", q.key("Name"));
        assertEquals(1L << 20, EmbeddedArgs.unitBytes("byte*2^20", 1));
        assertEquals("00:16:3e:0a:0b:0c", ResourceSettings.mac("00-16-3E-0A-0B-0C"));
    }
}
