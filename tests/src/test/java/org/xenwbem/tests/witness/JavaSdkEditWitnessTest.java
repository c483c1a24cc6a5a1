package org.xenwbem.tests.witness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.xensource.xenapi.Connection;
import com.xensource.xenapi.Event;
import com.xensource.xenapi.EventBatch;
import com.xensource.xenapi.Host;
import com.xensource.xenapi.Network;
import com.xensource.xenapi.Pool;
import com.xensource.xenapi.SR;
import com.xensource.xenapi.Session;
import com.xensource.xenapi.Types;
import com.xensource.xenapi.VDI;
import com.xensource.xenapi.VM;
import java.net.URL;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The setters behind xenwbem's Put / ModifyInstance / SetProperty, driven by the official Java SDK
 * 8.1.0: set_name_label / set_name_description of network, SR, VDI, pool and host, add_to_ /
 * remove_from_other_config (MAP_DUPLICATE_KEY on a key that is there), VM tags, the {@code mod}
 * event a rename produces, and — on the simulator, which has them — a reader refused
 * (RBAC_PERMISSION_DENIED) and a vm-operator allowed to tag but not to rename. Every value is put
 * back, so the witness may run against a real pool.
 */
class JavaSdkEditWitnessTest {
    private static final String KEY = "xenwbem-witness";

    @Test
    void theSdkEditsNamesOtherConfigAndTags() throws Exception {
        try (WitnessTarget target = WitnessTarget.open()) {
            Connection c = login(target, target.user);
            String token = Event.from(c, Set.of("network"), "", 0.0).token;
            Network net = Network.getAll(c).iterator().next();
            renameNetworkAndSeeTheEvent(c, net, token);
            renameOthers(c);
            VM vm = target.testVm != null ? VM.getByNameLabel(c, target.testVm).iterator().next() : null;
            if (vm != null) {
                Set<String> tags = vm.getTags(c);
                try {
                    vm.setTags(c, Set.of("witness-a", "witness-b"));
                    vm.addTags(c, "witness-c");
                    vm.removeTags(c, "witness-a");
                    assertEquals(Set.of("witness-b", "witness-c"), vm.getTags(c));
                } finally {
                    vm.setTags(c, tags);
                }
            }
            if (target.simulator() != null) {
                rolesDecide(target, net, vm);
            }
            Session.logout(c);
        }
    }

    private static Connection login(WitnessTarget target, String user) throws Exception {
        Connection c = new Connection(new URL(target.url.toString()), 30, 5);
        Session.loginWithPassword(c, user, target.password, "1.0", "xenwbem-witness");
        return c;
    }

    private static void renameNetworkAndSeeTheEvent(Connection c, Network net, String token) throws Exception {
        Network.Record before = net.getRecord(c);
        try {
            net.setNameLabel(c, "witness-net");
            net.setNameDescription(c, "renamed by the SDK");
            net.addToOtherConfig(c, KEY, "1");
            assertThrows(Types.MapDuplicateKey.class, () -> net.addToOtherConfig(c, KEY, "2"));
            Network.Record after = net.getRecord(c);
            assertEquals("witness-net", after.nameLabel);
            assertEquals("renamed by the SDK", after.nameDescription);
            assertEquals("1", after.otherConfig.get(KEY));
            boolean seen = false;
            long deadline = System.currentTimeMillis() + 15_000;
            while (!seen && System.currentTimeMillis() < deadline) {
                EventBatch b = Event.from(c, Set.of("network"), token, 5.0);
                token = b.token;
                for (Event.Record e : b.events) {
                    seen |= e.snapshot instanceof Network.Record r && "witness-net".equals(r.nameLabel);
                }
            }
            assertTrue(seen, "event.from reported the rename");
        } finally {
            net.removeFromOtherConfig(c, KEY);
            net.setNameLabel(c, before.nameLabel);
            net.setNameDescription(c, before.nameDescription);
        }
        assertTrue(!net.getOtherConfig(c).containsKey(KEY), "remove_from_other_config removed the key");
    }

    /** SR, VDI, pool and host: both names set and read back, then restored; other-config on SR and VDI. */
    private static void renameOthers(Connection c) throws Exception {
        SR sr = SR.getAll(c).iterator().next();
        String srName = sr.getNameLabel(c);
        String srDescription = sr.getNameDescription(c);
        sr.setNameLabel(c, "witness-sr");
        sr.setNameDescription(c, "witness SR");
        sr.addToOtherConfig(c, KEY, "sr");
        assertEquals("witness-sr", sr.getNameLabel(c));
        assertEquals("sr", sr.getOtherConfig(c).get(KEY));
        sr.removeFromOtherConfig(c, KEY);
        sr.setNameLabel(c, srName);
        sr.setNameDescription(c, srDescription);
        VDI vdi = VDI.getAll(c).iterator().next();
        String vdiName = vdi.getNameLabel(c);
        vdi.setNameLabel(c, "witness-vdi");
        vdi.addToOtherConfig(c, KEY, "vdi");
        assertEquals("witness-vdi", vdi.getNameLabel(c));
        assertEquals("vdi", vdi.getOtherConfig(c).get(KEY));
        vdi.removeFromOtherConfig(c, KEY);
        vdi.setNameLabel(c, vdiName);
        Pool pool = Pool.getAll(c).iterator().next();
        String poolName = pool.getNameLabel(c);
        String poolDescription = pool.getNameDescription(c);
        pool.setNameLabel(c, "witness-pool");
        pool.setNameDescription(c, "witness pool");
        assertEquals("witness-pool", pool.getNameLabel(c));
        assertEquals("witness pool", pool.getNameDescription(c));
        pool.setNameLabel(c, poolName);
        pool.setNameDescription(c, poolDescription);
        Host host = Host.getAll(c).iterator().next();
        String hostDescription = host.getNameDescription(c);
        host.setNameDescription(c, "witness host");
        assertEquals("witness host", host.getNameDescription(c));
        host.setNameDescription(c, hostDescription);
    }

    /** The simulator's reader and vm-operator, as xapi's datamodel gives them these setters. */
    private static void rolesDecide(WitnessTarget target, Network net, VM vm) throws Exception {
        Connection reader = login(target, "reader");
        Types.RbacPermissionDenied denied = assertThrows(Types.RbacPermissionDenied.class,
                () -> net.setNameLabel(reader, "by-reader"));
        assertEquals("network.set_name_label", denied.permission);
        Session.logout(reader);
        Connection operator = login(target, "operator");
        assertThrows(Types.RbacPermissionDenied.class, () -> vm.setNameLabel(operator, "by-operator"));
        vm.addTags(operator, "operator-tag");
        assertTrue(vm.getTags(operator).contains("operator-tag"));
        vm.removeTags(operator, "operator-tag");
        Session.logout(operator);
    }
}
