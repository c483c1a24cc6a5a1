/**
 * The disk transfer endpoint that replaces xs-cim's Transfer VM (anchor-xs-cim.md §8): a connection
 * registry ({@link org.xenwbem.provider.transfer.TransferRegistry}: handle, per-connection Basic
 * credentials, ReadOnly, TimeoutInMinutes and idle expiry) and one Jetty handler on its own HTTPS
 * port ({@link org.xenwbem.provider.transfer.TransferService}) serving {@code /transfer/<handle>}
 * (raw: GET/HEAD with RFC 9110 Range, PUT with Content-Range) and {@code /transfer/<handle>.vhd}
 * (a dynamic VHD made on the fly; VHD upload checked on the way), and BITS upload on both per
 * Microsoft [MS-BPAU]. Bytes move through xapi's {@code /export_raw_vdi} and {@code /import_raw_vdi}
 * as the user who made the connection, with bounded buffers and no copy of the disk.
 */
package org.xenwbem.provider.transfer;
