/**
 * XenAPI client (xenapi.md §2): {@link org.xenwbem.bridge.client.XenApiConnection} POSTs XML-RPC (default)
 * or JSON-RPC v2/v1 ({@link org.xenwbem.bridge.client.XenApiProtocol}) with a minimal HTTP/1.1 client
 * (RFC 9112: Content-Length, chunked and close-delimited bodies, {@code Connection: close}) over TCP,
 * with keep-alive and TLS (RFC 2818 server checks by the tls module's policy), or over the dom0 Unix
 * socket; {@link org.xenwbem.bridge.client.XenApiClients} holds what a pool's connections share, the
 * JDK's {@code java.net.http} client made only at the first disk upload ({@code PUT /import_raw_vdi});
 * {@link org.xenwbem.bridge.client.XenApiSession} holds a session reference without ever revealing it, starts {@code Async.} calls as
 * {@link org.xenwbem.bridge.client.TaskHandle}s (poll, progress, cancel, result fragment, destroy) and
 * reaches xapi's HTTP handlers through {@link org.xenwbem.bridge.client.XenApiHttp}. Every XenAPI error
 * becomes a {@link org.xenwbem.bridge.client.XenApiException} typed by the one table
 * {@link org.xenwbem.bridge.client.XenApiError}; transport problems are
 * {@link org.xenwbem.bridge.client.XenApiTransportException}. HOST_IS_SLAVE re-targets the master, at
 * login and mid-session.
 */
package org.xenwbem.bridge.client;
