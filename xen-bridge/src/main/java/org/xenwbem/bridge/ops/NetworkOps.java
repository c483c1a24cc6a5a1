package org.xenwbem.bridge.ops;

import java.util.List;
import java.util.Map;

/**
 * Networks (virtual switches), VLANs, bonds and host interfaces (XenAPI network, VLAN, Bond, PIF), by
 * uuid; refs never leave this package. Names and descriptions go through {@link FieldOps}.
 */
public interface NetworkOps {
    /** network.create; returns the new network's uuid. */
    String createNetwork(String name, String description, long mtu, Map<String, String> otherConfig)
            throws XenFailure;

    /** network.destroy: NETWORK_CONTAINS_VIF while a VIF on it is attached, NETWORK_CONTAINS_PIF while it has PIFs. */
    void destroyNetwork(String network) throws XenFailure;

    void setMtu(String network, long mtu) throws XenFailure;

    /** VLAN.create on the host interface {@code taggedPif}; returns the VLAN's uuid. */
    String createVlan(String taggedPif, long tag, String network) throws XenFailure;

    void destroyVlan(String vlan) throws XenFailure;

    /** Bond.create of {@code members} (PIF uuids of one host) with {@code mode}; returns the bond's uuid. */
    String createBond(String network, List<String> members, String mode) throws XenFailure;

    void destroyBond(String bond) throws XenFailure;

    void setBondMode(String bond, String mode) throws XenFailure;

    /** PIF.reconfigure_ip: mode None, DHCP or Static with the addresses. */
    void reconfigureIp(String pif, String mode, String ip, String netmask, String gateway, String dns)
            throws XenFailure;

    void plugPif(String pif) throws XenFailure;

    void unplugPif(String pif) throws XenFailure;
}
