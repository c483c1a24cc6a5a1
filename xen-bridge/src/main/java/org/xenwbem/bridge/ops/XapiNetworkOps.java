package org.xenwbem.bridge.ops;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@link NetworkOps} over a user's session. */
final class XapiNetworkOps implements NetworkOps {
    private static final String NETWORK = "network";
    private static final String PIF = "PIF";

    private final Calls c;

    XapiNetworkOps(Calls c) {
        this.c = c;
    }

    @Override
    public String createNetwork(String name, String description, long mtu, Map<String, String> otherConfig)
            throws XenFailure {
        Map<String, Object> rec = new HashMap<>();
        rec.put("name_label", name);
        rec.put("name_description", description);
        rec.put("MTU", Long.toString(mtu));
        rec.put("other_config", new HashMap<>(otherConfig));
        rec.put("tags", List.of());
        return c.create(NETWORK, rec);
    }

    @Override
    public void destroyNetwork(String network) throws XenFailure {
        c.call("network.destroy", c.ref(NETWORK, network));
    }

    @Override
    public void setMtu(String network, long mtu) throws XenFailure {
        c.call("network.set_MTU", c.ref(NETWORK, network), Long.toString(mtu));
    }

    @Override
    public String createVlan(String taggedPif, long tag, String network) throws XenFailure {
        Object vlan = c.call("VLAN.create", c.ref(PIF, taggedPif), Long.toString(tag), c.ref(NETWORK, network));
        return c.uuidOf("VLAN", String.valueOf(vlan));
    }

    @Override
    public void destroyVlan(String vlan) throws XenFailure {
        c.call("VLAN.destroy", c.ref("VLAN", vlan));
    }

    @Override
    public String createBond(String network, List<String> members, String mode) throws XenFailure {
        List<String> refs = new ArrayList<>();
        for (String m : members) {
            refs.add(c.ref(PIF, m));
        }
        Object bond = c.call("Bond.create", c.ref(NETWORK, network), refs, "", mode, Map.of());
        return c.uuidOf("Bond", String.valueOf(bond));
    }

    @Override
    public void destroyBond(String bond) throws XenFailure {
        c.call("Bond.destroy", c.ref("Bond", bond));
    }

    @Override
    public void setBondMode(String bond, String mode) throws XenFailure {
        c.call("Bond.set_mode", c.ref("Bond", bond), mode);
    }

    @Override
    public void reconfigureIp(String pif, String mode, String ip, String netmask, String gateway, String dns)
            throws XenFailure {
        c.call("PIF.reconfigure_ip", c.ref(PIF, pif), mode, ip, netmask, gateway, dns);
    }

    @Override
    public void plugPif(String pif) throws XenFailure {
        c.call("PIF.plug", c.ref(PIF, pif));
    }

    @Override
    public void unplugPif(String pif) throws XenFailure {
        c.call("PIF.unplug", c.ref(PIF, pif));
    }
}
