package org.xenwbem.provider.classes.vm;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.bridge.PowerState;
import org.xenwbem.bridge.VmRecord;
import org.xenwbem.cim.CimDateTime;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.provider.cimom.RequestContext;
import org.xenwbem.provider.classes.common.CimStates;
import org.xenwbem.provider.classes.host.HostComputerSystemProvider;
import org.xenwbem.provider.classes.common.MemoizedProvider;
import org.xenwbem.provider.classes.common.ProviderContext;

/**
 * {@code Xen_ComputerSystem}: every VM that is neither a template nor a snapshot, dom0s included
 * (with Caption "XenServer Host", so SCVMM's {@code Caption != "XenServer Host"} filter skips them).
 * Instances are mapped once per generation and reused while the VM's record is unchanged, so the
 * light refresher (every 2 minutes) does not rebuild a thousand instances.
 */
public final class ComputerSystemProvider extends MemoizedProvider<VmRecord> {
    public static final String CLASS = "Xen_ComputerSystem";
    static final String VM_CAPTION = "Xen Virtual Machine";

    public ComputerSystemProvider(ProviderContext ctx) {
        super(ctx, CLASS);
    }

    static boolean isSystem(VmRecord vm) {
        return !vm.isATemplate() && !vm.isASnapshot();
    }

    @Override
    protected Collection<VmRecord> records(PoolSnapshot s) {
        return VmSources.vms(s, VmSources.SYSTEMS);
    }

    @Override
    protected String memoKey(VmRecord vm) {
        return vm.uuid();
    }

    @Override
    protected Object[] inputs(VmRecord vm, PoolSnapshot s) {
        return new Object[] {vm};
    }

    @Override
    protected CimInstance build(VmRecord vm, PoolSnapshot s) {
        return toInstance(vm);
    }

    @Override
    public Optional<CimInstance> get(RequestContext rc, Map<String, Object> keys) {
        if (!CLASS.equalsIgnoreCase(String.valueOf(keys.get("CreationClassName")))) {
            return Optional.empty();
        }
        PoolSnapshot s = ctx.pool().get();
        return s.vm(String.valueOf(keys.get("Name"))).filter(ComputerSystemProvider::isSystem).map(vm -> map(vm, s));
    }

    /** The Xen_ComputerSystem instance of a VM (public for the indications of org.xenwbem.provider.eventing). */
    public CimInstance toInstance(VmRecord vm) {
        PowerState p = vm.powerState();
        CimInstance.Builder b = CimInstance.builder(ctx.cimClass(CLASS)).namespace(ProviderContext.NAMESPACE)
                .set("CreationClassName", CLASS)
                .set("Name", vm.uuid())
                .set("NameFormat", "Other")
                .set("Caption", vm.isControlDomain() ? HostComputerSystemProvider.CAPTION : VM_CAPTION)
                .set("Description", vm.nameDescription())
                .set("ElementName", vm.nameLabel())
                .set("EnabledState", CimStates.vmEnabledState(p))
                .set("RequestedState", CimStates.REQUESTED_NOT_APPLICABLE)
                .set("EnabledDefault", CimStates.ENABLED)
                .set("OperationalStatus", CimStates.vmOperationalStatus(p))
                .set("HealthState", CimStates.HEALTH_OK)
                .set("AvailableRequestedStates", vm.isControlDomain() ? List.of() : CimStates.vmAvailableRequestedStates(p))
                .set("Dedicated", List.of(0L))
                .set("Host", vm.residentOnHostUuid().isEmpty() ? null : vm.residentOnHostUuid());
        if (vm.startTime() != null && p != PowerState.Halted) {
            b.set("TimeOfLastStateChange", CimDateTime.of(vm.startTime()));
        }
        return b.build();
    }
}
