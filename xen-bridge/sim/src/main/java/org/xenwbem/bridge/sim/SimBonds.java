package org.xenwbem.bridge.sim;

import static org.xenwbem.bridge.sim.SimNetworks.NETWORK;
import static org.xenwbem.bridge.sim.SimNetworks.PIF;

import java.util.List;
import java.util.Map;

/**
 * VLANs and bonds as xapi makes them (xapi's Xapi_vlan, Xapi_bond). {@code VLAN.create(tagged_PIF, tag,
 * network)}: a non-physical PIF with the tag on the network (device of the tagged PIF, MTU copied, plugged);
 * PIF_IS_VLAN, CANNOT_ADD_VLAN_TO_BOND_SLAVE, VLAN_TAG_INVALID (outside 0..4094), PIF_VLAN_EXISTS [device],
 * NETWORK_ALREADY_CONNECTED [host; pif]. {@code Bond.create(network, members, MAC[, mode, properties])}: a
 * {@code bond<N>} master PIF taking the network's MTU and the primary member's IP configuration and
 * management role and the members' VLANs; PIF_BOND_NEEDS_MORE_MEMBERS (fewer than two), PIF_ALREADY_BONDED,
 * PIF_IS_VLAN, PIF_CANNOT_BOND_CROSS_HOST. {@code Bond.destroy} gives all of them back to the primary member
 * (as xapi since 6.0); {@code Bond.set_mode}.
 */
final class SimBonds {
    static final List<String> MODES = List.of("balance-slb", "active-backup", "lacp");
    private static final String BOND = "Bond";
    private static final String VLAN = "VLAN";
    private static final String NULL = SimDatabase.NULL_REF;
    private static final List<String> IP_FIELDS = List.of("ip_configuration_mode", "IP", "netmask", "gateway",
            "DNS", "management");

    private final SimDatabase db;

    SimBonds(SimDatabase db) {
        this.db = db;
    }

    static List<String> permissions() {
        return List.of("vlan.create", "vlan.destroy", "bond.create", "bond.destroy", "bond.set_mode");
    }

    void register(Map<String, SimMethod> m) {
        m.put("VLAN.create", SimMethod.action(4, "vlan.create", (s, a) ->
                createVlan(SimArgs.str(a, 0), SimArgs.int64(a, 1), SimArgs.str(a, 2))));
        m.put("VLAN.destroy", SimMethod.action(2, "vlan.destroy", (s, a) -> destroyVlan(SimArgs.str(a, 0))));
        m.put("Bond.create", SimMethod.action(4, 6, "bond.create", (s, a) -> createBond(SimArgs.str(a, 0),
                SimNetworks.strings(a.get(1)), SimArgs.str(a, 2), a.size() > 3 ? SimArgs.str(a, 3) : MODES.get(0))));
        m.put("Bond.destroy", SimMethod.action(2, "bond.destroy", (s, a) -> destroyBond(SimArgs.str(a, 0))));
        m.put("Bond.set_mode", SimMethod.write(3, "bond.set_mode", (s, a) -> db.atomically(() -> {
            db.record(BOND, SimArgs.str(a, 0));
            db.set(BOND, SimArgs.str(a, 0), "mode", mode(SimArgs.str(a, 1)));
            return "";
        })));
    }

    private Object createVlan(String tagged, long tag, String network) {
        return db.atomically(() -> {
            Map<String, Object> t = db.record(PIF, tagged);
            db.record(NETWORK, network);
            String host = (String) t.get("host");
            assertNotConnected(host, network);
            if (!NULL.equals(t.get("bond_slave_of"))) {
                throw new SimFault("CANNOT_ADD_VLAN_TO_BOND_SLAVE", tagged);
            }
            if ((Long) t.get("VLAN") >= 0) {
                throw new SimFault("PIF_IS_VLAN", tagged);
            }
            if (tag < 0 || tag > 4094) {
                throw new SimFault("VLAN_TAG_INVALID", Long.toString(tag));
            }
            for (Object v : (List<?>) t.get("VLAN_slave_of")) {
                if (db.getLong(VLAN, (String) v, "tag") == tag) {
                    throw new SimFault("PIF_VLAN_EXISTS", (String) t.get("device"));
                }
            }
            Map<String, Object> p = SimDeviceRecords.pif(db.newUuid(), host, network, (String) t.get("device"),
                    "fe:ff:ff:ff:ff:ff", tag, false);
            p.put("MTU", t.get("MTU"));
            String untagged = link(p);
            String vlan = db.create(VLAN, SimDeviceRecords.vlan(db.newUuid(), tagged, untagged, tag));
            db.set(PIF, untagged, "VLAN_master_of", vlan);
            db.addToSet(PIF, tagged, "VLAN_slave_of", vlan);
            return vlan;
        });
    }

    private Object destroyVlan(String vlan) {
        return db.atomically(() -> {
            Map<String, Object> v = db.record(VLAN, vlan);
            String untagged = (String) v.get("untagged_PIF");
            if (db.exists(PIF, untagged)) {
                if (Boolean.TRUE.equals(db.get(PIF, untagged, "management"))) {
                    throw new SimFault("PIF_IS_MANAGEMENT_INTERFACE", untagged);
                }
                unlink(untagged);
            }
            db.removeFromSet(PIF, (String) v.get("tagged_PIF"), "VLAN_slave_of", vlan);
            db.delete(VLAN, vlan);
            return "";
        });
    }

