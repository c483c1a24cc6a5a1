package org.xenwbem.provider.classes.vm;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.bridge.VmRecord;
import org.xenwbem.provider.classes.common.Ids;
import org.xenwbem.provider.classes.common.MemoizedProvider;
import org.xenwbem.provider.classes.common.ProviderContext;

/**
 * A RASD class with one instance per VM, template and snapshot, made from the VM record alone:
 * InstanceID {@code Xen:<vm uuid>/<device>} (the device part names the resource, as the anchor's
 * {@code Memory} and {@code Processor}), rebuilt only when the VM record changes.
 */
public abstract class VmResourceSettingProvider extends MemoizedProvider<VmRecord> {
    private final String device;

    protected VmResourceSettingProvider(ProviderContext ctx, String className, String device) {
        super(ctx, className);
        this.device = device;
    }

    /** The InstanceID of {@code vm}'s instance. */
    protected final String id(VmRecord vm) {
        return Ids.device(vm.uuid(), device);
    }

    @Override
    protected final Collection<VmRecord> records(PoolSnapshot s) {
        return s.vms();
    }

    @Override
    protected final boolean hasLookup() {
        return true;
    }

    @Override
    protected final Optional<VmRecord> lookup(Map<String, Object> keys, PoolSnapshot s) {
        String id = VmRefs.key(keys, "InstanceID");
        return VmSources.vm(s, id, vm -> id(vm).equals(id));
    }

    @Override
    protected final String memoKey(VmRecord vm) {
        return id(vm);
    }

    @Override
    protected final Object[] inputs(VmRecord vm, PoolSnapshot s) {
        return new Object[] {vm};
    }
}
