package org.xenwbem.provider.classes.vm;

import java.util.Optional;
import java.util.function.Predicate;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.bridge.VbdRecord;
import org.xenwbem.bridge.VdiRecord;
import org.xenwbem.provider.classes.common.Ids;
import org.xenwbem.provider.classes.common.ProviderContext;
import org.xenwbem.provider.classes.vm.VmSources.Owned;

/**
 * What the classes made from one VBD share ({@code Xen_Disk}/{@code Xen_DiskDrive} and
 * {@code Xen_DiskSettingData}): remade only when the VBD or the VDI it shows changes.
 */
abstract class VbdProvider extends VmDeviceProvider<VbdRecord> {
    /** The VBD devices (of VMs that are systems) that are {@code mine}. */
    VbdProvider(ProviderContext ctx, String className, Predicate<VbdRecord> mine) {
        super(ctx, className, VBDS, mine);
    }

    /** The VBDs' RASDs, of every VM, template and snapshot. */
    VbdProvider(ProviderContext ctx, String className) {
        super(ctx, className, VBDS);
    }

    /** The instance's key value (DeviceID or InstanceID): {@code Xen:<vm uuid>/<vbd uuid>}. */
    static String key(Owned<VbdRecord> v) {
        return Ids.device(v.vm().uuid(), v.device().uuid());
    }

    /** The VDI the VBD shows; none when the drive is empty or the VDI is gone. */
    static Optional<VdiRecord> vdiOf(VbdRecord vbd, PoolSnapshot s) {
        return vbd.empty() ? Optional.empty() : s.vdi(vbd.vdiUuid());
    }

    @Override
    protected final Object[] inputs(Owned<VbdRecord> v, PoolSnapshot s) {
        return new Object[] {v.device(), s.vdi(v.device().vdiUuid()).orElse(null)};
    }
}
