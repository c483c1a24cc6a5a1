package org.xenwbem.bridge;

/**
 * The bridge as the daemon sees it: one pool mirror and one credential checker for one xapi
 * endpoint. Created by {@code org.xenwbem.bridge.XenBridges.connect(BridgeConfig)}.
 */
public interface XenBridge extends AutoCloseable {
    PoolMirror mirror();

    CredentialChecker credentials();

    /** Logs the service session out and stops the event loop. */
    @Override
    void close();
}
