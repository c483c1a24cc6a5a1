/**
 * The pool mirror: a local copy of the XenAPI objects the bridge reads (pool, host, host_metrics,
 * host_cpu, VM, VM_metrics, VM_guest_metrics, SR, PBD, VDI, VBD, network, VIF, PIF, Bond, VLAN,
 * console, task), loaded with {@code get_all_records} and kept current with {@code event.from}
 * (xenapi.md §2.8) on one background thread, published as immutable UUID-keyed
 * {@link org.xenwbem.bridge.PoolSnapshot}s. Snapshots are structurally shared: a batch rebuilds only
 * the changed records' chunks of the changed classes. Reading a snapshot never calls xapi.
 */
package org.xenwbem.bridge.mirror;
