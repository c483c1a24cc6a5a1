/**
 * The network family (DSP1050 Ethernet Port Resource Virtualization; anchor §4.3, §4.7 and §5.7):
 * virtual switches and their settings ({@code VirtualSwitches}), the switch ports and LAN endpoints
 * of each VIF ({@code SwitchPorts}) and their associations ({@code SwitchPortLinks}), the network
 * connection pools ({@code NetworkPools}), and {@code Xen_VirtualSwitchManagementService}
 * ({@link org.xenwbem.provider.classes.network.SwitchManagement}), whose switches are XenAPI networks
 * reaching the hosts through VLANs and bonds (XenAPI network, VLAN, Bond, PIF).
 */
package org.xenwbem.provider.classes.network;
