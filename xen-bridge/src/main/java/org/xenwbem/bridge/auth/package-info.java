/**
 * Checking a user's XenAPI credentials (xenapi.md §5): {@code session.login_with_password} over TCP,
 * the role derived from the session, then logout. Positive answers are cached briefly as a salted
 * SHA-256 (never the password); failed logins slow down further checks of the same user from the same
 * client address, and of any user from that address beyond a ceiling ({@link LoginThrottle}), in bounded memory.
 */
package org.xenwbem.bridge.auth;
