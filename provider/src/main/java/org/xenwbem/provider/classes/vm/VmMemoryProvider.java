package org.xenwbem.provider.classes.vm;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.bridge.VmRecord;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.provider.classes.common.CimStates;
import org.xenwbem.provider.classes.common.Ids;
import org.xenwbem.provider.classes.common.MemoizedProvider;
import org.xenwbem.provider.classes.common.ProviderContext;

/**
 * {@code Xen_Memory}: one per {@code Xen_ComputerSystem}, DeviceID {@code Xen:<vm uuid>/Memory} (xs-cim
 * {@code memory_set_properties}): blocks of one byte, NumberOfBlocks {@code memory_dynamic_max},
 * ConsumableBlocks {@code VM_metrics.memory_actual}.
 */
public final class VmMemoryProvider extends MemoizedProvider<VmRecord> {
    static final String CLASS = "Xen_Memory";
    static final long ACCESS_READ_WRITE = 3;
    static final long FIXED_BLOCK = 2;

    VmMemoryProvider(ProviderContext ctx) {
        super(ctx, CLASS);
    }

    static String deviceId(VmRecord vm) {
        return Ids.device(vm.uuid(), MemorySettingDataProvider.DEVICE);
    }

    @Override
    protected Collection<VmRecord> records(PoolSnapshot s) {
        return VmSources.vms(s, VmSources.SYSTEMS);
    }

    @Override
    protected boolean hasLookup() {
        return true;
    }

    @Override
    protected Optional<VmRecord> lookup(Map<String, Object> keys, PoolSnapshot s) {
        String id = VmRefs.key(keys, "DeviceID");
        if (!VmDevices.keysAgree(keys, CLASS)) {
            return Optional.empty();
        }
        return VmSources.vm(s, id, VmSources.SYSTEMS).filter(vm -> deviceId(vm).equals(id));
    }

    @Override
    protected String memoKey(VmRecord vm) {
        return deviceId(vm);
    }

    @Override
    protected Object[] inputs(VmRecord vm, PoolSnapshot s) {
        return new Object[] {vm};
    }

    @Override
    protected CimInstance build(VmRecord vm, PoolSnapshot s) {
        CimInstance.Builder b = VmDevices.keyed(instance(), CLASS, vm.uuid(), deviceId(vm))
                .set("Caption", "Xen Memory")
                .set("Description", "Xen Virtual Memory")
                .set("ElementName", vm.nameLabel())
                .set("Name", vm.uuid())
                .set("Purpose", "Xen Memory")
                .set("Access", ACCESS_READ_WRITE)
                .set("BlockSize", 1L)
                .set("NumberOfBlocks", vm.memoryDynamicMax())
                .set("ConsumableBlocks", vm.metrics().memoryActual())
                .set("StartingAddress", 0L)
                .set("EndingAddress", vm.memoryDynamicMax())
                .set("DataOrganization", FIXED_BLOCK)
                .set("EnabledDefault", CimStates.ENABLED)
                .set("EnabledState", VmDevices.NOT_APPLICABLE)
                .set("Primordial", true)
                .set("Volatile", true)
                .set("StatusDescriptions", List.of(VmDevices.OK));
        return VmDevices.healthy(b).build();
    }
}
