package org.xenwbem.provider.classes.network;

import java.util.ArrayList;
import java.util.List;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.provider.classes.common.Link;
import org.xenwbem.provider.classes.common.Paths;
import org.xenwbem.provider.classes.common.ProviderContext;
import org.xenwbem.provider.cimom.InstanceProvider;

/**
 * The associations of the switch port of each VIF (anchor §4.7): allocated from the network's
 * connection pool (the port and its RASD), hosting the VM's network port, a component of its virtual
 * switch, implemented by the LAN endpoints on both sides, and the active connection between them.
 */
public final class SwitchPortLinks {
    private SwitchPortLinks() {
    }

    /** The port's place: pool, host VM device, switch, service access points, active connection. */
    public static List<InstanceProvider> all(ProviderContext pc) {
        return List.of(
                Link.dependency(pc, "Xen_NetworkPortAllocatedFromPool", s -> vifPairs(s, false)),
                Link.dependency(pc, "Xen_NetworkPortSettingAllocationFromPool", s -> vifPairs(s, true)),
                Link.dependency(pc, "Xen_HostedNetworkPort", s -> SwitchPorts.vifs(s).stream().map(v -> new Link.Pair(
                        Paths.switchPort(v.networkUuid(), v.uuid()), Paths.vmDevice("Xen_NetworkPort", v.vmUuid(), v.uuid())))
                        .toList()),
                Link.component(pc, "Xen_VirtualSwitchVirtualSwitchPort", s -> SwitchPorts.vifs(s).stream().map(v ->
                        new Link.Pair(Paths.virtualSwitch(v.networkUuid()), Paths.switchPort(v.networkUuid(), v.uuid())))
                        .toList()),
                Link.dependency(pc, "Xen_VirtualSwitchPortSAPImplementation", s -> SwitchPorts.vifs(s).stream()
                        .map(v -> new Link.Pair(Paths.switchPort(v.networkUuid(), v.uuid()),
                                Paths.switchEndpoint(v.networkUuid(), v.uuid()))).toList()),
                Link.dependency(pc, "Xen_NetworkPortSAPImplementation", s -> SwitchPorts.vifs(s).stream()
                        .map(v -> new Link.Pair(Paths.vmDevice("Xen_NetworkPort", v.vmUuid(), v.uuid()),
                                Paths.vmEndpoint(v.vmUuid(), v.uuid()))).toList()),
                Link.dependency(pc, "Xen_ActiveConnection", s -> SwitchPorts.vifs(s).stream()
                        .map(v -> new Link.Pair(Paths.vmEndpoint(v.vmUuid(), v.uuid()),
                                Paths.switchEndpoint(v.networkUuid(), v.uuid()))).toList()));
    }

    /** Network connection pool ↔ each VIF's port (or its RASD). */
    private static List<Link.Pair> vifPairs(PoolSnapshot s, boolean settings) {
        List<Link.Pair> out = new ArrayList<>();
        SwitchPorts.vifs(s).forEach(v -> s.network(v.networkUuid()).ifPresent(n -> out.add(new Link.Pair(
                Paths.networkPool(n, s), settings ? Paths.rasd("Xen_NetworkPortSettingData", v.vmUuid(), v.uuid())
                : Paths.vmDevice("Xen_NetworkPort", v.vmUuid(), v.uuid())))));
        return out;
    }
}
