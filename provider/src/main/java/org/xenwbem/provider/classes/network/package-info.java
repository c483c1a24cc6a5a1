/**
 * The network family (DSP1050 Ethernet Port Resource Virtualization; anchor §4.3 and §5.7): virtual
 * switches, their ports and LAN endpoints, and the switch settings.
 */
package org.xenwbem.provider.classes.network;
