package org.xenwbem.bridge.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@link HostOps} over a user's session. */
final class XapiHostOps implements HostOps {
    private final Calls c;

    XapiHostOps(Calls c) {
        this.c = c;
    }

    @Override
    public void disable(String host) throws XenFailure {
        c.call("host.disable", c.ref("host", host));
    }

    @Override
    public void enable(String host) throws XenFailure {
        c.call("host.enable", c.ref("host", host));
    }

    @Override
    public Operation evacuate(String host) throws XenFailure {
        return c.async(null, "host.evacuate", c.ref("host", host));
    }

    @Override
    public List<String> vmsPreventingEvacuation(String host) throws XenFailure {
        List<String> out = new ArrayList<>();
        if (c.call("host.get_vms_which_prevent_evacuation", c.ref("host", host)) instanceof Map<?, ?> m) {
            for (Object ref : m.keySet()) {
                out.add(c.uuidOf("VM", String.valueOf(ref)));
            }
        }
        return out;
    }

    @Override
    public Operation shutdown(String host) throws XenFailure {
        return c.async(null, "host.shutdown", c.ref("host", host));
    }

    @Override
    public Operation reboot(String host) throws XenFailure {
        return c.async(null, "host.reboot", c.ref("host", host));
    }

    @Override
    public Operation powerOn(String host) throws XenFailure {
        return c.async(null, "host.power_on", c.ref("host", host));
    }

    @Override
    public void addToOtherConfig(String host, String key, String value) throws XenFailure {
        c.call("host.add_to_other_config", c.ref("host", host), key, value);
    }

    @Override
    public void removeFromOtherConfig(String host, String key) throws XenFailure {
        c.call("host.remove_from_other_config", c.ref("host", host), key);
    }
}
