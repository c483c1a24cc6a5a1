package org.xenwbem.provider.classes.network;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.provider.cimom.CimException;
import org.xenwbem.provider.cimom.CimStatus;
import org.xenwbem.provider.methods.EmbeddedArgs;

/**
 * What the switch service's callers send, as the anchor's {@code network_tests} send it: the switch
 * settings (a {@code Xen_VirtualSwitchSettingData} or a plain {@code CIM_VirtualSystemSettingData}:
 * ElementName, Description, and our MTU, BondMode and OtherConfig) and the host-port settings
 * ({@code Xen_HostNetworkPortSettingData} or {@code Xen_NetworkPortSettingData}: Connection = host NIC
 * device(s), VlanTag). One NIC with a tag is a VLAN; several NICs (in one setting or several) a bond.
 */
final class SwitchRequests {
    static final List<String> BOND_MODES = List.of("balance-slb", "active-backup", "lacp");
    static final long DEFAULT_MTU = 1500;

    /** The switch's own settings; null fields were not given. */
    record SwitchSpec(String name, String description, Long mtu, String bondMode, Map<String, String> otherConfig) {
    }

    /** How the switch reaches the hosts: their NICs named {@code devices}, tagged with {@code vlan} (null: none). */
    record Uplink(List<String> devices, Long vlan) {
        boolean bond() {
            return devices.size() > 1;
        }
    }

    private SwitchRequests() {
    }

    static SwitchSpec spec(CimInstance i) throws CimException {
        if (i == null) {
            return new SwitchSpec(null, null, null, null, Map.of());
        }
        Long mtu = has(i, "MTU") ? EmbeddedArgs.num(i.get("MTU")) : null;
        if (mtu != null && (mtu < 68 || mtu > 65535)) {
            throw new CimException(CimStatus.INVALID_PARAMETER, "MTU " + mtu + " is outside 68..65535");
        }
        String mode = has(i, "BondMode") ? EmbeddedArgs.str(i.get("BondMode")) : null;
        if (mode != null && !BOND_MODES.contains(mode.toLowerCase(Locale.ROOT))) {
            throw new CimException(CimStatus.INVALID_PARAMETER, "BondMode " + mode + " is not one of " + BOND_MODES);
        }
        Map<String, String> other = has(i, "OtherConfig") ? EmbeddedArgs.keyValues(i.get("OtherConfig")) : Map.of();
        return new SwitchSpec(EmbeddedArgs.str(i.get("ElementName")), has(i, "Description")
                ? text(i.get("Description")) : null, mtu, mode == null ? null : mode.toLowerCase(Locale.ROOT),
                new LinkedHashMap<>(other));
    }

    /** The uplink the host-port settings describe; null when there are none (an internal switch). */
    static Uplink uplink(List<CimInstance> settings) throws CimException {
        if (settings.isEmpty()) {
            return null;
        }
        Set<String> devices = new LinkedHashSet<>();
        Set<Long> tags = new LinkedHashSet<>();
        for (CimInstance s : settings) {
            List<String> conn = connection(s);
            if (conn.isEmpty()) {
                throw new CimException(CimStatus.INVALID_PARAMETER, s.className()
                        + ".Connection must name a host network interface (e.g. eth0)");
            }
            devices.addAll(conn);
            Long tag = has(s, "VlanTag") ? EmbeddedArgs.num(s.get("VlanTag")) : null;
            if (has(s, "VlanTag") && s.get("VlanTag") != null && tag == null) {
                throw new CimException(CimStatus.INVALID_PARAMETER, "VlanTag " + s.get("VlanTag") + " is not a number");
            }
            if (tag != null) {
                tags.add(tag);
            }
        }
        if (tags.size() > 1) {
            throw new CimException(CimStatus.INVALID_PARAMETER, "one switch carries one VLAN; got tags " + tags);
        }
        Long tag = tags.isEmpty() ? null : tags.iterator().next();
        if (tag != null && (tag < 0 || tag > 4094)) {
            throw new CimException(CimStatus.INVALID_PARAMETER, "VlanTag " + tag + " is outside 0..4094");
        }
        if (devices.size() > 1 && tag != null) {
            throw new CimException(CimStatus.INVALID_PARAMETER,
                    "a VlanTag goes with one host interface; to tag a bond, add the VLAN on the bond's switch");
        }
        if (devices.size() == 1 && tag == null) {
            throw new CimException(CimStatus.INVALID_PARAMETER, "host interface " + devices.iterator().next()
                    + " already has its own switch; an external switch on it needs a VlanTag (or name several"
                    + " interfaces to bond them)");
        }
        return new Uplink(List.copyOf(devices), tag);
    }

    static List<String> connection(CimInstance s) {
        List<String> out = new ArrayList<>();
        for (Object o : EmbeddedArgs.list(s.get("Connection"))) {
            for (String part : String.valueOf(o).split(",")) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
        }
        return out;
    }

    static boolean has(CimInstance i, String property) {
        return i.cimClass().property(property) != null && i.get(property) != null;
    }

    private static String text(Object v) {
        return v == null ? null : String.valueOf(v);
    }
}
