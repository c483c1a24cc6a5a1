package org.xenwbem.provider.classes.vm;

import java.util.Locale;
import org.xenwbem.bridge.ConsoleRecord;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.provider.classes.vm.VmSources.Owned;
import org.xenwbem.provider.classes.common.Ids;
import org.xenwbem.provider.classes.common.ProviderContext;

/**
 * {@code Xen_ConsoleSettingData}: one per console, InstanceID {@code Xen:<vm uuid>/<console uuid>}
 * (xs-cim {@code xen_console_rec_to_console_rasd}): ResourceType 24 (Graphics controller), Protocol
 * 0 VT100 / 1 RFB (VNC) / 2 RDP, URI the console's location.
 */
public final class ConsoleSettingDataProvider extends VmDeviceProvider<ConsoleRecord> {
    static final String CLASS = "Xen_ConsoleSettingData";
    static final long GRAPHICS_CONTROLLER = 24;
    public static final long VIRTUALIZED = 3;

    ConsoleSettingDataProvider(ProviderContext ctx) {
        super(ctx, CLASS, CONSOLES);
    }

    static String instanceId(Owned<ConsoleRecord> c) {
        return Ids.device(c.vm().uuid(), c.device().uuid());
    }

    /** xapi's console_protocol as the anchor's Protocol value. */
    static long protocol(String xapi) {
        return switch (xapi == null ? "" : xapi.toLowerCase(Locale.ROOT)) {
            case "rfb" -> 1;
            case "rdp" -> 2;
            default -> 0;
        };
    }

    @Override
    protected Object[] inputs(Owned<ConsoleRecord> c, PoolSnapshot s) {
        return new Object[] {c.device(), c.vm()};
    }

    @Override
    protected CimInstance build(Owned<ConsoleRecord> c, PoolSnapshot s) {
        CimInstance.Builder b = VmDevices.oneCounted(instance()
                .set("InstanceID", instanceId(c))
                .set("Caption", "Xen Console Settings")
                .set("Description", c.vm().nameDescription())
                .set("ElementName", c.vm().nameLabel())
                .set("ResourceType", GRAPHICS_CONTROLLER)
                .set("ConsumerVisibility", VIRTUALIZED))
                .set("Protocol", protocol(c.device().protocol()));
        if (!c.device().location().isEmpty()) {
            b.set("URI", c.device().location());
        }
        return b.build();
    }
}
