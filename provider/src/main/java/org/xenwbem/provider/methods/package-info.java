/**
 * Extrinsic methods (anchor §5) as SCVMM invokes them: each method checks the caller's xapi role,
 * acts through the caller's own XenAPI session, and runs long work as a job on a xapi task.
 */
package org.xenwbem.provider.methods;
