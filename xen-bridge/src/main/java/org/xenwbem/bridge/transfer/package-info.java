/**
 * Raw VDI transfer through xapi's HTTP handlers (the XenAPI HTTP interface) {@code PUT /import_raw_vdi}
 * and {@code GET /export_raw_vdi} (formats {@code raw} and {@code vhd}), streamed with bounded memory:
 * {@link org.xenwbem.bridge.transfer.VdiTransfer} for callers (VDIs by UUID), and
 * {@link org.xenwbem.bridge.transfer.VhdFooter}, the 512-byte footer of a fixed-size VHD (Microsoft
 * "Virtual Hard Disk Image Format Specification" 1.0: cookie, geometry, one's-complement checksum).
 */
package org.xenwbem.bridge.transfer;
