package org.xenwbem.provider.classes.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.xenwbem.bridge.NetworkRecord;
import org.xenwbem.bridge.PifRecord;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.cim.CimObjectPath;
import org.xenwbem.provider.cimom.CimException;
import org.xenwbem.provider.cimom.MethodResult;
import org.xenwbem.provider.cimom.RequestContext;
import org.xenwbem.provider.methods.MethodFixture;

/** What the switch service tests share: a simulated two-host pool, the service, and how to call and read it. */
abstract class SwitchTestBase {
    static final RequestContext ROOT = MethodFixture.as("root", "pool-admin");

    MethodFixture fx;
    SwitchManagement service;

    @BeforeEach
    void up() throws Exception {
        fx = new MethodFixture(2, 2, 11);
        service = new SwitchManagement(fx.env);
    }

    @AfterEach
    void down() {
        fx.close();
    }

    MethodResult call(RequestContext ctx, String method, Map<String, Object> in) throws CimException {
        return fx.call(service, ctx, method, in);
    }

    /** The mirror's view right now: what a client enumerating after the method would see. */
    PoolSnapshot now() {
        return fx.bridge.mirror().current();
    }

    static String switchSettings(String name, String extra) {
        return "instance of Xen_VirtualSwitchSettingData { ElementName = \"" + name + "\"; Description = \"test\"; "
                + extra + " };";
    }

    static String port(String device, String vlanTag) {
        return "instance of Xen_HostNetworkPortSettingData { ResourceType = 33; Connection = {\"" + device + "\"};"
                + (vlanTag == null ? "" : " VlanTag = " + vlanTag + ";") + " };";
    }

    String define(Map<String, Object> in) throws CimException {
        MethodResult r = call(ROOT, "DefineSystem", in);
        assertEquals(0L, ((Number) r.returnValue()).longValue());
        CimObjectPath sw = (CimObjectPath) r.out().get("ResultingSystem");
        assertEquals("Xen_VirtualSwitch", sw.className());
        return String.valueOf(sw.key("Name"));
    }

    List<PifRecord> pifsOf(String network) {
        PoolSnapshot s = now();
        return s.network(network).map(NetworkRecord::pifUuids).orElse(List.of()).stream()
                .map(p -> s.pif(p).orElseThrow()).toList();
    }

    static CimObjectPath switchRef(String uuid) {
        return SwitchManagement.switchPath(uuid);
    }

    static CimObjectPath settingsRef(String uuid) {
        return new CimObjectPath(MethodFixture.NS, "Xen_VirtualSwitchSettingData", Map.of("InstanceID", "Xen:" + uuid));
    }

    /** Destroys the seeded "VLAN 100 on eth1" switch (no VM uses it), so that eth1 carries no VLAN. */
    void freeEth1() throws Exception {
        String vlan100 = now().networks().stream().filter(n -> n.nameLabel().startsWith("VLAN 100"))
                .findFirst().orElseThrow().uuid();
        call(ROOT, "DestroySystem", Map.of("AffectedSystem", switchRef(vlan100)));
        assertTrue(now().pifs().stream().noneMatch(p -> p.vlan() == 100));
    }
}
