package org.xenwbem.bridge.ops;

import java.io.InputStream;
import org.xenwbem.bridge.client.XenApiException;
import org.xenwbem.bridge.client.XenApiSession;
import org.xenwbem.bridge.client.XenApiTransportException;
import org.xenwbem.bridge.transfer.VdiFormat;
import org.xenwbem.bridge.transfer.VdiTransfer;
import org.xenwbem.bridge.transfer.VmMetadata;

/** {@link TransferOps} over {@link VdiTransfer}, with xapi's refusals as {@link XenFailure}s. */
final class XapiTransferOps implements TransferOps {
    private static final java.time.Duration IMPORT_TIMEOUT = java.time.Duration.ofMinutes(10);
    private final XenApiSession session;
    private final VdiTransfer transfer;

    XapiTransferOps(XenApiSession session) {
        this.session = session;
        this.transfer = new VdiTransfer(session);
    }

    @Override
    public InputStream export(String vdiUuid) throws XenFailure {
        try {
            return transfer.openExport(vdiUuid, VdiFormat.RAW);
        } catch (XenApiException e) {
            throw XenFailure.of(e);
        } catch (XenApiTransportException e) {
            throw XenFailure.of(e);
        }
    }

    @Override
    public void importTo(String vdiUuid, VdiFormat format, InputStream data, long length) throws XenFailure {
        try {
            transfer.importVdi(vdiUuid, format, data, length);
        } catch (XenApiException e) {
            throw XenFailure.of(e);
        } catch (XenApiTransportException e) {
            throw XenFailure.of(e);
        }
    }

    @Override
    public byte[] exportMetadata(String vmUuid) throws XenFailure {
        try {
            Object ref = session.call("VM.get_by_uuid", vmUuid);
            try (InputStream in = session.http().get(null, "/export_metadata", java.util.Map.of("ref", ref,
                    "export_snapshots", "true", "include_vhd_parents", "false"), VdiTransfer.DEFAULT_HEADERS_TIMEOUT)) {
                byte[] tar = in.readNBytes(VmMetadata.MAX_BYTES + 1);
                if (tar.length > VmMetadata.MAX_BYTES) {
                    throw new XenFailure(XenFailure.Kind.BAD_STATE, "VM_METADATA_TOO_LARGE", java.util.List.of(vmUuid),
                            "the metadata of VM " + vmUuid + " exceeds " + VmMetadata.MAX_BYTES + " bytes", null);
                }
                return tar;
            }
        } catch (XenApiException e) {
            throw XenFailure.of(e);
        } catch (XenApiTransportException e) {
            if (e.httpStatus() > 0) { // xapi refused the export: say so, not just "transport"
                throw new XenFailure(XenFailure.Kind.FAILED, "VM_METADATA_EXPORT_FAILED", java.util.List.of(vmUuid,
                        "HTTP " + e.httpStatus()), "xapi refused the metadata export of VM " + vmUuid, e);
            }
            throw XenFailure.of(e);
        } catch (java.io.IOException e) {
            throw XenFailure.of(new XenApiTransportException("/export_metadata: " + e.getClass().getSimpleName(), e));
        }
    }

    @Override
    public java.util.List<String> importMetadata(byte[] tar) throws XenFailure {
        try {
            Object result = session.putWithTask("VM metadata import", "/import_metadata", java.util.Map.of(
                    "force", "true"), new java.io.ByteArrayInputStream(tar), tar.length, IMPORT_TIMEOUT);
            java.util.List<String> vms = new java.util.ArrayList<>();
            if (result instanceof java.util.List<?> refs) {
                for (Object r : refs) {
                    vms.add(String.valueOf(session.call("VM.get_uuid", r)));
                }
            }
            return vms;
        } catch (XenApiException e) {
            throw XenFailure.of(e);
        } catch (XenApiTransportException e) {
            throw XenFailure.of(e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw XenFailure.of(new XenApiTransportException("/import_metadata: no answer in " + IMPORT_TIMEOUT, e));
        }
    }
}
