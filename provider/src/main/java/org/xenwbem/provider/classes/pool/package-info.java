/**
 * The pool family (DSP1057 Virtual System Profile host side, DSP1041 Resource Allocation; anchor §4.1,
 * §4.3, §4.7): {@code Xen_HostPool} ({@code HostPool}), the per-host services (VSMS, migration,
 * snapshot and switch management, metric service: {@code ManagementServices}), their capabilities and
 * the host's ({@code ServiceCapabilities}), the virtual systems' ({@code VirtualSystemCapabilities}),
 * the allocation capabilities of the host and network resource pools ({@code AllocationCapabilities}),
 * and the associations tying them together ({@code ElementCapabilities}, {@code HostLinks},
 * {@code AllocationLinks}); the storage ones are {@code classes.storage}'s. {@code Xen_HostPool}'s methods
 * (anchor §5.8; XenAPI pool.set_name_*, join, eject, enable_ha, disable_ha, set_ha_host_failures_to_tolerate,
 * set_default_SR) are one table, {@code HostPoolMethods}, with membership in {@code PoolMembership}.
 */
package org.xenwbem.provider.classes.pool;
