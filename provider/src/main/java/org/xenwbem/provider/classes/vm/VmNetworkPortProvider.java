package org.xenwbem.provider.classes.vm;

import java.util.List;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.bridge.VifRecord;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.provider.classes.vm.VmSources.Owned;
import org.xenwbem.provider.classes.common.Ids;
import org.xenwbem.provider.classes.common.ProviderContext;

/**
 * {@code Xen_NetworkPort}: one per VIF of every {@code Xen_ComputerSystem}, DeviceID
 * {@code Xen:<vm uuid>/<vif uuid>}, Name the VIF uuid (xs-cim {@code _set_network_port_properties}):
 * PermanentAddress the MAC, NetworkAddresses the IP the guest agent reports for the slot, Caption and
 * Description the network's name and description.
 */
public final class VmNetworkPortProvider extends VmDeviceProvider<VifRecord> {
    static final String CLASS = "Xen_NetworkPort";
    static final long ETHERNET = 2;

    VmNetworkPortProvider(ProviderContext ctx) {
        super(ctx, CLASS, VIFS, d -> true);
    }

    static String deviceId(Owned<VifRecord> v) {
        return Ids.device(v.vm().uuid(), v.device().uuid());
    }

    @Override
    protected Object[] inputs(Owned<VifRecord> v, PoolSnapshot s) {
        return new Object[] {v.device(), s.network(v.device().networkUuid()).orElse(null), s.guestMetrics(v.vm().uuid()).orElse(null)};
    }

    @Override
    protected CimInstance build(Owned<VifRecord> v, PoolSnapshot s) {
        VifRecord vif = v.device();
        CimInstance.Builder b = VmDevices.keyed(instance(), CLASS, v.vm().uuid(), deviceId(v))
                .set("Name", vif.uuid())
                .set("PermanentAddress", vif.mac())
                .set("LinkTechnology", ETHERNET)
                .set("FullDuplex", true)
                .set("AutoSense", false);
        s.network(vif.networkUuid()).ifPresent(n -> b.set("Caption", n.nameLabel())
                .set("Description", n.nameDescription())
                .set("ElementName", n.nameDescription()));
        s.guestMetrics(v.vm().uuid()).map(g -> g.networks().get(vif.device() + "/ip"))
                .filter(ip -> !ip.isEmpty()).ifPresent(ip -> b.set("NetworkAddresses", List.of(ip)));
        if (vif.mtu() > 0) {
            b.set("SupportedMaximumTransmissionUnit", vif.mtu()).set("ActiveMaximumTransmissionUnit", vif.mtu());
        }
        VmDevices.attachment(b, vif.currentlyAttached());
        return VmDevices.healthy(b).build();
    }
}
