package org.xenwbem.bridge;

import java.util.Optional;

/**
 * The bridge as the daemon sees it: one pool mirror and one credential checker for one xapi
 * endpoint. Created by {@code org.xenwbem.bridge.connect.XenBridges.connect(BridgeConfig)}.
 */
public interface XenBridge extends AutoCloseable {
    PoolMirror mirror();

    CredentialChecker credentials();

    /**
     * The UUID of the host this bridge's service session belongs to ({@code session.get_this_host}):
     * in dom0 over the Unix socket, the host the daemon runs on; over TCP, the host the URL names (the
     * master after a HOST_IS_SLAVE redirect). Empty until the service session has logged in; never
     * calls xapi.
     */
    Optional<String> thisHostUuid();

    /**
     * Logs in as a user over TCP (never the Unix socket), so xapi's RBAC decides what they may do.
     * The caller closes the session.
     */
    org.xenwbem.bridge.ops.PoolSession openSession(String user, char[] password)
            throws org.xenwbem.bridge.ops.XenFailure;

    /**
     * A session as a user for a method that changes nothing: one opened with the same password within
     * a few seconds may be shared ({@link org.xenwbem.bridge.ops.ReadSessions}); by default, a login of
     * its own. The caller closes it, after {@link org.xenwbem.bridge.ops.PoolSession#refused} when xapi
     * refused a call on it.
     */
    default org.xenwbem.bridge.ops.PoolSession openReadSession(String user, char[] password)
            throws org.xenwbem.bridge.ops.XenFailure {
        return openSession(user, password);
    }

    /**
     * Logs in as a user to the xapi of the host at {@code hostAddress} (same scheme and port as the
     * pool's), e.g. a standalone host about to join the pool. The caller closes the session.
     */
    default org.xenwbem.bridge.ops.PoolSession openSessionOn(String hostAddress, String user, char[] password)
            throws org.xenwbem.bridge.ops.XenFailure {
        throw new UnsupportedOperationException("this bridge cannot reach other hosts");
    }

    /**
     * A session as the daemon's service account, for its own bookkeeping (job tasks); shared, logged
     * in again when xapi forgets it. Do not close it.
     */
    org.xenwbem.bridge.ops.PoolSession serviceSession() throws org.xenwbem.bridge.ops.XenFailure;

    /** Logs the service session out, stops the event loop and the bridge's HTTP threads. */
    @Override
    void close();
}
