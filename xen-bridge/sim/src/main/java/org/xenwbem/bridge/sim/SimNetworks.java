package org.xenwbem.bridge.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Network and PIF writes as xapi does them (xenapi.md §3.5, xapi's Xapi_network / Xapi_pif):
 * {@code network.create} (bridge {@code xapi<N>} unless given), {@code network.destroy}
 * (NETWORK_CONTAINS_VIF [attached vifs] first, then NETWORK_CONTAINS_PIF [pifs]; detached VIFs go with
 * the network), {@code network.set_MTU}, {@code PIF.plug}/{@code PIF.unplug} (PIF_IS_MANAGEMENT_INTERFACE,
 * PIF_DOES_NOT_ALLOW_UNPLUG) and {@code PIF.reconfigure_ip} (INVALID_IP_ADDRESS_SPECIFIED; mode None on the
 * management interface is PIF_IS_MANAGEMENT_INTERFACE). VLANs and bonds are {@link SimBonds}.
 */
final class SimNetworks {
    static final String NETWORK = "network";
    static final String PIF = "PIF";
    private static final Pattern IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1?\\d?\\d)(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}");
    private static final List<String> MODES = List.of("None", "DHCP", "Static");

    private final SimDatabase db;

    SimNetworks(SimDatabase db) {
        this.db = db;
    }

    static List<String> permissions() {
        return List.of("network.create", "network.destroy", "network.set_mtu", "pif.plug", "pif.unplug",
                "pif.reconfigure_ip");
    }

    void register(Map<String, SimMethod> m) {
        m.put("network.create", SimMethod.action(2, "network.create", (s, a) -> create(SimArgs.struct(a, 0))));
        m.put("network.destroy", SimMethod.action(2, "network.destroy", (s, a) -> destroy(SimArgs.str(a, 0))));
        m.put("network.set_MTU", SimMethod.write(3, "network.set_mtu", (s, a) -> setMtu(SimArgs.str(a, 0),
                SimArgs.int64(a, 1))));
        m.put("PIF.plug", SimMethod.action(2, "pif.plug", (s, a) -> plug(SimArgs.str(a, 0), true)));
        m.put("PIF.unplug", SimMethod.action(2, "pif.unplug", (s, a) -> plug(SimArgs.str(a, 0), false)));
        m.put("PIF.reconfigure_ip", SimMethod.action(7, "pif.reconfigure_ip", (s, a) -> reconfigureIp(
                SimArgs.str(a, 0), SimArgs.str(a, 1), SimArgs.str(a, 2), SimArgs.str(a, 3), SimArgs.str(a, 4),
                SimArgs.str(a, 5))));
    }

    private Object create(Map<String, Object> args) {
        return db.atomically(() -> {
            String bridge = args.get("bridge") instanceof String b && !b.isEmpty() ? b : freeBridge();
            for (String n : db.refs(NETWORK)) {
                if (bridge.equals(db.get(NETWORK, n, "bridge"))) {
                    throw new SimFault("BRIDGE_NAME_EXISTS", bridge);
                }
            }
            Map<String, Object> rec = SimDeviceRecords.network(db.newUuid(), text(args, "name_label"),
                    text(args, "name_description"), bridge);
            long mtu = args.containsKey("MTU") ? SimArgs.longField(args, "MTU") : 1500L;
            checkMtu(mtu);
            rec.put("MTU", mtu);
            if (args.get("other_config") instanceof Map<?, ?> oc) {
                rec.put("other_config", oc);
            }
            if (args.get("tags") instanceof List<?> tags) {
                rec.put("tags", tags);
            }
            return db.create(NETWORK, rec);
        });
    }

    private String freeBridge() {
        List<Object> used = new ArrayList<>();
        db.refs(NETWORK).forEach(n -> used.add(db.get(NETWORK, n, "bridge")));
        int i = 0;
        while (used.contains("xapi" + i)) {
            i++;
        }
        return "xapi" + i;
    }

    private Object destroy(String network) {
        return db.atomically(() -> {
            db.record(NETWORK, network);
            List<String> vifs = strings(db.get(NETWORK, network, "VIFs"));
            List<String> attached = vifs.stream()
                    .filter(v -> Boolean.TRUE.equals(db.get(SimDevices.VIF, v, "currently_attached"))).toList();
            if (!attached.isEmpty()) {
                throw new SimFault("NETWORK_CONTAINS_VIF", attached.toArray(String[]::new));
            }
            List<String> pifs = strings(db.get(NETWORK, network, PIF + "s"));
            if (!pifs.isEmpty()) {
                throw new SimFault("NETWORK_CONTAINS_PIF", pifs.toArray(String[]::new));
            }
            for (String vif : vifs) {
                db.removeFromSet("VM", (String) db.get(SimDevices.VIF, vif, "VM"), "VIFs", vif);
                db.delete(SimDevices.VIF, vif);
            }
            db.delete(NETWORK, network);
            return "";
        });
    }

    private Object setMtu(String network, long mtu) {
        return db.atomically(() -> {
            db.record(NETWORK, network);
            checkMtu(mtu);
            db.set(NETWORK, network, "MTU", mtu);
            return "";
        });
    }

    /** xapi's network MTU range (Xapi_network.assert_mtu_valid). */
    static void checkMtu(long mtu) {
        if (mtu < 68 || mtu > 65535) {
            throw new SimFault("MTU_INVALID", Long.toString(mtu), "68", "65535");
        }
    }

    private Object plug(String pif, boolean plug) {
        return db.atomically(() -> {
            Map<String, Object> p = db.record(PIF, pif);
            if (!plug && Boolean.TRUE.equals(p.get("management"))) {
                throw new SimFault("PIF_IS_MANAGEMENT_INTERFACE", pif);
            }
            if (!plug && Boolean.TRUE.equals(p.get("disallow_unplug"))) {
                throw new SimFault("PIF_DOES_NOT_ALLOW_UNPLUG", pif);
            }
            db.set(PIF, pif, "currently_attached", plug);
            return "";
        });
    }

    private Object reconfigureIp(String pif, String mode, String ip, String netmask, String gateway, String dns) {
        return db.atomically(() -> {
            Map<String, Object> p = db.record(PIF, pif);
            if (!MODES.contains(mode)) {
                throw new SimFault("INVALID_VALUE", "mode", mode);
            }
            if ("None".equals(mode) && Boolean.TRUE.equals(p.get("management"))) {
                throw new SimFault("PIF_IS_MANAGEMENT_INTERFACE", pif);
            }
            boolean fixed = "Static".equals(mode);
            if (fixed) {
                requireAddress("IP", ip, false);
                requireAddress("netmask", netmask, false);
                requireAddress("gateway", gateway, true);
            }
            db.set(PIF, pif, "ip_configuration_mode", mode);
            db.set(PIF, pif, "IP", fixed ? ip : "DHCP".equals(mode) ? p.get("IP") : "");
            db.set(PIF, pif, "netmask", fixed ? netmask : "DHCP".equals(mode) ? p.get("netmask") : "");
            db.set(PIF, pif, "gateway", fixed ? gateway : "DHCP".equals(mode) ? p.get("gateway") : "");
            db.set(PIF, pif, "DNS", fixed ? dns : "");
            return "";
        });
    }

    private static void requireAddress(String param, String value, boolean optional) {
        if (!(optional && value.isEmpty()) && !IPV4.matcher(value).matches()) {
            throw new SimFault("INVALID_IP_ADDRESS_SPECIFIED", param);
        }
    }

    private static String text(Map<String, Object> args, String key) {
        return args.get(key) instanceof String s ? s : "";
    }

    static List<String> strings(Object list) {
        List<String> out = new ArrayList<>();
        for (Object o : (List<?>) list) {
            out.add((String) o);
        }
        return out;
    }
}
