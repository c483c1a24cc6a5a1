package org.xenwbem.bridge.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Seeds the network topology of a freshly installed pool with one bond and one VLAN: pool-wide
 * networks for eth0..eth3 (xenbr0..xenbr3), a bond network over eth2+eth3, a VLAN 100 network on
 * eth1 and an internal network without PIFs. Per host: PIFs eth0..eth3 (eth0 the static management
 * interface at the host's loopback address), the bond master PIF and the VLAN PIF.
 */
final class SimNetworkSeeder {
    static final int PHYSICAL_NICS = 4;
    static final long VLAN_TAG = 100L;
    private static final String NETWORK = "network";
    private static final String PIF = "PIF";

    /** The seeded networks, in the order VIFs are spread over them. */
    record Networks(String eth0, String bond, String vlan, String eth1, String internal, List<String> all) {
        /** The network of a VM's {@code n}-th NIC. */
        String forNic(int n) {
            List<String> order = List.of(eth0, bond, vlan, eth1);
            return order.get(n % order.size());
        }
    }

    private final SimDatabase db;

    SimNetworkSeeder(SimDatabase db) {
        this.db = db;
    }

    Networks seed(List<String> hostRefs) {
        List<String> eth = new ArrayList<>();
        for (int n = 0; n < PHYSICAL_NICS; n++) {
            eth.add(db.create(NETWORK, SimDeviceRecords.network(db.newUuid(),
                    "Pool-wide network associated with eth" + n, "", "xenbr" + n)));
        }
        String bond = db.create(NETWORK, SimDeviceRecords.network(db.newUuid(), "Bond 2+3", "", "xapi1"));
        String vlan = db.create(NETWORK, SimDeviceRecords.network(db.newUuid(), "VLAN " + VLAN_TAG + " on eth1",
                "", "xapi2"));
        Map<String, Object> internal = SimDeviceRecords.network(db.newUuid(), "Private network",
                "An internal network without host interfaces", "xapi3");
        String internalRef = db.create(NETWORK, internal);
        for (int i = 0; i < hostRefs.size(); i++) {
            seedHost(hostRefs.get(i), i, eth, bond, vlan);
        }
        List<String> all = new ArrayList<>(eth);
        all.addAll(List.of(bond, vlan, internalRef));
        return new Networks(eth.get(0), bond, vlan, eth.get(1), internalRef, List.copyOf(all));
    }

    private void seedHost(String host, int index, List<String> eth, String bondNet, String vlanNet) {
        List<String> pifs = new ArrayList<>();
        for (int n = 0; n < PHYSICAL_NICS; n++) {
            Map<String, Object> p = SimDeviceRecords.pif(db.newUuid(), host, eth.get(n), "eth" + n,
                    mac(index, n), -1L, true);
            if (n == 0) {
                p.put("management", true);
                p.put("ip_configuration_mode", "Static");
                p.put("IP", db.get("host", host, "address"));
                p.put("netmask", "255.0.0.0");
                p.put("gateway", "127.0.0.254");
                p.put("DNS", "127.0.0.53");
                p.put("disallow_unplug", true);
            }
            pifs.add(link(p));
        }
        String master = link(SimDeviceRecords.pif(db.newUuid(), host, bondNet, "bond0", mac(index, 2), -1L, false));
        List<String> slaves = List.of(pifs.get(2), pifs.get(3));
        String bond = db.create("Bond", SimDeviceRecords.bond(db.newUuid(), master, slaves, "balance-slb"));
        db.set(PIF, master, "bond_master_of", List.of(bond));
        slaves.forEach(s -> db.set(PIF, s, "bond_slave_of", bond));
        String vlanPif = link(SimDeviceRecords.pif(db.newUuid(), host, vlanNet, "eth1", mac(index, 1), VLAN_TAG,
                false));
        String vlan = db.create("VLAN", SimDeviceRecords.vlan(db.newUuid(), pifs.get(1), vlanPif, VLAN_TAG));
        db.set(PIF, vlanPif, "VLAN_master_of", vlan);
        db.set(PIF, pifs.get(1), "VLAN_slave_of", List.of(vlan));
    }

    /** PIFs eth0..eth3 of a joining host on the pool-wide networks xenbr0..xenbr3 (eth0 its management interface). */
    void joinHost(String host, int index) {
        for (int n = 0; n < PHYSICAL_NICS; n++) {
            String bridge = "xenbr" + n;
            String network = db.refs(NETWORK).stream().filter(r -> bridge.equals(db.get(NETWORK, r, "bridge")))
                    .findFirst().orElse(null);
            if (network == null) {
                continue;
            }
            Map<String, Object> p = SimDeviceRecords.pif(db.newUuid(), host, network, "eth" + n, mac(index, n), -1L,
                    true);
            if (n == 0) {
                p.put("management", true);
                p.put("ip_configuration_mode", "Static");
                p.put("IP", db.get("host", host, "address"));
                p.put("netmask", "255.0.0.0");
            }
            link(p);
        }
    }

    /** Creates a PIF and links it from its host and network. */
    private String link(Map<String, Object> pif) {
        String ref = db.create(PIF, pif);
        db.addToSet("host", (String) pif.get("host"), "PIFs", ref);
        db.addToSet(NETWORK, (String) pif.get("network"), "PIFs", ref);
        return ref;
    }

    /** A fixed, locally administered MAC per host and NIC. */
    private static String mac(int host, int nic) {
        return String.format("02:53:%02x:%02x:00:%02x", (host >> 8) & 0xff, host & 0xff, nic);
    }
}
