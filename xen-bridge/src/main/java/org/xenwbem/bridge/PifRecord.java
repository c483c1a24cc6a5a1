package org.xenwbem.bridge;

import java.util.List;
import java.util.Map;

/**
 * A XenAPI {@code PIF}: a host's network interface (physical NIC, bond master or VLAN interface).
 * {@code vlan} is -1 when the PIF is not a VLAN. {@code ipConfigurationMode} is None, DHCP or Static.
 * {@code bondSlaveOfUuid} and {@code vlanMasterOfUuid} are "" when not applicable.
 */
public record PifRecord(String uuid, String hostUuid, String networkUuid, String device, String mac, long mtu,
                        long vlan, boolean physical, boolean currentlyAttached, String ipConfigurationMode,
                        String ip, String netmask, String gateway, String dns, boolean management,
                        String bondSlaveOfUuid, List<String> bondMasterOfUuids, String vlanMasterOfUuid,
                        Map<String, String> otherConfig) {
    public PifRecord {
        bondMasterOfUuids = List.copyOf(bondMasterOfUuids);
        otherConfig = Map.copyOf(otherConfig);
    }
}
