package org.xenwbem.provider.classes.host;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.xenwbem.bridge.PifRecord;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.provider.classes.common.CimStates;
import org.xenwbem.provider.classes.common.Ids;
import org.xenwbem.provider.classes.common.ProviderContext;
import org.xenwbem.provider.cimom.InstanceProvider;
import org.xenwbem.provider.classes.common.Mapped;
import org.xenwbem.provider.classes.common.Paths;
import org.xenwbem.provider.classes.common.Values;

/**
 * Host NICs: {@code Xen_HostNetworkPort} and its {@code Xen_HostNetworkPortSettingData}, one per PIF
 * (anchor {@code Xen_HostNetworkPort.c}), DeviceID/InstanceID {@code Xen:<host>/<pif>}. Bond slaves
 * are hidden from both the ports and their settings, as the anchor did for SCVMM.
 */
public final class HostNetworkPorts {
    public static final long LINK_ETHERNET = 2;
    public static final long COMM_OK = 2;
    static final long COMM_NOT_AVAILABLE = 1;

    private HostNetworkPorts() {
    }

    /** {@code Xen_HostNetworkPort} and {@code Xen_HostNetworkPortSettingData}. */
    public static List<InstanceProvider> all(ProviderContext pc) {
        return List.of(
                Mapped.of(pc, "Xen_HostNetworkPort", HostNetworkPorts::visiblePifs, HostNetworkPorts::port)
                        .withLookup(HostNetworkPorts::pifByDeviceId),
                Mapped.of(pc, "Xen_HostNetworkPortSettingData", HostNetworkPorts::visiblePifs,
                        HostNetworkPorts::portSettings).withLookup(HostNetworkPorts::pifByInstanceId));
    }

    /** Every PIF but bond slaves, host by host. */
    public static List<PifRecord> visiblePifs(PoolSnapshot s) {
        return s.pifs().stream().filter(p -> p.bondSlaveOfUuid().isEmpty()).toList();
    }

    private static Optional<PifRecord> pifByDeviceId(Map<String, Object> keys, PoolSnapshot s) {
        return visible(s, Ids.devicePart(keys.get("DeviceID")));
    }

    private static Optional<PifRecord> pifByInstanceId(Map<String, Object> keys, PoolSnapshot s) {
        return visible(s, Ids.devicePart(keys.get("InstanceID")));
    }

    private static Optional<PifRecord> visible(PoolSnapshot s, String pifUuid) {
        return pifUuid == null ? Optional.empty() : s.pif(pifUuid).filter(p -> p.bondSlaveOfUuid().isEmpty());
    }

    /** Anchor network_port_set_properties; PIF_metrics (speed, carrier, vendor) are not mirrored. */
    private static boolean port(PifRecord p, PoolSnapshot s, CimInstance.Builder b) {
        Paths.keyed(b, Paths.hostNetworkPort(p.hostUuid(), p.uuid()))
                .set("Caption", "Xen Host Physical Interface port")
                .set("Name", p.device())
                .set("ElementName", p.device())
                .set("PermanentAddress", p.mac())
                .set("NetworkAddresses", p.ip().isEmpty() ? List.of() : List.of(p.ip()))
                .set("SupportedMaximumTransmissionUnit", p.mtu())
                .set("ActiveMaximumTransmissionUnit", p.mtu())
                .set("LinkTechnology", LINK_ETHERNET)
                .set("CommunicationStatus", p.currentlyAttached() ? COMM_OK : COMM_NOT_AVAILABLE)
                .set("EnabledState", p.currentlyAttached() ? CimStates.ENABLED : CimStates.DISABLED)
                .set("HealthState", CimStates.HEALTH_OK);
        return true;
    }

    /** Anchor rasd_set_properties: the PIF's VLAN, switch and IP configuration. */
    private static boolean portSettings(PifRecord p, PoolSnapshot s, CimInstance.Builder b) {
        Paths.keyed(b, Paths.hostNetworkPortSettings(p.hostUuid(), p.uuid()))
                .set("Caption", "Active Virtualization Settings of a Xen Host Network Port")
                .set("ElementName", p.hostUuid())
                .set("PoolID", p.hostUuid())
                .set("ResourceType", 10L)
                .set("AllocationUnits", "count")
                .set("VirtualQuantity", 1L)
                .set("VirtualQuantityUnits", "count")
                .set("ConsumerVisibility", 3L)
                .set("Address", p.mac())
                .set("Connection", List.of(p.device()))
                .set("VlanTag", p.vlan() < 0 ? null : p.vlan())
                .set("VirtualSwitch", Values.orNull(p.networkUuid()))
                .set("IPConfigurationMode", ipMode(p.ipConfigurationMode()))
                .set("IPAddress", Values.orNull(p.ip()))
                .set("IPSubnetMask", Values.orNull(p.netmask()))
                .set("IPGateway", Values.orNull(p.gateway()))
                .set("DNS", Values.orNull(p.dns()))
                .set("Management", p.management())
                .set("ManagementPurpose", p.otherConfig().get("management_purpose"));
        return true;
    }

    /** XenAPI ip_configuration_mode → the MOF's {None, DHCP, Static, Unknown}. */
    public static long ipMode(String mode) {
        return switch (mode == null ? "" : mode.toLowerCase(Locale.ROOT)) {
            case "none" -> 0L;
            case "dhcp" -> 1L;
            case "static" -> 2L;
            default -> 3L;
        };
    }
}
