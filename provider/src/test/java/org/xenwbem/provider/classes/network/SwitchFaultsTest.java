package org.xenwbem.provider.classes.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.xenwbem.bridge.PifRecord;
import org.xenwbem.provider.cimom.CimException;

/**
 * A failure at each step of a switch method leaves the pool as it was (issue #13, "Nothing lost"):
 * judged on the simulator's own records (xapi's truth), not on the mirror.
 */
class SwitchFaultsTest extends SwitchTestBase {
    /**
     * Every network, host interface, VLAN and bond, by what identifies it to an administrator (host,
     * device, tag, network): a VLAN taken down and made again by an undo has new uuids, as with xapi.
     */
    private Map<String, String> shape() {
        Map<String, String> out = new TreeMap<>();
        for (String uuid : fx.sim.uuids("network")) {
            Map<String, Object> r = fx.sim.record("network", uuid);
            out.put("network/" + uuid, r.get("name_label") + "|" + r.get("name_description") + "|" + r.get("MTU")
                    + "|" + ((List<?>) r.get("PIFs")).size() + "|" + r.get("other_config"));
        }
        for (String uuid : fx.sim.uuids("PIF")) {
            Map<String, Object> r = fx.sim.record("PIF", uuid);
            out.put("PIF/" + pifKey(uuid), name("network", r.get("network")) + "|" + r.get("management") + "|"
                    + r.get("ip_configuration_mode") + "|" + r.get("IP") + "|" + r.get("MTU") + "|"
                    + !"OpaqueRef:NULL".equals(r.get("bond_slave_of")) + "|" + ((List<?>) r.get("VLAN_slave_of")).size());
        }
        for (String uuid : fx.sim.uuids("VLAN")) {
            Map<String, Object> r = fx.sim.record("VLAN", uuid);
            out.put("VLAN/" + pifKey(ref("PIF", r.get("tagged_PIF"))) + "/" + r.get("tag"),
                    pifKey(ref("PIF", r.get("untagged_PIF"))));
        }
        for (String uuid : fx.sim.uuids("Bond")) {
            Map<String, Object> r = fx.sim.record("Bond", uuid);
            List<String> slaves = ((List<?>) r.get("slaves")).stream().map(x -> pifKey(ref("PIF", x))).sorted().toList();
            out.put("Bond/" + pifKey(ref("PIF", r.get("master"))), r.get("mode") + "|" + slaves);
        }
        return out;
    }

    private String ref(String cls, Object ref) {
        return fx.sim.uuidOfRef(cls, String.valueOf(ref));
    }

    private String name(String cls, Object ref) {
        return String.valueOf(fx.sim.record(cls, ref(cls, ref)).get("name_label"));
    }

    private String pifKey(String pifUuid) {
        Map<String, Object> r = fx.sim.record("PIF", pifUuid);
        return name("host", r.get("host")) + "/" + r.get("device") + "/" + r.get("VLAN");
    }

    private void failsAndChangesNothing(String method, int passing, String cimMethod, Map<String, Object> in)
            throws Exception {
        fx.synced();
        Map<String, String> before = shape();
        fx.pool.faults().on(method).after(passing).once().fail("INTERNAL_ERROR", "injected at " + method);
        assertThrows(CimException.class, () -> call(ROOT, cimMethod, in));
        assertEquals(before, shape(), "a failure at " + method + " #" + (passing + 1) + " left something behind");
        fx.pool.faults().clear();
        fx.synced(); // the undo made new objects (a bond again, its PIF): the next call reads them from the mirror
    }

    @Test
    void vlanSwitchAtEachStep() throws Exception {
        Map<String, Object> in = Map.of("SystemSettings", switchSettings("v", ""), "ResourceSettings",
                List.of(port("eth0", "9")));
        failsAndChangesNothing("network.create", 0, "DefineSystem", in);
        failsAndChangesNothing("VLAN.create", 0, "DefineSystem", in);
        failsAndChangesNothing("VLAN.create", 1, "DefineSystem", in);
    }

    @Test
    void bondSwitchAtEachStep() throws Exception {
        freeEth1();
        Map<String, Object> in = Map.of("SystemSettings", switchSettings("b", "BondMode = \"active-backup\";"),
                "ResourceSettings", List.of(port("eth0", null), port("eth1", null)));
        failsAndChangesNothing("Bond.create", 0, "DefineSystem", in);
        failsAndChangesNothing("Bond.create", 1, "DefineSystem", in);
    }

    @Test
    void bondDestroyAtEachStep() throws Exception {
        freeEth1();
        String uuid = define(Map.of("SystemSettings", switchSettings("bd", "BondMode = \"lacp\";"),
                "ResourceSettings", List.of(port("eth0", null), port("eth1", null))));
        Map<String, Object> in = Map.of("AffectedSystem", switchRef(uuid));
        failsAndChangesNothing("Bond.destroy", 1, "DestroySystem", in);
        failsAndChangesNothing("network.destroy", 0, "DestroySystem", in);
        call(ROOT, "DestroySystem", in);
        fx.synced();
        assertEquals(2, now().pifs().stream().filter(p -> p.management() && p.device().equals("eth0")).count(),
                "the management interfaces went back to eth0");
    }

    @Test
    void destroyAtEachStep() throws Exception {
        String uuid = define(Map.of("SystemSettings", switchSettings("d", ""), "ResourceSettings",
                List.of(port("eth0", "5"))));
        Map<String, Object> in = Map.of("AffectedSystem", switchRef(uuid));
        failsAndChangesNothing("VLAN.destroy", 0, "DestroySystem", in);
        failsAndChangesNothing("VLAN.destroy", 1, "DestroySystem", in);
        failsAndChangesNothing("network.destroy", 0, "DestroySystem", in);
    }

    @Test
    void retagAndRenameAtEachStep() throws Exception {
        String uuid = define(Map.of("SystemSettings", switchSettings("r", ""), "ResourceSettings",
                List.of(port("eth0", "30"))));
        PifRecord p = pifsOf(uuid).get(0);
        Map<String, Object> retag = Map.of("ResourceSettings", List.of("instance of Xen_HostNetworkPortSettingData { "
                + "InstanceID = \"Xen:" + p.hostUuid() + "/" + p.uuid() + "\"; VlanTag = 31; };"));
        failsAndChangesNothing("VLAN.destroy", 1, "ModifyResourceSettings", retag);
        failsAndChangesNothing("VLAN.create", 1, "ModifyResourceSettings", retag);
        Map<String, Object> rename = Map.of("SystemSettings", "instance of Xen_VirtualSwitchSettingData { "
                + "InstanceID = \"Xen:" + uuid + "\"; ElementName = \"n\"; Description = \"x\"; MTU = 9000; };");
        failsAndChangesNothing("network.set_name_description", 0, "ModifySystemSettings", rename);
        failsAndChangesNothing("network.set_MTU", 0, "ModifySystemSettings", rename);
    }
}
