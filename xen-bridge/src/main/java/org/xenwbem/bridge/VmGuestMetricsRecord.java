package org.xenwbem.bridge;

import java.util.Map;

/**
 * A XenAPI {@code VM_guest_metrics}: what the guest agent reports. {@code networks} maps e.g.
 * {@code "0/ip"} to an address. {@code canUseHotplugVbd}/{@code Vif} are yes, no or unspecified.
 */
public record VmGuestMetricsRecord(String uuid, Map<String, String> osVersion, Map<String, String> pvDriversVersion,
                                   boolean pvDriversUpToDate, boolean pvDriversDetected,
                                   Map<String, String> networks, Map<String, String> other, boolean live,
                                   String canUseHotplugVbd, String canUseHotplugVif) {
    public VmGuestMetricsRecord {
        osVersion = Map.copyOf(osVersion);
        pvDriversVersion = Map.copyOf(pvDriversVersion);
        networks = Map.copyOf(networks);
        other = Map.copyOf(other);
    }
}
