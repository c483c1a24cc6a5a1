/**
 * Wiring of a {@link org.xenwbem.bridge.XenBridge} to a XenAPI endpoint (XenAPI reference: the
 * {@code session} class — {@code login_with_password}, {@code logout}): the HTTP connections, the pool
 * mirror, the credential checker and the daemon's service session, put together by
 * {@link org.xenwbem.bridge.connect.XenBridges#connect}. Kept apart from {@code org.xenwbem.bridge},
 * whose interfaces and records every implementation package uses, so that no package cycle runs
 * through the root (the implementations depend on it, never it on them).
 */
package org.xenwbem.bridge.connect;
