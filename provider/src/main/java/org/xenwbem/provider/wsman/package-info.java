/**
 * WS-Management (DSP0226 1.1) with the WS-CIM binding (DSP0227/DSP0230) and Microsoft's MS-WSMV
 * client conventions: envelope decoding, addressing, selectors, options, enumeration contexts,
 * one class per action, and faults rendered in one place. Knows nothing of XenAPI.
 */
package org.xenwbem.provider.wsman;
