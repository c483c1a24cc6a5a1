package org.xenwbem.provider.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import org.xenwbem.bridge.ops.TransferOps;
import org.xenwbem.bridge.ops.XenFailure;
import org.xenwbem.bridge.transfer.VhdWriter;

/**
 * Positioned reads of a disk over xapi's {@code /export_raw_vdi}, which only streams from offset 0:
 * reads moving forward reuse the open export and skip ahead; a read behind it reopens the export.
 * The VHD writer and range requests read forward, so a request costs one export at most.
 */
final class ExportReader implements VhdWriter.Source, AutoCloseable {
    /** Bytes per write to the client: large, so TLS records go out in long runs per wake-up. */
    private static final int BUFFER = 1 << 20;

    private final TransferOps ops;
    private final String vdiUuid;
    private final long size;
    private InputStream in;
    private long pos;

    ExportReader(TransferOps ops, String vdiUuid, long size) {
        this.ops = ops;
        this.vdiUuid = vdiUuid;
        this.size = size;
    }

    @Override
    public void read(long offset, byte[] buf, int len) throws IOException {
        int want = (int) Math.max(0, Math.min(len, size - offset));
        Arrays.fill(buf, want, len, (byte) 0);
        if (want == 0) {
            return;
        }
        seek(offset);
        int got = in.readNBytes(buf, 0, want);
        pos += got;
        if (got < want) {
            throw new IOException("xapi's export of VDI " + vdiUuid + " ended at byte " + pos + " of " + size);
        }
    }

    /** Copies bytes {@code [from, to)} of the disk to {@code out}. */
    void copy(OutputStream out, long from, long to) throws IOException {
        byte[] buf = new byte[BUFFER];
        for (long at = from; at < to; at += buf.length) {
            int n = (int) Math.min(buf.length, to - at);
            read(at, buf, n);
            out.write(buf, 0, n);
        }
    }

    private void seek(long offset) throws IOException {
        if (in == null || offset < pos) {
            close();
            try {
                in = ops.export(vdiUuid);
            } catch (XenFailure f) {
                throw new IOException("xapi refused the export of VDI " + vdiUuid + ": " + f.code(), f);
            }
            pos = 0;
        }
        in.skipNBytes(offset - pos);
        pos = offset;
    }

    @Override
    public void close() throws IOException {
        if (in != null) {
            in.close();
            in = null;
        }
    }
}
