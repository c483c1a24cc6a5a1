/**
 * {@code xenwbem doctor}: the SCVMM troubleshooting checklist as one command (host name resolves
 * both ways; certificate valid, its CN the host's FQDN or IP and {@code Xen_HostComputerSystem.CN};
 * the port answers WS-Man Identify; xapi reachable and the credentials log in; the installation
 * matches its signed manifest), each failure with what to do, then the {@code winrm enum} line to
 * run from the SCVMM server (Microsoft's VMM {@code Add-SCVMHost -XenServerHost}, anchor §11.1; the
 * certificate and CN rule, anchor §11.3). Also the installation manifest itself: an XML signature
 * (XMLDSig, Apache Santuario) over the installed files' SHA-256 digests, written by the pack build.
 */
package org.xenwbem.provider.doctor;
