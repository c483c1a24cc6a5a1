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
 * {@code /export_raw_vdi} backed by files (raw and fixed VHD), {@code /export_metadata} and
 * {@code /import_metadata} of a VM with its snapshots, optional member endpoints answering
 * HOST_IS_SLAVE (§2.9) and dom0-style Unix sockets (§5); {@link org.xenwbem.bridge.sim.SimFaults}
 * injects latency, errors, dropped connections, restarts, master failover and the failed-login delay
 * there; {@link org.xenwbem.bridge.sim.SimFailover} kills (refused or hung), promotes (HA) and revives
 * hosts' xapi and implements {@code pool.designate_new_master}.
 * <p>Storage moves real bytes ({@code SimStorage}, {@code SimBacking}): VDIs of file-based SRs are
 * sparse raw files {@code <sim-storage>/<sr-uuid>/<vdi-uuid>.raw} (a {@code file} SR's in its
 * device-config {@code location}; the block types lvm, lvmohba, lvmoiscsi, udev and dummy are kept the
 * same way, accounted thick), an {@code rbd} SR keeps each VDI as the RBD image {@code VHD-<vdi-uuid>}
 * of its Ceph pool through the {@code rbd} CLI. VDI.copy is a thick copy of every allocated byte;
 * SR.scan introduces and forgets VDIs whose backing appeared or vanished; SR.probe/SR.introduce find a
 * forgotten SR again through its marker ({@code sr-metadata} file, or the RADOS object
 * {@code xenwbem-sr-metadata}); lvmoiscsi probes a real target on 127.0.0.1 only (SM's 96/107 XML).
 * What differs from a real pool: disks are raw, not VHD; VDI.clone and VDI.snapshot make an
 * independent image with the same bytes ({@code cp --reflink=auto}, so blocks are shared only on a
 * reflink file system; on rbd a thick copy) instead of a VHD chain with a hidden parent, so the
 * parent/child fields and coalescing of a VHD tree do not exist; a VDI's name and description are kept
 * beside its bytes ({@code <uuid>.meta}, or RBD image-meta) so SR.scan names the disks of an SR
 * introduced again, where a real file SR keeps none; seeded VDIs report a synthetic
 * physical_utilisation until a scan reads their files. Entry points: {@link org.xenwbem.bridge.sim.SimulatedPool}
 * for tests, {@link org.xenwbem.bridge.sim.SimMain} from the command line, and
 * {@link org.xenwbem.bridge.sim.SimPoolSimulator}, xen-bridge's {@code PoolSimulator} service, for the
 * daemon's {@code demo}, {@code serve --simulate} and {@code sim}. It is the artifact
 * {@code xen-bridge-sim}, a development and test tool the dom0 pack does not carry.
 */
package org.xenwbem.bridge.sim;
