package org.xenwbem.provider.classes.storage;

import java.util.ArrayList;
import java.util.List;
import org.xenwbem.provider.cimom.InstanceProvider;
import org.xenwbem.provider.classes.common.HostServices;
import org.xenwbem.provider.classes.common.ProviderContext;

/** The registry of the storage family: its instance providers, then its association providers. */
public final class StorageProviders {
    public static final String SERVICE_CLASS = "Xen_StoragePoolManagementService";
    /** The anchor's {@code Xen_StoragePoolManagementService} (Name and caption as it set them). */
    public static final HostServices.Service SERVICE = new HostServices.Service(SERVICE_CLASS,
            "XenServer SR Management Service", "XenServer SR Management Service");

    private StorageProviders() {
    }

    public static List<InstanceProvider> instances(ProviderContext pc) {
        List<InstanceProvider> out = new ArrayList<>();
        out.add(HostServices.provider(pc, SERVICE, (h, b) -> { }));
        out.add(StoragePools.provider(pc));
        out.add(DiskImages.provider(pc));
        out.addAll(StorageCapabilities.instances(pc));
        return out;
    }

    public static List<InstanceProvider> links(ProviderContext pc) {
        List<InstanceProvider> out = new ArrayList<>(StorageAssociations.all(pc));
        out.addAll(StorageCapabilities.links(pc));
        return out;
    }
}
