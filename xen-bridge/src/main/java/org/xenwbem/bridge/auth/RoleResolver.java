package org.xenwbem.bridge.auth;

import java.util.List;
import org.xenwbem.bridge.client.XenApiException;
import org.xenwbem.bridge.client.XenApiSession;
import org.xenwbem.bridge.client.XenApiTransportException;

/**
 * Derives the xapi role of a freshly logged-in session, with calls both xapi and the simulator answer:
 * <ol>
 *   <li>{@code session.get_is_local_superuser} true → {@code pool-admin};</li>
 *   <li>otherwise {@code session.get_rbac_permissions}, and the strongest role whose marker
 *       permission is present: {@code subject.create} → pool-admin, {@code host.evacuate} →
 *       pool-operator, {@code vm.pool_migrate} → vm-power-admin, {@code vm.destroy} → vm-admin,
 *       {@code vm.start} → vm-operator, none of them → read-only.</li>
 * </ol>
 * Each marker is held by its role and every stronger one, and by no weaker one, in xapi's role model.
 */
final class RoleResolver {
    private static final List<String[]> MARKERS = List.of(
            new String[] {"subject.create", "pool-admin"},
            new String[] {"host.evacuate", "pool-operator"},
            new String[] {"vm.pool_migrate", "vm-power-admin"},
            new String[] {"vm.destroy", "vm-admin"},
            new String[] {"vm.start", "vm-operator"});
    static final String READ_ONLY = "read-only";

    private RoleResolver() {
    }

    static String roleOf(XenApiSession session) throws XenApiException, XenApiTransportException {
        if (Boolean.TRUE.equals(session.callOnSelf("session.get_is_local_superuser"))) {
            return "pool-admin";
        }
        return fromPermissions(session.callOnSelf("session.get_rbac_permissions"));
    }

    static String fromPermissions(Object permissions) {
        List<?> perms = permissions instanceof List<?> l ? l : List.of();
        for (String[] marker : MARKERS) {
            for (Object p : perms) {
                if (marker[0].equalsIgnoreCase(String.valueOf(p))) {
                    return marker[1];
                }
            }
        }
        return READ_ONLY;
    }
}
