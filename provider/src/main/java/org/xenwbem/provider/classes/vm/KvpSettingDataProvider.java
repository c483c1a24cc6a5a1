package org.xenwbem.provider.classes.vm;

import java.util.Map;
import java.util.Optional;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.provider.classes.vm.GuestKvps.Kvp;
import org.xenwbem.provider.classes.common.ProviderContext;

/**
 * {@code Xen_KVPSettingData}: one per guest key/value pair of every VM, template and snapshot (the
 * pairs are part of the VM's configuration, copied with it), InstanceID {@code Xen:<vm uuid>/<key>}
 * (xs-cim {@code kvp_rasd_create_ref}), with key, value and VM_ID. ResourceType is 40000, the
 * vendor-reserved value the anchor's clients send to add a pair (the anchor's own listing reused the
 * console's 24, which would make a pair look like a graphics controller).
 */
public final class KvpSettingDataProvider extends GuestKvpProvider {
    public static final String CLASS = "Xen_KVPSettingData";
    static final long RESOURCE_TYPE = 40000;

    public KvpSettingDataProvider(ProviderContext ctx) {
        super(ctx, CLASS, VmSources.ANY);
    }

    @Override
    protected Optional<Kvp> lookup(Map<String, Object> keys, PoolSnapshot s) {
        return GuestKvps.byId(s, VmRefs.key(keys, "InstanceID"), which);
    }

    @Override
    protected CimInstance build(Kvp k, PoolSnapshot s) {
        return VmDevices.oneCounted(instance()
                .set("InstanceID", GuestKvps.id(k))
                .set("Caption", "Xen KVP Settings")
                .set("Description", k.vm().nameDescription())
                .set("ElementName", k.vm().nameLabel())
                .set("ResourceType", RESOURCE_TYPE)
                .set("OtherResourceType", "Guest key/value pair")
                .set("ConsumerVisibility", ConsoleSettingDataProvider.VIRTUALIZED))
                .set("key", k.key())
                .set("value", k.value())
                .set("VM_ID", k.vm().uuid())
                .build();
    }
}
