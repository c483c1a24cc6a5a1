package org.xenwbem.provider.classes.vm;

import org.xenwbem.bridge.ConsoleRecord;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.provider.classes.vm.VmSources.Owned;
import org.xenwbem.provider.classes.common.Ids;
import org.xenwbem.provider.classes.common.ProviderContext;

/**
 * {@code Xen_Console}: one per console of every {@code Xen_ComputerSystem}, DeviceID
 * {@code Xen:<vm uuid>/<console uuid>}, Name the VM's name (xs-cim {@code console_set_properties}).
 * The anchor also set Protocol and URI, which {@code Xen_Console} does not declare: they are on
 * {@code Xen_ConsoleSettingData}.
 */
public final class VmConsoleProvider extends VmDeviceProvider<ConsoleRecord> {
    static final String CLASS = "Xen_Console";

    VmConsoleProvider(ProviderContext ctx) {
        super(ctx, CLASS, CONSOLES, d -> true);
    }

    static String deviceId(Owned<ConsoleRecord> c) {
        return Ids.device(c.vm().uuid(), c.device().uuid());
    }

    @Override
    protected Object[] inputs(Owned<ConsoleRecord> c, PoolSnapshot s) {
        return new Object[] {c.device(), c.vm()};
    }

    @Override
    protected CimInstance build(Owned<ConsoleRecord> c, PoolSnapshot s) {
        CimInstance.Builder b = VmDevices.keyed(instance(), CLASS, c.vm().uuid(), deviceId(c))
                .set("Name", c.vm().nameLabel())
                .set("Caption", "Console for Xen Domain")
                .set("Description", c.vm().nameDescription());
        return VmDevices.healthy(b).build();
    }
}
