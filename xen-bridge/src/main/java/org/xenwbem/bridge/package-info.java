/**
 * The XenAPI bridge: the only code in xenwbem that speaks XenAPI. Callers see UUIDs and immutable
 * records; OpaqueRefs never leave this module. Reads come from the {@link org.xenwbem.bridge.PoolMirror},
 * credential checks from {@link org.xenwbem.bridge.CredentialChecker}.
 */
package org.xenwbem.bridge;
