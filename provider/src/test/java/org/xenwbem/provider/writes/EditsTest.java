package org.xenwbem.provider.writes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.provider.cimom.CimException;
import org.xenwbem.provider.cimom.CimStatus;
import org.xenwbem.provider.cimom.RequestContext;

/**
 * Every editable class family on the real catalog, the real bridge and a simulated pool: the change
 * reaches xapi through the caller's session, shows in the very next read, and is refused precisely
 * for a weaker role, a read-only property or a malformed value.
 */
class EditsTest {
    private static EditFixture fx;

    @BeforeAll
    static void start() throws Exception {
        fx = new EditFixture();
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    private CimInstance instance(String cls, String property, String value) throws CimException {
        return fx.ops.enumerateInstances(EditFixture.root(), EditFixture.NS, cls).stream()
                .filter(i -> value.equals(i.get(property))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + cls + " with " + property + "=" + value));
    }

    /** ModifyInstance with a PropertyList of exactly the given properties. */
    private CimInstance modify(RequestContext who, CimInstance target, Map<String, Object> values) throws CimException {
        CimInstance.Builder b = CimInstance.builder(target.cimClass()).namespace(EditFixture.NS);
        values.forEach(b::set);
        return fx.ops.modifyInstance(who, target.path(), b.build(), new ArrayList<>(values.keySet()));
    }

    /** The instance as a Get right now sees it (no waiting: read-your-writes). */
    private CimInstance reread(CimInstance i) throws CimException {
        return fx.ops.getInstance(EditFixture.root(), i.path());
    }

    @Test
    void aHaltedVmIsRenamedAndDescribedAndTheNextGetShowsIt() throws Exception {
        String vm = fx.haltedVm();
        CimInstance cs = instance("Xen_ComputerSystem", "Name", vm);
        CimInstance back = modify(EditFixture.root(), cs, Map.of("ElementName", "renamed-vm", "Description", "edited"));
        assertEquals("renamed-vm", back.get("ElementName"));
        assertEquals("renamed-vm", fx.sim.vmRecord(vm).get("name_label"));
        assertEquals("edited", fx.sim.vmRecord(vm).get("name_description"));
        assertEquals("renamed-vm", reread(cs).get("ElementName"));
        CimInstance vssd = instance("Xen_ComputerSystemSettingData", "VirtualSystemIdentifier", vm);
        assertEquals("edited", reread(vssd).get("Description"), "the VM's settings show it too");
    }

    @Test
    void aTemplatesOtherConfigIsEditedKeyByKeyAndItsTagsReplaced() throws Exception {
        String t = fx.template();
        fx.sim.setField("VM", t, "other_config", Map.of("keep", "1", "change", "old", "drop", "x"));
        fx.mirrorShows(s -> s.vm(t).map(v -> v.otherConfig().containsKey("drop")).orElse(false));
        CimInstance vssd = instance("Xen_ComputerSystemTemplate", "VirtualSystemIdentifier", t);
        assertEquals(List.of("change=old", "drop=x", "keep=1"), vssd.get("Other_Config"));
        CimInstance back = modify(EditFixture.root(), vssd, Map.of("Other_Config", List.of("keep=1", "change=new",
                "added=a=b"), "Tags", List.of("web", "prod", "web")));
        assertEquals(Map.of("keep", "1", "change", "new", "added", "a=b"),
                new TreeMap<>((Map<?, ?>) fx.sim.vmRecord(t).get("other_config")));
        assertEquals(Set.of("web", "prod"), Set.copyOf(EditFixture.list(fx.sim.vmRecord(t).get("tags"))));
        assertEquals(List.of("added=a=b", "change=new", "keep=1"), back.get("Other_Config"));
        assertEquals(Set.of("web", "prod"), Set.copyOf(EditFixture.list(reread(vssd).get("Tags"))));
        assertTrue(fx.pool.callCount("VM.remove_from_other_config") >= 2, "drop and change");
        assertEquals(0, fx.pool.callCount("VM.set_other_config"), "keys nobody touched are left alone");
    }

