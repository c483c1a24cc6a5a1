package org.xenwbem.provider.classes.vm;

import java.util.Collection;
import java.util.function.Predicate;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.bridge.VmRecord;
import org.xenwbem.provider.classes.vm.GuestKvps.Kvp;
import org.xenwbem.provider.classes.common.MemoizedProvider;
import org.xenwbem.provider.classes.common.ProviderContext;

/**
 * A class with one instance per guest key/value pair (see {@link GuestKvps}) of the VMs
 * {@code which} selects, identified by {@link GuestKvps#id} and rebuilt only when the VM record or
 * the pair's value changes. Subclasses say how keys are looked up and what the instance holds.
 */
public abstract class GuestKvpProvider extends MemoizedProvider<Kvp> {
    protected final Predicate<VmRecord> which;

    protected GuestKvpProvider(ProviderContext ctx, String className, Predicate<VmRecord> which) {
        super(ctx, className);
        this.which = which;
    }

    @Override
    protected final Collection<Kvp> records(PoolSnapshot s) {
        return GuestKvps.all(s, which);
    }

    @Override
    protected final boolean hasLookup() {
        return true;
    }

    @Override
    protected final String memoKey(Kvp k) {
        return GuestKvps.id(k);
    }

    @Override
    protected final Object[] inputs(Kvp k, PoolSnapshot s) {
        return new Object[] {k.vm(), k.value()};
    }
}
