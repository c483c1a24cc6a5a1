/**
 * The pool family (DSP1057 Virtual System Profile host side, DSP1041 Resource Allocation; anchor §4.1,
 * §4.3, §4.7): {@code Xen_HostPool}, the per-host services (VSMS, migration, snapshot and switch
 * management, metric service), their capabilities, the allocation capabilities of the host and network
 * resource pools, and the associations tying hosts to pools, services and allocated resources (the
 * storage ones are {@code classes.storage}'s).
 */
package org.xenwbem.provider.classes.pool;
