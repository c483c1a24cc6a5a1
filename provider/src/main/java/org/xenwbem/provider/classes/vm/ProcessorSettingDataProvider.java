package org.xenwbem.provider.classes.vm;

import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.bridge.VmRecord;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.provider.classes.common.Ids;
import org.xenwbem.provider.classes.common.ProviderContext;

/**
 * {@code Xen_ProcessorSettingData}: one per VM, template and snapshot, InstanceID
 * {@code Xen:<vm uuid>/Processor} (xs-cim {@code proc_rasd_from_vm_rec}). VirtualQuantity is
 * {@code VCPUs_max}, Reservation {@code VCPUs_at_startup}, Weight and Limit the scheduler's
 * {@code VCPUs_params} weight and cap when set, PoolID the host the VM runs on.
 */
public final class ProcessorSettingDataProvider extends VmResourceSettingProvider {
    static final String CLASS = "Xen_ProcessorSettingData";
    static final String DEVICE = "Processor";
    static final long RESOURCE_TYPE = 3;
    static final long VIRTUALIZED = 3;

    ProcessorSettingDataProvider(ProviderContext ctx) {
        super(ctx, CLASS, DEVICE);
    }

    static String instanceId(VmRecord vm) {
        return Ids.device(vm.uuid(), DEVICE);
    }

    @Override
    protected CimInstance build(VmRecord vm, PoolSnapshot s) {
        CimInstance.Builder b = instance()
                .set("InstanceID", id(vm))
                .set("ElementName", vm.nameLabel())
                .set("Caption", VmKind.of(vm).rasdCaption(DEVICE))
                .set("AllocationUnits", "count")
                .set("ResourceType", RESOURCE_TYPE)
                .set("ConsumerVisibility", VIRTUALIZED)
                .set("AutomaticAllocation", true)
                .set("AutomaticDeallocation", true)
                .set("Reservation", vm.vcpusAtStartup())
                .set("VirtualQuantity", vm.vcpusMax());
        if (!vm.residentOnHostUuid().isEmpty()) {
            b.set("PoolID", vm.residentOnHostUuid());
        }
        if (vm.vcpuWeight() >= 0) {
            b.set("Weight", vm.vcpuWeight());
        }
        if (vm.vcpuCap() >= 0) {
            b.set("Limit", vm.vcpuCap());
        }
        return b.build();
    }
}
