/**
 * A simulated XenAPI pool speaking xapi's real XML-RPC wire protocol (xenapi.md §2.3, §6.2) on a
 * Jetty 12 core handler: deterministic seeded state (pool, hosts, host_metrics, host_cpu, dom0s,
 * templates, VMs, VM_metrics, SRs), sessions with three RBAC roles, generic getters, VM power
 * operations with xapi's power-state rules (§3.1), {@code Async.} calls backed by tasks (§2.5) and
 * {@code event.from} with xapi's token format (§2.8). Entry points: {@link org.xenwbem.bridge.sim.SimulatedPool}
 * for tests and {@link org.xenwbem.bridge.sim.SimMain} from the command line.
 */
package org.xenwbem.bridge.sim;
