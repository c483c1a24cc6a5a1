package org.xenwbem.bridge.ops;

import java.io.InputStream;
import org.xenwbem.bridge.client.XenApiException;
import org.xenwbem.bridge.client.XenApiSession;
import org.xenwbem.bridge.client.XenApiTransportException;
import org.xenwbem.bridge.transfer.VdiFormat;
import org.xenwbem.bridge.transfer.VdiTransfer;

/** {@link TransferOps} over {@link VdiTransfer}, with xapi's refusals as {@link XenFailure}s. */
final class XapiTransferOps implements TransferOps {
    private final VdiTransfer transfer;

    XapiTransferOps(XenApiSession session) {
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
}
