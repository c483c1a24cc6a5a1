package org.xenwbem.provider.classes.vm;

import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.bridge.VmRecord;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.provider.classes.common.Ids;
import org.xenwbem.provider.classes.common.ProviderContext;

/**
 * {@code Xen_MemorySettingData}: one per VM, template and snapshot, InstanceID {@code Xen:<vm uuid>/Memory}
 * (xs-cim {@code memory_rasd_from_vm_rec}), in MiB rounded up (at least 1): Reservation
 * {@code memory_dynamic_min}, VirtualQuantity the memory the domain has ({@code VM_metrics.memory_actual},
 * {@code memory_static_max} when unknown), Limit {@code memory_dynamic_max}.
 */
public final class MemorySettingDataProvider extends VmResourceSettingProvider {
    static final String CLASS = "Xen_MemorySettingData";
    static final String DEVICE = "Memory";
    static final String UNITS = "byte*2^20";
    static final long RESOURCE_TYPE = 4;
    static final long PASSED_THROUGH = 2;
    static final long MIB = 1L << 20;

    MemorySettingDataProvider(ProviderContext ctx) {
        super(ctx, CLASS, DEVICE);
    }

    static String instanceId(VmRecord vm) {
        return Ids.device(vm.uuid(), DEVICE);
    }

    /** Bytes to MiB, rounded up, never below 1 (the anchor's {@code round_memory}). */
    static long mib(long bytes) {
        return bytes <= MIB ? 1 : (bytes + MIB - 1) / MIB;
    }

    /** The memory the domain has: memory_actual, or static max when the metrics do not know. */
    static long actualBytes(VmRecord vm) {
        long actual = vm.metrics().memoryActual();
        return actual == 0 ? vm.memoryStaticMax() : actual;
    }

    @Override
    protected CimInstance build(VmRecord vm, PoolSnapshot s) {
        return instance()
                .set("InstanceID", id(vm))
                .set("Caption", VmKind.of(vm).rasdCaption(DEVICE))
                .set("ElementName", vm.nameLabel())
                .set("ResourceType", RESOURCE_TYPE)
                .set("ConsumerVisibility", PASSED_THROUGH)
                .set("Reservation", mib(vm.memoryDynamicMin()))
                .set("VirtualQuantity", mib(actualBytes(vm)))
                .set("Limit", mib(vm.memoryDynamicMax()))
                .set("AllocationUnits", UNITS)
                .set("VirtualQuantityUnits", UNITS)
                .set("AutomaticAllocation", true)
                .set("AutomaticDeallocation", true)
                .build();
    }
}
