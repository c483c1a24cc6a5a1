package org.xenwbem.provider.classes.vm;

import java.util.function.Function;
import org.xenwbem.provider.classes.common.Ids;
import org.xenwbem.provider.classes.common.MemoizedProvider;
import org.xenwbem.provider.classes.common.ProviderContext;
import org.xenwbem.provider.classes.vm.VmSources.Owned;

/**
 * What the classes made from one device of a VM share (a VBD, VIF or console, as the device itself
 * or as its settings): an instance per device keyed {@code Xen:<vm uuid>/<device uuid>}
 * ({@link Ids#device}), memoized under that key and found by its keys without a scan.
 *
 * @param <D> the bridge record of the device
 */
abstract class VmDeviceProvider<D> extends MemoizedProvider<Owned<D>> {
    private final Function<D, String> uuidOf;

    VmDeviceProvider(ProviderContext ctx, String className, Function<D, String> uuidOf) {
        super(ctx, className);
        this.uuidOf = uuidOf;
    }

    @Override
    protected final boolean hasLookup() {
        return true;
    }

    @Override
    protected final String memoKey(Owned<D> o) {
        return Ids.device(o.vm().uuid(), uuidOf.apply(o.device()));
    }
}
