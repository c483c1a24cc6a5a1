/**
 * The status page at {@code https://host:5989/} (no DMTF profile: an operator's page, RFC 7231
 * content negotiation between {@code text/html} and {@code application/json}): what the daemon is
 * (version, certificate CN and SHA-256 fingerprint, healthy or degraded, from the pool mirror's
 * {@link org.xenwbem.bridge.MirrorHealth}) for anyone, and for a caller holding xapi's
 * {@code pool-admin} role the pool, its hosts, the xapi connection and mirror lag, jobs, disk
 * transfers, event subscriptions and a {@code winrm} line to copy.
 *
 * <p>{@link org.xenwbem.provider.status.StatusCollector} reads (never calls xapi: the mirror's
 * snapshot, the job tasks in it, the transfer registry, the subscriptions) into a
 * {@link org.xenwbem.provider.status.StatusReport}; {@link org.xenwbem.provider.status.StatusHtml}
 * and {@link org.xenwbem.provider.status.StatusJson} render it, escaping every value. Nothing here
 * sees a password, a session reference or a transfer credential. Authentication and the role check
 * are the server's ({@code server.StatusHandler} behind the one {@code AuthHandler}).
 */
package org.xenwbem.provider.status;
