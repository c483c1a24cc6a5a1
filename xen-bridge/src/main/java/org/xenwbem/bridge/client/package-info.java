/**
 * XenAPI XML-RPC client (xenapi.md §2): {@link org.xenwbem.bridge.client.XenApiConnection} POSTs calls
 * over {@code java.net.http}, {@link org.xenwbem.bridge.client.XenApiSession} holds a session reference
 * without ever revealing it, and every XenAPI {@code ErrorDescription} becomes a
 * {@link org.xenwbem.bridge.client.XenApiException} typed by the one table
 * {@link org.xenwbem.bridge.client.XenApiError}. Transport problems are
 * {@link org.xenwbem.bridge.client.XenApiTransportException}. Login follows HOST_IS_SLAVE to the master.
 */
package org.xenwbem.bridge.client;