    @Test
    void aDiskImageIsRenamedAndItsOtherConfigSet() throws Exception {
        String vdi = fx.first("VDI", r -> true);
        CimInstance disk = instance("Xen_DiskImage", "Name", vdi);
        modify(EditFixture.root(), disk, Map.of("ElementName", "data disk", "Description", "for logs",
                "OtherConfig", List.of("owner=ops")));
        assertEquals("data disk", fx.sim.record("VDI", vdi).get("name_label"));
        assertEquals("for logs", fx.sim.record("VDI", vdi).get("name_description"));
        assertEquals("ops", ((Map<?, ?>) fx.sim.record("VDI", vdi).get("other_config")).get("owner"));
        assertEquals("data disk", reread(disk).get("ElementName"));
    }

    @Test
    void aStoragePoolIsRenamedThroughNameAndItsElementNameStaysTheHosts() throws Exception {
        String sr = fx.sim.defaultSrUuid();
        CimInstance pool = instance("Xen_StoragePool", "PoolID", sr);
        modify(EditFixture.root(), pool, Map.of("Name", "fast storage", "Description", "SSD"));
        assertEquals("fast storage", fx.sim.record("SR", sr).get("name_label"));
        assertEquals("SSD", reread(pool).get("Description"));
        CimException e = assertThrows(CimException.class,
                () -> modify(EditFixture.root(), pool, Map.of("ElementName", "renamed")));
        assertEquals(CimStatus.NOT_SUPPORTED, e.status());
        assertEquals(CimException.Detail.READ_ONLY, e.detail());
        assertEquals("ElementName is read-only in Xen_StoragePool; the writable properties are Name, Description,"
                + " OtherConfig", e.getMessage());
    }

    @Test
    void aSwitchAndItsSettingsEditTheNetwork() throws Exception {
        String net = fx.first("network", r -> true);
        CimInstance sw = instance("Xen_VirtualSwitch", "Name", net);
        modify(EditFixture.root(), sw, Map.of("ElementName", "storage LAN"));
        assertEquals("storage LAN", fx.sim.record("network", net).get("name_label"));
        CimInstance settings = instance("Xen_VirtualSwitchSettingData", "VirtualSystemIdentifier", net);
        assertEquals("storage LAN", settings.get("ElementName"));
        modify(EditFixture.root(), settings, Map.of("Description", "jumbo frames", "OtherConfig", List.of("mtu-note=9000")));
        assertEquals("jumbo frames", fx.sim.record("network", net).get("name_description"));
        assertEquals(List.of("mtu-note=9000"), reread(settings).get("OtherConfig"));
    }

    @Test
    void thePoolAndAHostAreRenamed() throws Exception {
        CimInstance pool = instance("Xen_HostPool", "InstanceID", "Xen:" + fx.sim.poolUuid());
        modify(EditFixture.root(), pool, Map.of("ElementName", "lab pool", "Description", "rack 4"));
        assertEquals("lab pool", fx.sim.record("pool", fx.sim.poolUuid()).get("name_label"));
        assertEquals("rack 4", reread(pool).get("Description"));
        String host = fx.sim.hostUuids().get(1);
        CimInstance h = instance("Xen_HostComputerSystem", "Name", host);
        modify(EditFixture.root(), h, Map.of("ElementName", "node-b"));
        assertEquals("node-b", fx.sim.hostRecord(host).get("name_label"));
        assertEquals("node-b", reread(h).get("ElementName"));
    }

    @Test
    void aReaderIsRefusedByXapiAndNothingChanges() throws Exception {
        String vm = fx.haltedVm();
        String before = (String) fx.sim.vmRecord(vm).get("name_label");
        CimInstance cs = instance("Xen_ComputerSystem", "Name", vm);
        CimException e = assertThrows(CimException.class,
                () -> modify(EditFixture.as("reader", "read-only"), cs, Map.of("ElementName", "mine")));
        assertEquals(CimStatus.ACCESS_DENIED, e.status());
        assertTrue(e.getMessage().startsWith("reader (read-only) may not change ElementName of Xen_ComputerSystem "
                + vm + ": xapi refused VM.set_name_label with RBAC_PERMISSION_DENIED vm.set_name_label"), e.getMessage());
        assertEquals(before, fx.sim.vmRecord(vm).get("name_label"));
    }

