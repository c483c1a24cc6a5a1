/**
 * The bridge's write ports: typed XenAPI operations on behalf of one user (their own session, so
 * xapi's RBAC applies), taking and returning UUIDs, with failures as {@link org.xenwbem.bridge.ops.XenFailure}.
 * Long operations are {@link org.xenwbem.bridge.ops.Operation}s backed by xapi tasks.
 */
package org.xenwbem.bridge.ops;
