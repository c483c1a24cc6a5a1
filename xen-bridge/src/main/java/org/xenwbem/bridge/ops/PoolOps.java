package org.xenwbem.bridge.ops;

import java.util.List;
import java.util.Map;

/**
 * Pool membership and high availability (XenAPI pool.join, eject, enable_ha, disable_ha,
 * set_ha_host_failures_to_tolerate), by uuid; refs never leave this package. Name and description go
 * through {@link FieldOps}, the default SR through {@link StorageOps}.
 */
public interface PoolOps {
    /**
     * pool.join, called in a session on the JOINING host's xapi (as xapi requires): that host joins the
     * pool whose master is at {@code masterAddress}, logging in there as {@code masterUser}. The password
     * is passed to xapi and nowhere else; the caller wipes it.
     */
    void join(String masterAddress, String masterUser, char[] masterPassword) throws XenFailure;

    /** pool.eject: HOST_IN_USE while a guest runs on it, HA_IS_ENABLED while HA is on. */
    void eject(String host) throws XenFailure;

    /** pool.enable_ha with statefiles on {@code heartbeatSrs} (SR uuids). */
    void enableHa(List<String> heartbeatSrs, Map<String, String> configuration) throws XenFailure;

    void disableHa() throws XenFailure;

    void setHaHostFailuresToTolerate(long value) throws XenFailure;
}
