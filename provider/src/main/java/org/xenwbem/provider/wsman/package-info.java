/**
 * WS-Management (DSP0226 1.1) with the WS-CIM binding (DSP0227/DSP0230) and Microsoft's MS-WSMV
 * client conventions: envelope decoding, addressing, selectors, options, enumeration contexts,
 * and faults rendered in one place. Each action runs in three steps: its decoder (the
 * static {@code decode} of a {@code *Request} record, e.g. {@code EnumerateRequest}) turns the envelope
 * into that immutable record; the action ({@code *Action})
 * executes it against the CIM core and returns a result record, seeing no DOM and writing no XML;
 * its encoder ({@code *Encoder}, over {@link org.xenwbem.provider.wsman.EnvelopeWriter} and
 * {@link org.xenwbem.provider.wsman.ItemWriter}) writes the response. Enumerate and Pull return
 * the open context and the page's limits, and the encoder streams the items from its cursor.
 * Class definitions are read the WinRM way (Get on the CIM-XML class URI) and the openwsman way
 * (intrinsic GetClass / EnumerateClassNames).
 * Knows nothing of XenAPI.
 */
package org.xenwbem.provider.wsman;
