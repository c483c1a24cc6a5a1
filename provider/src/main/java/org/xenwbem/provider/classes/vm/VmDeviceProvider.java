package org.xenwbem.provider.classes.vm;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import org.xenwbem.bridge.ConsoleRecord;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.bridge.VbdRecord;
import org.xenwbem.bridge.VifRecord;
import org.xenwbem.bridge.VmRecord;
import org.xenwbem.provider.classes.common.Ids;
import org.xenwbem.provider.classes.common.MemoizedProvider;
import org.xenwbem.provider.classes.common.ProviderContext;
import org.xenwbem.provider.classes.vm.VmSources.Owned;

/**
 * What the classes made from one device of a VM share (a VBD, VIF or console, as the device itself
 * or as its RASD): an instance per device keyed {@code Xen:<vm uuid>/<device uuid>}
 * ({@link Ids#device}), memoized under that key and found by its keys without a scan. A device class
 * serves the devices of {@code Xen_ComputerSystem}s, keyed by DeviceID under the VM; a settings class
 * (RASD) serves those of every VM, template and snapshot, keyed by InstanceID.
 *
 * @param <D> the bridge record of the device
 */
abstract class VmDeviceProvider<D> extends MemoizedProvider<Owned<D>> {
    /** Finds one device by its id ({@code Xen:<vm>/<device>}) if its VM passes a filter. */
    @FunctionalInterface
    interface Finder<D> {
        Optional<Owned<D>> find(PoolSnapshot s, String id, Predicate<VmRecord> which);
    }

    /** One kind of device: all of them (of the VMs passing a filter), one by its id, and its uuid. */
    record Kind<D>(BiFunction<PoolSnapshot, Predicate<VmRecord>, List<Owned<D>>> all, Finder<D> byId,
                   Function<D, String> uuidOf) {
    }

    static final Kind<VbdRecord> VBDS = new Kind<>((s, which) -> VmSources.vbds(s, which, v -> true),
            VmSources::vbd, VbdRecord::uuid);
    static final Kind<VifRecord> VIFS = new Kind<>(VmSources::vifs, VmSources::vif, VifRecord::uuid);
    static final Kind<ConsoleRecord> CONSOLES = new Kind<>(VmSources::consoles, VmSources::console,
            ConsoleRecord::uuid);

    private final Kind<D> kind;
    private final boolean settings;
    private final Predicate<D> mine;

    /** A device class: the devices of {@code kind} that are {@code mine}, of VMs that are systems. */
    VmDeviceProvider(ProviderContext ctx, String className, Kind<D> kind, Predicate<D> mine) {
        this(ctx, className, kind, false, mine);
    }

    /** A settings class (RASD): every device of {@code kind}, of every VM, template and snapshot. */
    VmDeviceProvider(ProviderContext ctx, String className, Kind<D> kind) {
        this(ctx, className, kind, true, d -> true);
    }

    private VmDeviceProvider(ProviderContext ctx, String className, Kind<D> kind, boolean settings,
                             Predicate<D> mine) {
        super(ctx, className);
        this.kind = kind;
        this.settings = settings;
        this.mine = mine;
    }

    private Predicate<VmRecord> which() {
        return settings ? VmSources.ANY : VmSources.SYSTEMS;
    }

    @Override
    protected final Collection<Owned<D>> records(PoolSnapshot s) {
        return kind.all().apply(s, which()).stream().filter(o -> mine.test(o.device())).toList();
    }

    @Override
    protected final boolean hasLookup() {
        return true;
    }

    @Override
    protected final Optional<Owned<D>> lookup(Map<String, Object> keys, PoolSnapshot s) {
        if (!settings && !VmDevices.keysAgree(keys, className())) {
            return Optional.empty();
        }
        String id = VmRefs.key(keys, settings ? "InstanceID" : "DeviceID");
        return kind.byId().find(s, id, which()).filter(o -> mine.test(o.device()));
    }

    @Override
    protected final String memoKey(Owned<D> o) {
        return Ids.device(o.vm().uuid(), kind.uuidOf().apply(o.device()));
    }
}
