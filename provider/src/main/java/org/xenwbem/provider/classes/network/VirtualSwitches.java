package org.xenwbem.provider.classes.network;

import java.util.List;
import java.util.Optional;
import org.xenwbem.bridge.BondRecord;
import org.xenwbem.bridge.NetworkRecord;
import org.xenwbem.bridge.PifRecord;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.provider.classes.common.CimStates;
import org.xenwbem.provider.classes.common.Ids;
import org.xenwbem.provider.classes.common.ProviderContext;
import org.xenwbem.provider.cimom.InstanceProvider;
import org.xenwbem.provider.classes.host.HostNetworkPorts;
import org.xenwbem.provider.classes.common.Mapped;
import org.xenwbem.provider.classes.common.Paths;
import org.xenwbem.provider.classes.common.Values;

/**
 * Networks as virtual switches (anchor {@code Xen_VirtualSwitch.c}): {@code Xen_VirtualSwitch}, a
 * CIM_ComputerSystem named by the network uuid, and its {@code Xen_VirtualSwitchSettingData}
 * {@code Xen:<network>}. The ports on a switch are {@link SwitchPorts}.
 */
public final class VirtualSwitches {
    private VirtualSwitches() {
    }

    /** {@code Xen_VirtualSwitch} and {@code Xen_VirtualSwitchSettingData}. */
    public static List<InstanceProvider> all(ProviderContext pc) {
        return List.of(
                Mapped.of(pc, Paths.SWITCH_CLASS, PoolSnapshot::networks, VirtualSwitches::virtualSwitch)
                        .withLookup((k, s) -> s.network(Values.text(k, "Name"))),
                Mapped.of(pc, "Xen_VirtualSwitchSettingData", PoolSnapshot::networks, VirtualSwitches::settings)
                        .withLookup((k, s) -> s.network(String.valueOf(Ids.owner(k.get("InstanceID"))))));
    }

    private static boolean virtualSwitch(NetworkRecord n, PoolSnapshot s, CimInstance.Builder b) {
        Paths.keyed(b, Paths.virtualSwitch(n.uuid()))
                .set("InstanceID", Ids.system(n.uuid()))
                .set("Caption", "Xen Virtual Ethernet Switch")
                .set("ElementName", n.nameLabel())
                .set("Description", n.nameDescription())
                .set("Dedicated", List.of(5L))
                .set("EnabledState", CimStates.ENABLED)
                .set("HealthState", CimStates.HEALTH_OK)
                .set("OperationalStatus", List.of(CimStates.OP_OK))
                .set("CommunicationStatus", HostNetworkPorts.COMM_OK);
        return true;
    }

    /**
     * Shared = the network has a PIF on every host; HostInterface / VLAN from its first PIF; MTU the
     * network's, BondMode that of its bonds (the switch service sets both).
     */
    private static boolean settings(NetworkRecord n, PoolSnapshot s, CimInstance.Builder b) {
        Optional<PifRecord> first = n.pifUuids().isEmpty() ? Optional.empty() : s.pif(n.pifUuids().get(0));
        b.set("InstanceID", Ids.system(n.uuid()))
                .set("Caption", "Xen Virtual Ethernet Switch Settings")
                .set("ElementName", n.nameLabel())
                .set("Description", n.nameDescription())
                .set("VirtualSystemIdentifier", n.uuid())
                .set("VirtualSystemType", "DMTF:Virtual Ethernet Switch")
                .set("AssociatedResourcePool", List.of(n.uuid()))
                .set("Shared", !n.pifUuids().isEmpty() && n.pifUuids().size() == s.hosts().size())
                .set("Bridge", n.bridge())
                .set("HostInterface", first.map(PifRecord::device).orElse(null))
                .set("VLANConnection", first.filter(p -> p.vlan() >= 0).map(p -> List.of(Long.toString(p.vlan())))
                        .orElse(null))
                .set("OtherConfig", n.otherConfig().isEmpty() ? null : Values.keyValues(n.otherConfig()))
                .set("MTU", n.mtu())
                .set("BondMode", s.bonds().stream().filter(bd -> n.pifUuids().contains(bd.masterPifUuid()))
                        .map(BondRecord::mode).findFirst().orElse(null));
        return true;
    }
}
