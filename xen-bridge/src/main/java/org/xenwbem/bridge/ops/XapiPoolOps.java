package org.xenwbem.bridge.ops;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@link PoolOps} over a user's session. */
final class XapiPoolOps implements PoolOps {
    private final Calls c;

    XapiPoolOps(Calls c) {
        this.c = c;
    }

    @Override
    public void join(String masterAddress, String masterUser, char[] masterPassword) throws XenFailure {
        c.call("pool.join", masterAddress, masterUser, masterPassword);
    }

    @Override
    public void eject(String host) throws XenFailure {
        c.call("pool.eject", c.ref("host", host));
    }

    @Override
    public void enableHa(List<String> heartbeatSrs, Map<String, String> configuration) throws XenFailure {
        List<String> refs = new ArrayList<>();
        for (String sr : heartbeatSrs) {
            refs.add(c.ref("SR", sr));
        }
        c.call("pool.enable_ha", refs, new HashMap<>(configuration));
    }

    @Override
    public void disableHa() throws XenFailure {
        c.call("pool.disable_ha");
    }

    @Override
    public void setHaHostFailuresToTolerate(long value) throws XenFailure {
        c.call("pool.set_ha_host_failures_to_tolerate", pool(), Long.toString(value));
    }

    private Object pool() throws XenFailure {
        if (c.call("pool.get_all") instanceof List<?> l && !l.isEmpty()) {
            return l.get(0);
        }
        throw new XenFailure(XenFailure.Kind.NOT_FOUND, "HANDLE_INVALID", List.of("pool"), "no pool", null);
    }
}
