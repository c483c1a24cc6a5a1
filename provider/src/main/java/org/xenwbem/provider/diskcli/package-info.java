/**
 * {@code xenwbem disk export|import}: a disk to or from a file from a shell, the way SCVMM moves disks
 * to and from its library (anchor-xs-cim.md §8: {@code ConnectToDiskImage}, a BITS upload or an HTTP
 * download of {@code TargetURI} or {@code TargetURI + ".vhd"}, {@code DisconnectFromDiskImage}), over
 * WS-Management (DSP0226) and the daemon's transfer endpoint: HTTP Range (RFC 9110 §14) to resume a
 * download, BITS upload ([MS-BPAU]) with its received range to resume an upload. Both servers are
 * verified by the tls module's {@code OutboundTrust}: the daemon by the system store, a trust file or a
 * pinned fingerprint, the transfer endpoint by the certificate its job hands over (SSLCertificate).
 */
package org.xenwbem.provider.diskcli;
