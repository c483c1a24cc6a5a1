package org.xenwbem.provider.classes.network;

import java.util.List;
import java.util.Objects;
import org.xenwbem.bridge.HostRecord;
import org.xenwbem.bridge.PifRecord;
import org.xenwbem.bridge.PoolSnapshot;
import org.xenwbem.bridge.ops.PoolSession;
import org.xenwbem.bridge.ops.XenFailure;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.provider.cimom.CimException;
import org.xenwbem.provider.cimom.CimStatus;
import org.xenwbem.provider.methods.EmbeddedArgs;

/**
 * The IP settings of a host NIC ({@code Xen_HostNetworkPortSettingData}: IPConfigurationMode
 * {0 None, 1 DHCP, 2 Static}, IPAddress, IPSubnetMask, IPGateway, DNS) through {@code PIF.reconfigure_ip}.
 * A change to a management interface can cut the host off the pool, so it is refused unless the setting
 * carries {@code ConfirmManagementChange=true}; xapi itself refuses mode None there.
 */
final class PortSettings {
    private static final List<String> MODES = List.of("None", "DHCP", "Static");

    /** The IP configuration asked for, or the PIF's for the properties not given. */
    record Ip(String mode, String address, String netmask, String gateway, String dns) {
        static Ip of(PifRecord p) {
            return new Ip(p.ipConfigurationMode(), p.ip(), p.netmask(), p.gateway(), p.dns());
        }
    }

    private final PoolSession session;
    private final Undo undo;

    PortSettings(PoolSession session, Undo undo) {
        this.session = session;
        this.undo = undo;
    }

    /** Applies the setting's IP configuration to the PIF when it differs. */
    void apply(PifRecord p, CimInstance setting, PoolSnapshot snap) throws CimException, XenFailure {
        Ip now = Ip.of(p);
        Ip wanted = wanted(p, setting);
        if (wanted == null || wanted.equals(now)) {
            return;
        }
        if (p.management() && !Boolean.TRUE.equals(EmbeddedArgs.bool(setting.get("ConfirmManagementChange")))) {
            String host = snap.host(p.hostUuid()).map(HostRecord::nameLabel).orElse(p.hostUuid());
            throw new CimException(CimStatus.FAILED, p.device() + " is the management interface of host " + host
                    + "; changing its IP configuration (" + now.mode() + " " + now.address() + " to " + wanted.mode()
                    + " " + wanted.address() + ") can cut the host off the pool. Repeat with"
                    + " ConfirmManagementChange=true to do it anyway");
        }
        session.networks().reconfigureIp(p.uuid(), wanted.mode(), wanted.address(), wanted.netmask(),
                wanted.gateway(), wanted.dns());
        undo.push("IP of " + p.device(), () -> session.networks().reconfigureIp(p.uuid(), now.mode(), now.address(),
                now.netmask(), now.gateway(), now.dns()));
    }

    /** The IP configuration the setting asks for; null when it names none. */
    static Ip wanted(PifRecord p, CimInstance setting) throws CimException {
        Long mode = SwitchRequests.has(setting, "IPConfigurationMode")
                ? EmbeddedArgs.num(setting.get("IPConfigurationMode")) : null;
        String address = prop(setting, "IPAddress");
        if (mode == null && address == null) {
            return null;
        }
        if (mode != null && (mode < 0 || mode > 2)) {
            throw new CimException(CimStatus.INVALID_PARAMETER, "IPConfigurationMode " + mode
                    + " is not 0 (None), 1 (DHCP) or 2 (Static)");
        }
        String m = mode == null ? "Static" : MODES.get(mode.intValue());
        if (!"Static".equals(m)) {
            return new Ip(m, "", "", "", "");
        }
        return new Ip(m, or(address, p.ip()), or(prop(setting, "IPSubnetMask"), p.netmask()),
                or(prop(setting, "IPGateway"), p.gateway()), or(prop(setting, "DNS"), p.dns()));
    }

    /** The mirror's PIF shows the asked mode and, when static, the asked address. */
    static boolean shows(PoolSnapshot now, PifRecord old, CimInstance setting) {
        try {
            Ip wanted = wanted(old, setting);
            return wanted == null || now.pif(old.uuid()).map(p -> p.ipConfigurationMode().equalsIgnoreCase(wanted.mode())
                    && (!"Static".equals(wanted.mode()) || Objects.equals(p.ip(), wanted.address()))).orElse(true);
        } catch (CimException e) {
            return true;
        }
    }

    private static String prop(CimInstance i, String name) {
        return SwitchRequests.has(i, name) ? EmbeddedArgs.str(i.get(name)) : null;
    }

    private static String or(String v, String fallback) {
        return v != null ? v : fallback;
    }
}
