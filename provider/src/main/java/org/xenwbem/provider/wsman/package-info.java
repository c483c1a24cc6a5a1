/**
 * WS-Management (DSP0226 1.1) with the WS-CIM binding (DSP0227/DSP0230) and Microsoft's MS-WSMV
 * client conventions: envelope decoding, addressing, selectors, options, enumeration contexts,
 * one class per action, and faults rendered in one place. Class definitions are read the WinRM way
 * (Get on the CIM-XML class URI) and the openwsman way (intrinsic GetClass / EnumerateClassNames).
 * Knows nothing of XenAPI.
 */
package org.xenwbem.provider.wsman;
