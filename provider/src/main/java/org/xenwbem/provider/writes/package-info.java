/**
 * In-place edits of served instances: ModifyInstance and SetProperty (DSP0200 §5.3.2.8, §5.3.2.13)
 * and WS-Transfer Put, whole or fragment (DSP0226 §7.5, §7.7). One declarative table per class family
 * ({@link org.xenwbem.provider.writes.EditTable}) says which properties are writable and which XenAPI
 * setter each one goes through; the edit runs in xapi as the caller (their role decides), then waits
 * until the pool mirror shows it, so the answer and every later read carry the new values. Any
 * other property that would change is refused with a fault that names the writable ones.
 */
package org.xenwbem.provider.writes;
