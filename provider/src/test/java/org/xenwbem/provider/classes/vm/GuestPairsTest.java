package org.xenwbem.provider.classes.vm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xenwbem.bridge.PowerState;
import org.xenwbem.cim.CimObjectPath;
import org.xenwbem.provider.cimom.CimException;
import org.xenwbem.provider.cimom.CimStatus;
import org.xenwbem.provider.cimom.MethodResult;
import org.xenwbem.provider.cimom.RequestContext;
import org.xenwbem.provider.jobs.JobState;
import org.xenwbem.provider.methods.MethodFixture;

/** Guest key/value pairs added and removed through the VSMS, against the simulator through the bridge. */
class GuestPairsTest {
    private static final String NS = MethodFixture.NS;
    private static final RequestContext ROOT = MethodFixture.as("root", "pool-admin");

    private MethodFixture fx;
    private VirtualSystemManagement vsms;
    private String vm;

    @BeforeEach
    void up() throws Exception {
        fx = new MethodFixture(1, 3, 7);
        vsms = new VirtualSystemManagement(fx.env);
        vm = fx.sim.vmUuids().stream().filter(u -> fx.sim.vmPowerState(u) == PowerState.Running
                && !Boolean.TRUE.equals(fx.sim.vmRecord(u).get("is_control_domain"))).findFirst().orElseThrow();
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

    private Map<?, ?> xenstore() {
        return (Map<?, ?>) fx.sim.vmRecord(vm).get("xenstore_data");
    }

    /** Waits until the mirror holds the VM's xenstore_data as the simulator has it. */
    private void synced() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!fx.bridge.mirror().current().vm(vm).map(v -> v.xenstoreData().equals(xenstore())).orElse(false)
                && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    private Map<String, Object> addOne(String rasd) {
        return Map.of("AffectedSystem", VirtualSystemManagement.systemPath(vm), "ResourceSetting", rasd);
    }

    @Test
    void theAnchorsSingularAddWritesVmDataAndNamesTheRasd() throws Exception {
        MethodResult r = call(ROOT, "AddResourceSetting",
                addOne("instance of Xen_KVP { Key = \"role\"; Value = \"web server\"; };"));
        assertEquals(0L, rc(r));
        assertEquals(new CimObjectPath(NS, "Xen_KVPSettingData", Map.of("InstanceID", "Xen:" + vm + "/role")),
                r.out().get("ResultingResourceSetting"));
        assertEquals("web server", xenstore().get("vm-data/role"));
    }

    @Test
    void addResourceSettingsAddsSeveralPairsInAJob() throws Exception {
        CimObjectPath vssd = new CimObjectPath(NS, "Xen_ComputerSystemSettingData", Map.of("InstanceID", "Xen:" + vm));
        Map<?, ?> oc = fx.awaitJob(call(ROOT, "AddResourceSettings", Map.of("AffectedConfiguration", vssd,
                "ResourceSettings", List.of(
                        "instance of Xen_KVPSettingData { ResourceType = 40000; key = \"a\"; value = \"1\"; };",
                        "instance of Xen_KVPSettingData { key = \"site/rack\"; value = \"r42\"; };"))));
        assertEquals("7", oc.get(JobState.STATE), oc.toString());
        assertEquals("1", xenstore().get("vm-data/a"));
        assertEquals("r42", xenstore().get("vm-data/site/rack"));
    }

    @Test
    void badPairsAreRefusedAndChangeNothing() throws Exception {
        call(ROOT, "AddResourceSetting", addOne("instance of Xen_KVP { Key = \"dup\"; Value = \"x\"; };"));
        synced();
        for (String bad : List.of("instance of Xen_KVP { Key = \"dup\"; Value = \"y\"; };",
                "instance of Xen_KVP { Key = \"no spaces\"; Value = \"y\"; };",
                "instance of Xen_KVP { Key = \"/lead\"; Value = \"y\"; };",
                "instance of Xen_KVP { Key = \"" + "k".repeat(257) + "\"; Value = \"y\"; };",
                "instance of Xen_KVP { Key = \"empty\"; Value = \"\"; };",
                "instance of Xen_KVP { Value = \"no key\"; };",
                "instance of Xen_KVP { Key = \"big\"; Value = \"" + "v".repeat(GuestPairs.MAX_VALUE_BYTES + 1) + "\"; };")) {
            CimException e = assertThrows(CimException.class, () -> call(ROOT, "AddResourceSetting", addOne(bad)), bad);
            assertEquals(CimStatus.INVALID_PARAMETER, e.status(), bad);
        }
        assertEquals("x", xenstore().get("vm-data/dup"));
        assertEquals(1, xenstore().keySet().stream().filter(k -> String.valueOf(k).startsWith("vm-data/")).count());
    }

    @Test
    void aFailedAddResourceSettingsTakesItsPairsBack() throws Exception {
        CimObjectPath vssd = new CimObjectPath(NS, "Xen_ComputerSystemSettingData", Map.of("InstanceID", "Xen:" + vm));
        fx.pool.faults().on("VIF.create").once().fail("NETWORK_INCOMPATIBLE_PURPOSES", "injected");
        Map<?, ?> oc = fx.awaitJob(call(ROOT, "AddResourceSettings", Map.of("AffectedConfiguration", vssd,
                "ResourceSettings", List.of("instance of Xen_KVP { Key = \"first\"; Value = \"1\"; };",
                        "instance of Xen_NetworkPortSettingData { ResourceType = 33; PoolID = \""
                                + fx.sim.uuids("network").get(0) + "\"; };"))));
        assertFalse("7".equals(oc.get(JobState.STATE)), oc.toString());
        assertFalse(xenstore().containsKey("vm-data/first"), "undone: " + xenstore());
    }

    @Test
    void removeTakesTheAnchorsDeviceFormAndRasdReferences() throws Exception {
        fx.sim.setField("VM", vm, "xenstore_data", Map.of("vm-data/one", "1", "vm-data/two", "2", "vm-data/Memory", "m",
                "other", "kept"));
        synced();
        MethodResult r = call(ROOT, "RemoveResourceSettings", Map.of("ResourceSettings", List.of(
                "instance of Xen_KVP { DeviceID = \"Xen:" + vm + "/one\"; Key = \"one\"; };",
                new CimObjectPath(NS, "Xen_KVPSettingData", Map.of("InstanceID", "Xen:" + vm + "/Memory")))));
        assertEquals(0L, rc(r));
        assertEquals(Map.of("vm-data/two", "2", "other", "kept"), xenstore());
        synced();
        CimException gone = assertThrows(CimException.class, () -> call(ROOT, "RemoveResourceSettings",
                Map.of("ResourceSettings", List.of(new CimObjectPath(NS, "Xen_KVPSettingData",
                        Map.of("InstanceID", "Xen:" + vm + "/one"))))));
        assertEquals(CimStatus.NOT_FOUND, gone.status());
        CimException modify = assertThrows(CimException.class, () -> call(ROOT, "ModifyResourceSettings",
                Map.of("ResourceSettings", List.of("instance of Xen_KVPSettingData { InstanceID = \"Xen:" + vm
                        + "/two\"; value = \"3\"; };"))));
        assertEquals(CimStatus.NOT_SUPPORTED, modify.status());
    }

    @Test
    void aVmOperatorMayNotAddPairs() {
        CimException e = assertThrows(CimException.class, () -> call(MethodFixture.as("op", "vm-operator"), "AddResourceSetting",
                addOne("instance of Xen_KVP { Key = \"k\"; Value = \"v\"; };")));
        assertEquals(CimStatus.ACCESS_DENIED, e.status());
        assertFalse(xenstore().containsKey("vm-data/k"));
    }
}
