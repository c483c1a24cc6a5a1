package org.xenwbem.provider.methods;

import java.util.Locale;
import org.xenwbem.provider.cimom.CimException;
import org.xenwbem.provider.cimom.CimStatus;
import org.xenwbem.provider.cimom.RequestContext;

/**
 * xapi's roles, weakest first, and the check every method makes before acting (xapi checks again
 * when the caller's own session acts): read-only may invoke nothing, vm-operator may change power
 * states, vm-admin may define and destroy VMs, pool-operator may run hosts, pool-admin everything.
 */
public enum Rbac {
    READ_ONLY("read-only"), VM_OPERATOR("vm-operator"), VM_ADMIN("vm-admin"), VM_POWER_ADMIN("vm-power-admin"),
    POOL_OPERATOR("pool-operator"), POOL_ADMIN("pool-admin");

    private final String xapiName;

    Rbac(String xapiName) {
        this.xapiName = xapiName;
    }

    /** The role named by xapi; an unknown or missing role counts as read-only. */
    public static Rbac of(String role) {
        if (role != null) {
            String r = role.toLowerCase(Locale.ROOT);
            for (Rbac v : values()) {
                if (v.xapiName.equals(r)) {
                    return v;
                }
            }
        }
        return READ_ONLY;
    }

    /** Fails with CIM_ERR_ACCESS_DENIED (WS-Man AccessDenied) unless the caller holds at least {@code min}. */
    public static void require(RequestContext ctx, Rbac min, String what) throws CimException {
        Rbac have = of(ctx.role());
        if (have.ordinal() < min.ordinal()) {
            throw new CimException(CimStatus.ACCESS_DENIED, ctx.user() + " (" + have.xapiName + ") may not " + what
                    + "; it needs the xapi role " + min.xapiName + " or stronger");
        }
    }
}
