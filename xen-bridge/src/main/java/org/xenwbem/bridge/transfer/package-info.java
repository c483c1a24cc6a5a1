/**
 * Raw VDI transfer through xapi's HTTP handlers (the XenAPI HTTP interface) {@code PUT /import_raw_vdi} and
 * {@code GET /export_raw_vdi} (formats {@code raw} and {@code vhd}), streamed with bounded memory:
 * {@link org.xenwbem.bridge.transfer.VdiTransfer} for callers (VDIs by UUID); and the VHD codecs of
 * Microsoft's "Virtual Hard Disk Image Format Specification" 1.0: {@link org.xenwbem.bridge.transfer.VhdFooter}
 * (footer, CHS geometry, one's-complement checksum), {@link org.xenwbem.bridge.transfer.VhdDynamicHeader},
 * {@link org.xenwbem.bridge.transfer.VhdWriter} (a dynamic VHD streamed from a raw disk, only allocated
 * blocks) and {@link org.xenwbem.bridge.transfer.VhdReader} (fixed and dynamic VHDs read in one pass,
 * every offset and size checked before it is trusted); and {@link org.xenwbem.bridge.transfer.VmMetadata}, the
 * tar with {@code ova.xml} of xapi's {@code /export_metadata} and {@code /import_metadata}.
 */
package org.xenwbem.bridge.transfer;
