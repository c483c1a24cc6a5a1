/**
 * Checking a user's XenAPI credentials (xenapi.md §5): {@code session.login_with_password} over TCP,
 * the role derived from the session, then logout. Positive answers are cached briefly as a salted
 * SHA-256 (never the password); failures are rate-limited per client address.
 */
package org.xenwbem.bridge.auth;
