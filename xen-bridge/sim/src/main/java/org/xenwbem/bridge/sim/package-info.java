/**
 * A simulated XenAPI pool speaking xapi's real XML-RPC wire protocol (xenapi.md §2.3, §6.2) on a
 * Jetty 12 core handler: deterministic seeded state (pool, hosts, host_metrics, host_cpu, dom0s,
 * templates with {@code other_config:disks}, VMs, VM_metrics, VM_guest_metrics, consoles, SRs, PBDs,
 * VDIs, VBDs, networks, VIFs, PIFs, bonds, VLANs), sessions with three RBAC roles, generic getters,
 * VM power operations with xapi's power-state rules (§3.1), the lifecycle of VMs (clone, copy,
 * snapshot, checkpoint, revert, provision, destroy, pool_migrate), storage (SR, PBD, VDI with space
 * accounting), devices (VBD, VIF), networks, VLANs, bonds and PIF writes, and hosts (disable, enable,
 * evacuate, shutdown, reboot, power_on), {@code Async.} calls
 * backed by tasks (§2.5) and
 * {@code event.from} with xapi's token format (§2.8). The HTTP boundary ({@code SimHttpHandler},
 * {@code SimRpc}) also serves JSON-RPC v1/v2 on {@code /jsonrpc} (§2.4), {@code /rrd_updates} and
 * {@code /host_rrd} with deterministic synthetic data (§4), {@code /import_raw_vdi} and
 * {@code /export_raw_vdi} backed by files (raw and fixed VHD), optional member endpoints answering
 * HOST_IS_SLAVE (§2.9) and dom0-style Unix sockets (§5); {@link org.xenwbem.bridge.sim.SimFaults}
 * injects latency, errors, dropped connections, restarts, master failover and the failed-login delay
 * there. Entry points: {@link org.xenwbem.bridge.sim.SimulatedPool}
 * for tests, {@link org.xenwbem.bridge.sim.SimMain} from the command line, and
 * {@link org.xenwbem.bridge.sim.SimPoolSimulator}, xen-bridge's {@code PoolSimulator} service, for the
 * daemon's {@code demo}, {@code serve --simulate} and {@code sim}. It is the artifact
 * {@code xen-bridge-sim}, a development and test tool the dom0 pack does not carry.
 */
package org.xenwbem.bridge.sim;
