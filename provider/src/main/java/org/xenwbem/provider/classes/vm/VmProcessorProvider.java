package org.xenwbem.provider.classes.vm;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import org.xenwbem.bridge.HostCpuRecord;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.bridge.VmRecord;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.provider.classes.vm.VmSources.Vcpu;
import org.xenwbem.provider.classes.common.CimStates;
import org.xenwbem.provider.classes.common.Ids;
import org.xenwbem.provider.classes.common.MemoizedProvider;
import org.xenwbem.provider.classes.common.ProviderContext;

/**
 * {@code Xen_Processor}: one per VCPU ({@code VCPUs_max} of them) of every {@code Xen_ComputerSystem},
 * DeviceID {@code Xen:<vm uuid>/VCPU<n>} (xs-cim {@code Xen_Processor.c}). LoadPercentage is
 * {@code VM_metrics.VCPUs_utilisation[n]} × 100; clock speed, family and stepping come from CPU n of
 * the host the VM runs on, when it runs.
 */
public final class VmProcessorProvider extends MemoizedProvider<Vcpu> {
    static final String CLASS = "Xen_Processor";
    static final String PREFIX = "VCPU";
    static final long CPU_ENABLED = 1;
    static final long UPGRADE_NONE = 6;

    VmProcessorProvider(ProviderContext ctx) {
        super(ctx, CLASS);
    }

    static String deviceId(VmRecord vm, int n) {
        return Ids.device(vm.uuid(), PREFIX + n);
    }

    @Override
    protected Collection<Vcpu> records(PoolSnapshot s) {
        return VmSources.vcpus(s);
    }

    @Override
    protected boolean hasLookup() {
        return true;
    }

    @Override
    protected Optional<Vcpu> lookup(Map<String, Object> keys, PoolSnapshot s) {
        String id = VmRefs.key(keys, "DeviceID");
        String dev = Ids.devicePart(id);
        if (!VmDevices.keysAgree(keys, CLASS) || dev == null || !dev.matches(PREFIX + "\\d{1,4}")) {
            return Optional.empty();
        }
        int n = Integer.parseInt(dev.substring(PREFIX.length()));
        return VmSources.vm(s, id, VmSources.SYSTEMS).filter(vm -> n < vm.vcpusMax()).map(vm -> new Vcpu(vm, n));
    }

    @Override
    protected String memoKey(Vcpu v) {
        return deviceId(v.vm(), v.number());
    }

    @Override
    protected Object[] inputs(Vcpu v, PoolSnapshot s) {
        return new Object[] {v.vm(), hostCpu(s, v.vm(), v.number()).orElse(null)};
    }

    @Override
    protected CimInstance build(Vcpu v, PoolSnapshot s) {
        VmRecord vm = v.vm();
        double load = vm.vcpusUtilisation().getOrDefault((long) v.number(), 0.0);
        CimInstance.Builder b = VmDevices.keyed(instance(), CLASS, vm.uuid(), deviceId(vm, v.number()))
                .set("Caption", "Processor")
                .set("Description", "Xen Virtual Processor")
                .set("ElementName", vm.nameLabel())
                .set("Name", vm.uuid())
                .set("CPUStatus", CPU_ENABLED)
                .set("EnabledDefault", VmDevices.NOT_APPLICABLE)
                .set("EnabledState", VmDevices.NOT_APPLICABLE)
                .set("RequestedState", CimStates.REQUESTED_NOT_APPLICABLE)
                .set("LoadPercentage", (long) (load * 100))
                .set("Role", "Virtual Processor")
                .set("UpgradeMethod", UPGRADE_NONE);
        hostCpu(s, vm, v.number()).ifPresent(cpu -> b.set("CurrentClockSpeed", cpu.speed())
                .set("MaxClockSpeed", cpu.speed())
                .set("ExternalBusClockSpeed", cpu.speed())
                .set("Family", cpu.family())
                .set("Stepping", cpu.stepping()));
        return VmDevices.healthy(b).build();
    }

    private static Optional<HostCpuRecord> hostCpu(PoolSnapshot s, VmRecord vm, int n) {
        if (vm.residentOnHostUuid().isEmpty()) {
            return Optional.empty();
        }
        return s.hostCpusOf(vm.residentOnHostUuid()).stream().filter(c -> c.number() == n).findFirst();
    }
}
