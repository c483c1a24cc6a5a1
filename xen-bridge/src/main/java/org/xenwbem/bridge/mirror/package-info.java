/**
 * The pool mirror: a local copy of the XenAPI objects the bridge reads (pool, host, host_metrics,
 * VM, VM_metrics, SR), loaded with {@code get_all_records} and kept current with {@code event.from}
 * (xenapi.md §2.8) on one background thread, published as immutable UUID-keyed
 * {@link org.xenwbem.bridge.PoolSnapshot}s. Reading a snapshot never calls xapi.
 */
package org.xenwbem.bridge.mirror;
