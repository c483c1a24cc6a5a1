package org.xenwbem.provider.classes.network;

import java.util.List;
import java.util.Optional;
import org.xenwbem.bridge.NetworkRecord;
import org.xenwbem.bridge.PifRecord;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.bridge.VifRecord;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.provider.classes.common.CimStates;
import org.xenwbem.provider.classes.common.Ids;
import org.xenwbem.provider.classes.common.ProviderContext;
import org.xenwbem.provider.cimom.InstanceProvider;
import org.xenwbem.provider.classes.host.HostDeviceProviders;
import org.xenwbem.provider.classes.common.Mapped;
import org.xenwbem.provider.classes.common.Paths;
import org.xenwbem.provider.classes.common.Values;

/**
 * Networks as virtual switches (anchor {@code Xen_VirtualSwitch.c}: a CIM_ComputerSystem named by the
 * network uuid, with settings {@code Xen:<network>}) and, per VIF of a VM, the switch port and the
 * LAN endpoints on both sides of the connection.
 */
public final class SwitchProviders {
    /** IANA ifType ethernetCsmacd, as CIM_LANEndpoint.ProtocolIFType. */
    static final long IF_ETHERNET = 6;

    private SwitchProviders() {
    }

    public static List<InstanceProvider> all(ProviderContext pc) {
        return List.of(
                Mapped.of(pc, Paths.SWITCH_CLASS, PoolSnapshot::networks, SwitchProviders::virtualSwitch)
                        .withLookup((k, s) -> s.network(Values.text(k, "Name"))),
                Mapped.of(pc, "Xen_VirtualSwitchSettingData", PoolSnapshot::networks, SwitchProviders::settings)
                        .withLookup((k, s) -> s.network(String.valueOf(Ids.owner(k.get("InstanceID"))))),
                Mapped.of(pc, "Xen_VirtualSwitchPort", SwitchProviders::vifs, SwitchProviders::port),
                Mapped.of(pc, "Xen_VirtualSwitchLANEndpoint", SwitchProviders::vifs, SwitchProviders::switchEndpoint),
                Mapped.of(pc, "Xen_ComputerSystemLANEndpoint", SwitchProviders::vifs, SwitchProviders::vmEndpoint));
    }

    /** The VIFs of VMs that are systems (not of templates or snapshots). */
    public static List<VifRecord> vifs(PoolSnapshot s) {
        return s.vifs().stream().filter(v -> s.vm(v.vmUuid()).filter(m -> !m.isATemplate() && !m.isASnapshot())
                .isPresent()).toList();
    }

    private static boolean virtualSwitch(NetworkRecord n, PoolSnapshot s, CimInstance.Builder b) {
        b.set("CreationClassName", Paths.SWITCH_CLASS).set("Name", n.uuid())
                .set("InstanceID", Ids.system(n.uuid()))
                .set("Caption", "Xen Virtual Ethernet Switch")
                .set("ElementName", n.nameLabel())
                .set("Description", n.nameDescription())
                .set("Dedicated", List.of(5L))
                .set("EnabledState", CimStates.ENABLED)
                .set("HealthState", CimStates.HEALTH_OK)
                .set("OperationalStatus", List.of(CimStates.OP_OK))
                .set("CommunicationStatus", HostDeviceProviders.COMM_OK);
        return true;
    }

    /** Shared = the network has a PIF on every host; HostInterface / VLAN from its first PIF. */
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
                .set("OtherConfig", n.otherConfig().isEmpty() ? null : Values.keyValues(n.otherConfig()));
        return true;
    }

    private static boolean port(VifRecord v, PoolSnapshot s, CimInstance.Builder b) {
        b.set("SystemCreationClassName", Paths.SWITCH_CLASS).set("SystemName", v.networkUuid())
                .set("CreationClassName", "Xen_VirtualSwitchPort").set("DeviceID", Ids.device(v.networkUuid(), v.uuid()))
                .set("Caption", "Xen Virtual Switch Port")
                .set("ElementName", v.device())
                .set("Name", v.uuid())
                .set("PermanentAddress", v.mac())
                .set("LinkTechnology", HostDeviceProviders.LINK_ETHERNET)
                .set("SupportedMaximumTransmissionUnit", v.mtu())
                .set("EnabledState", v.currentlyAttached() ? CimStates.ENABLED : CimStates.DISABLED)
                .set("HealthState", CimStates.HEALTH_OK);
        return true;
    }

    private static boolean switchEndpoint(VifRecord v, PoolSnapshot s, CimInstance.Builder b) {
        b.set("SystemCreationClassName", Paths.SWITCH_CLASS).set("SystemName", v.networkUuid())
                .set("CreationClassName", "Xen_VirtualSwitchLANEndpoint")
                .set("Name", Ids.device(v.networkUuid(), v.uuid()));
        return endpoint(v, s, b.set("Caption", "Xen Virtual Switch LAN Endpoint"));
    }

    private static boolean vmEndpoint(VifRecord v, PoolSnapshot s, CimInstance.Builder b) {
        b.set("SystemCreationClassName", Paths.VM_CLASS).set("SystemName", v.vmUuid())
                .set("CreationClassName", "Xen_ComputerSystemLANEndpoint")
                .set("Name", Ids.device(v.vmUuid(), v.uuid()));
        return endpoint(v, s, b.set("Caption", "Xen Computer System LAN Endpoint"));
    }

    private static boolean endpoint(VifRecord v, PoolSnapshot s, CimInstance.Builder b) {
        b.set("ElementName", v.device())
                .set("MACAddress", v.mac())
                .set("LANID", v.networkUuid())
                .set("ProtocolIFType", IF_ETHERNET)
                .set("MaxDataSize", v.mtu())
                .set("EnabledState", v.currentlyAttached() ? CimStates.ENABLED : CimStates.DISABLED)
                .set("HealthState", CimStates.HEALTH_OK);
        return true;
    }
}
