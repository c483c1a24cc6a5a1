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

    /**
     * {@code GET /export_metadata?ref=<vm>&export_snapshots=true}: the VM with its snapshots, VBDs, VDIs, VIFs
     * and networks, no disk content ({@link org.xenwbem.bridge.transfer.VmMetadata}'s tar).
     */
    default byte[] exportMetadata(String vmUuid) throws XenFailure {
        throw new IllegalStateException("this session cannot export VM metadata");
    }

    /**
     * {@code PUT /import_metadata?force=true} of such a tar, reporting on a task: the VMs xapi made
     * (the VM and its snapshots), by uuid. The disks must already be where the metadata says.
     */
    default java.util.List<String> importMetadata(byte[] tar) throws XenFailure {
        throw new IllegalStateException("this session cannot import VM metadata");
    }
}