    private Object createBond(String network, List<String> members, String mac, String mode) {
        return db.atomically(() -> {
            db.record(NETWORK, network);
            String chosen = mode(mode);
            if (members.size() < 2) {
                throw new SimFault("PIF_BOND_NEEDS_MORE_MEMBERS");
            }
            String host = checkMembers(members);
            assertNotConnected(host, network);
            String primary = members.stream().filter(p -> Boolean.TRUE.equals(db.get(PIF, p, "management")))
                    .findFirst().orElse(members.get(0));
            Map<String, Object> p = SimDeviceRecords.pif(db.newUuid(), host, network, freeBondDevice(host),
                    mac.isEmpty() ? (String) db.get(PIF, primary, "MAC") : mac, -1L, false);
            p.put("MTU", db.get(NETWORK, network, "MTU"));
            for (String f : IP_FIELDS) {
                p.put(f, db.get(PIF, primary, f));
            }
            String master = link(p);
            String bond = db.create(BOND, SimDeviceRecords.bond(db.newUuid(), master, members, chosen));
            db.set(BOND, bond, "primary_slave", primary);
            db.set(PIF, master, "bond_master_of", List.of(bond));
            for (String member : members) {
                db.set(PIF, member, "bond_slave_of", bond);
                moveVlans(member, master);
                clearIp(member);
            }
            return bond;
        });
    }

    /** The members' host; PIF_ALREADY_BONDED, PIF_IS_VLAN, PIF_CANNOT_BOND_CROSS_HOST. */
    private String checkMembers(List<String> members) {
        String host = null;
        for (String member : members) {
            Map<String, Object> m = db.record(PIF, member);
            if (!NULL.equals(m.get("bond_slave_of")) || !((List<?>) m.get("bond_master_of")).isEmpty()) {
                throw new SimFault("PIF_ALREADY_BONDED", member);
            }
            if ((Long) m.get("VLAN") >= 0) {
                throw new SimFault("PIF_IS_VLAN", member);
            }
            if (host != null && !host.equals(m.get("host"))) {
                throw new SimFault("PIF_CANNOT_BOND_CROSS_HOST");
            }
            host = (String) m.get("host");
        }
        return host;
    }

    private Object destroyBond(String bond) {
        return db.atomically(() -> {
            Map<String, Object> b = db.record(BOND, bond);
            String master = (String) b.get("master");
            String primary = (String) b.get("primary_slave");
            moveVlans(master, primary);
            for (Object member : (List<?>) b.get("slaves")) {
                db.set(PIF, (String) member, "bond_slave_of", NULL);
            }
            if (db.exists(PIF, primary)) {
                for (String f : IP_FIELDS) {
                    db.set(PIF, primary, f, db.get(PIF, master, f));
                }
            }
            unlink(master);
            db.delete(BOND, bond);
            return "";
        });
    }

    /** The VLANs on {@code from} move to {@code to} (xapi moves them onto a new bond and back to its primary member). */
    private void moveVlans(String from, String to) {
        for (Object v : (List<?>) db.get(PIF, from, "VLAN_slave_of")) {
            db.set(VLAN, (String) v, "tagged_PIF", to);
            db.addToSet(PIF, to, "VLAN_slave_of", v);
        }
        db.set(PIF, from, "VLAN_slave_of", List.of());
    }

    private static String mode(String mode) {
        if (!MODES.contains(mode)) {
            throw new SimFault("INVALID_VALUE", "mode", mode);
        }
        return mode;
    }

    private void clearIp(String pif) {
        db.set(PIF, pif, "ip_configuration_mode", "None");
        for (String f : List.of("IP", "netmask", "gateway", "DNS")) {
            db.set(PIF, pif, f, "");
        }
        db.set(PIF, pif, "management", false);
    }

    /** NETWORK_ALREADY_CONNECTED [host; pif] when the host already has a PIF on the network. */
    private void assertNotConnected(String host, String network) {
        for (Object pif : (List<?>) db.get(NETWORK, network, "PIFs")) {
            if (host.equals(db.get(PIF, (String) pif, "host"))) {
                throw new SimFault("NETWORK_ALREADY_CONNECTED", host, (String) pif);
            }
        }
    }

    private String freeBondDevice(String host) {
        List<Object> used = ((List<?>) db.get("host", host, "PIFs")).stream()
                .map(p -> db.get(PIF, (String) p, "device")).map(Object.class::cast).toList();
        int n = 0;
        while (used.contains("bond" + n)) {
            n++;
        }
        return "bond" + n;
    }

    private String link(Map<String, Object> pif) {
        String ref = db.create(PIF, pif);
        db.addToSet("host", (String) pif.get("host"), "PIFs", ref);
        db.addToSet(NETWORK, (String) pif.get("network"), "PIFs", ref);
        return ref;
    }

    private void unlink(String pif) {
        db.removeFromSet("host", (String) db.get(PIF, pif, "host"), "PIFs", pif);
        db.removeFromSet(NETWORK, (String) db.get(PIF, pif, "network"), "PIFs", pif);
        db.delete(PIF, pif);
    }
}
