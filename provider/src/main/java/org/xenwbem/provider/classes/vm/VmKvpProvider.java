package org.xenwbem.provider.classes.vm;

import java.util.Map;
import java.util.Optional;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.provider.classes.vm.GuestKvps.Kvp;
import org.xenwbem.provider.classes.common.ProviderContext;

/**
 * {@code Xen_KVP}: one per guest key/value pair of every {@code Xen_ComputerSystem} (see
 * {@link GuestKvps} for where the pairs live), DeviceID {@code Xen:<vm uuid>/<key>}, Name the key,
 * Key, Value and Vm_uuid as the anchor set them (xs-cim {@code Xen_KVP.c}).
 */
public final class VmKvpProvider extends GuestKvpProvider {
    public static final String CLASS = "Xen_KVP";

    public VmKvpProvider(ProviderContext ctx) {
        super(ctx, CLASS, VmSources.SYSTEMS);
    }

    @Override
    protected Optional<Kvp> lookup(Map<String, Object> keys, PoolSnapshot s) {
        if (!VmDevices.keysAgree(keys, CLASS)) {
            return Optional.empty();
        }
        return GuestKvps.byId(s, VmRefs.key(keys, "DeviceID"), which);
    }

    @Override
    protected CimInstance build(Kvp k, PoolSnapshot s) {
        CimInstance.Builder b = VmDevices.keyed(instance(), CLASS, k.vm().uuid(), GuestKvps.id(k))
                .set("Name", k.key())
                .set("Key", k.key())
                .set("Value", k.value())
                .set("Vm_uuid", k.vm().uuid())
                .set("ElementName", k.key())
                .set("Caption", "Xen guest key/value pair");
        return VmDevices.healthy(b).build();
    }
}