    @Test
    void anOperatorMayTagAVmButNotRenameIt() throws Exception {
        String vm = fx.haltedVm();
        CimInstance vssd = instance("Xen_ComputerSystemSettingData", "VirtualSystemIdentifier", vm);
        RequestContext operator = EditFixture.as("operator", "vm-operator");
        modify(operator, vssd, Map.of("Tags", List.of("backup")));
        assertEquals(List.of("backup"), EditFixture.list(fx.sim.vmRecord(vm).get("tags")));
        CimException e = assertThrows(CimException.class, () -> modify(operator, vssd, Map.of("ElementName", "x")));
        assertEquals(CimStatus.ACCESS_DENIED, e.status(), e.getMessage());
    }

    @Test
    void aReadOnlyChangeRefusesTheWholeRequestAndNamesTheWritableProperties() throws Exception {
        String vm = fx.haltedVm();
        String before = (String) fx.sim.vmRecord(vm).get("name_label");
        CimInstance cs = instance("Xen_ComputerSystem", "Name", vm);
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("ElementName", "new");
        values.put("Caption", "mine");
        values.put("EnabledState", 2L);
        CimException e = assertThrows(CimException.class, () -> modify(EditFixture.root(), cs, values));
        assertEquals(CimStatus.NOT_SUPPORTED, e.status());
        assertEquals("Caption, EnabledState are read-only in Xen_ComputerSystem; the writable properties are"
                + " ElementName, Description", e.getMessage());
        assertEquals(before, fx.sim.vmRecord(vm).get("name_label"), "nothing was changed");
    }

    @Test
    void aWholeInstanceWithUnchangedReadOnlyValuesChangesOnlyWhatDiffers() throws Exception {
        String vm = fx.haltedVm();
        CimInstance cs = instance("Xen_ComputerSystem", "Name", vm);
        CimInstance.Builder b = CimInstance.builder(cs.cimClass()).namespace(EditFixture.NS);
        cs.values().forEach(b::set);
        b.set("ElementName", "whole-put");
        b.set("Roles", List.of()); // an unset array comes back empty from WS-CIM's xsi:nil
        long descriptionCalls = fx.pool.callCount("VM.set_name_description");
        CimInstance back = fx.ops.modifyInstance(EditFixture.root(), cs.path(), b.build(), null);
        assertEquals("whole-put", back.get("ElementName"));
        assertEquals(descriptionCalls, fx.pool.callCount("VM.set_name_description"), "an unchanged value is not set");
    }

    @Test
    void malformedOtherConfigAndUnknownPropertiesAreInvalidParameters() throws Exception {
        String t = fx.template();
        CimInstance vssd = instance("Xen_ComputerSystemTemplate", "VirtualSystemIdentifier", t);
        Object before = fx.sim.vmRecord(t).get("other_config");
        CimException noEquals = assertThrows(CimException.class,
                () -> modify(EditFixture.root(), vssd, Map.of("Other_Config", List.of("a=1", "no-equals-sign"))));
        assertEquals(CimStatus.INVALID_PARAMETER, noEquals.status());
        assertEquals("Other_Config holds key=value strings; 'no-equals-sign' is not one", noEquals.getMessage());
        CimException twice = assertThrows(CimException.class,
                () -> modify(EditFixture.root(), vssd, Map.of("Other_Config", List.of("a=1", "a=2"))));
        assertEquals("Other_Config names the key 'a' twice", twice.getMessage());
        assertEquals(before, fx.sim.vmRecord(t).get("other_config"));
        CimInstance.Builder b = CimInstance.builder(vssd.cimClass()).namespace(EditFixture.NS);
        CimException unknown = assertThrows(CimException.class,
                () -> fx.ops.modifyInstance(EditFixture.root(), vssd.path(), b.build(), List.of("Bogus")));
        assertEquals(CimStatus.INVALID_PARAMETER, unknown.status());
        assertEquals("Xen_ComputerSystemTemplate has no property Bogus", unknown.getMessage());
    }

    @Test
    void everyTableEntryIsAServedClassWithThoseProperties() {
        Map<String, List<String>> table = Edits.writableProperties();
        assertEquals(10, table.size(), table.toString());
        table.forEach((cls, props) -> {
            assertNotNull(fx.classes.get(cls), cls);
            props.forEach(p -> assertNotNull(fx.classes.get(cls).property(p), cls + "." + p));
            assertTrue(props.stream().noneMatch(p -> fx.classes.get(cls).property(p).isKey()), cls);
        });
    }
}
