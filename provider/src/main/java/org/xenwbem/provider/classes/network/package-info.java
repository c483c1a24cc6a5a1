/**
 * The network family (DSP1050 Ethernet Port Resource Virtualization; anchor §4.3 and §5.7): virtual
 * switches, their ports and LAN endpoints, the switch settings, and {@code Xen_VirtualSwitchManagementService}
 * ({@link org.xenwbem.provider.classes.network.SwitchManagement}), whose switches are XenAPI networks reaching
 * the hosts through VLANs and bonds (XenAPI network, VLAN, Bond, PIF).
 */
package org.xenwbem.provider.classes.network;
