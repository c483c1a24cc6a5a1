package org.xenwbem.provider.classes.network;

import java.util.List;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.bridge.VifRecord;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.provider.classes.common.CimStates;
import org.xenwbem.provider.classes.common.Mapped;
import org.xenwbem.provider.classes.common.Paths;
import org.xenwbem.provider.classes.common.ProviderContext;
import org.xenwbem.provider.classes.host.HostNetworkPorts;
import org.xenwbem.provider.cimom.InstanceProvider;

/**
 * Per VIF of a VM, the switch side of the connection (anchor {@code Xen_VirtualSwitchPort.c},
 * {@code Xen_LANEndpoint.c}): {@code Xen_VirtualSwitchPort} (DeviceID {@code Xen:<network>/<vif>}) and
 * the LAN endpoints on both sides, {@code Xen_VirtualSwitchLANEndpoint} and
 * {@code Xen_ComputerSystemLANEndpoint}.
 */
public final class SwitchPorts {
    /** IANA ifType ethernetCsmacd, as CIM_LANEndpoint.ProtocolIFType. */
    static final long IF_ETHERNET = 6;

    private SwitchPorts() {
    }

    public static List<InstanceProvider> all(ProviderContext pc) {
        return List.of(
                Mapped.of(pc, "Xen_VirtualSwitchPort", SwitchPorts::vifs, SwitchPorts::port),
                Mapped.of(pc, "Xen_VirtualSwitchLANEndpoint", SwitchPorts::vifs, SwitchPorts::switchEndpoint),
                Mapped.of(pc, "Xen_ComputerSystemLANEndpoint", SwitchPorts::vifs, SwitchPorts::vmEndpoint));
    }

    /** The VIFs of VMs that are systems (not of templates or snapshots). */
    public static List<VifRecord> vifs(PoolSnapshot s) {
        return s.vifs().stream().filter(v -> s.vm(v.vmUuid()).filter(m -> !m.isATemplate() && !m.isASnapshot())
                .isPresent()).toList();
    }

    private static boolean port(VifRecord v, PoolSnapshot s, CimInstance.Builder b) {
        Paths.keyed(b, Paths.switchPort(v.networkUuid(), v.uuid()))
                .set("Caption", "Xen Virtual Switch Port")
                .set("ElementName", v.device())
                .set("Name", v.uuid())
                .set("PermanentAddress", v.mac())
                .set("LinkTechnology", HostNetworkPorts.LINK_ETHERNET)
                .set("SupportedMaximumTransmissionUnit", v.mtu())
                .set("EnabledState", v.currentlyAttached() ? CimStates.ENABLED : CimStates.DISABLED)
                .set("HealthState", CimStates.HEALTH_OK);
        return true;
    }
    private static boolean switchEndpoint(VifRecord v, PoolSnapshot s, CimInstance.Builder b) {
        Paths.keyed(b, Paths.switchEndpoint(v.networkUuid(), v.uuid()));
        return endpoint(v, s, b.set("Caption", "Xen Virtual Switch LAN Endpoint"));
    }

    private static boolean vmEndpoint(VifRecord v, PoolSnapshot s, CimInstance.Builder b) {
        Paths.keyed(b, Paths.vmEndpoint(v.vmUuid(), v.uuid()));
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
