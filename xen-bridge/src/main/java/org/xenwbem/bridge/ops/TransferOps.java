package org.xenwbem.bridge.ops;

import java.io.InputStream;
import org.xenwbem.bridge.transfer.VdiFormat;

/**
 * A disk's content through xapi's HTTP handlers {@code GET /export_raw_vdi} and
 * {@code PUT /import_raw_vdi} (xenapi.md §4), as the session's user: xapi's RBAC decides, and the
 * bytes stream with one copy buffer, never a temporary copy of the disk.
 */
public interface TransferOps {
    /** The VDI's bytes, from offset 0 ({@code format=raw}); the caller closes the stream. */
    InputStream export(String vdiUuid) throws XenFailure;

    /** Writes {@code data} into the VDI from offset 0; {@code length} &lt; 0 when unknown (sent chunked). */
    void importTo(String vdiUuid, VdiFormat format, InputStream data, long length) throws XenFailure;
}
