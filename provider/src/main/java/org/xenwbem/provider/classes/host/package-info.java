/**
 * The host family: {@code Xen_HostComputerSystem} (DSP1052 Computer System, DSP1057 host system), its
 * processors, memory and NICs ({@code Xen_HostProcessor}, {@code Xen_HostMemory},
 * {@code Xen_HostNetworkPort}, anchor §4.3) and its {@code RequestStateChange} into and out of
 * maintenance mode (anchor §5.3).
 */
package org.xenwbem.provider.classes.host;
