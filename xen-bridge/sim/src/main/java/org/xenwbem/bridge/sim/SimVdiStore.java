package org.xenwbem.bridge.sim;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.xenwbem.bridge.transfer.VhdFooter;

/**
 * The content of simulated VDIs for {@code /import_raw_vdi} and {@code /export_raw_vdi}: each VDI's
 * bytes live in its SR's {@link SimBacking} (a sparse file or an RBD image), so what HTTP writes is
 * what VDI.copy, SR.scan and the offload layer see. Reads are padded with zeros up to the VDI's
 * virtual size, as a block device reads; a thin VDI's physical_utilisation follows each import.
 */
final class SimVdiStore {
    private final SimDatabase db;
    private final SimDevices devices;

    SimVdiStore(SimDatabase db, SimDevices devices) {
        this.db = db;
        this.devices = devices;
    }

    private SimBacking backing(String vdiRef) {
        return devices.backing(db.atomically(() -> (String) db.get(SimDevices.VDI, vdiRef, "SR")));
    }

    /** Replaces the VDI's content with {@code data} (at most {@code limit} bytes; more is an error). */
    long write(String vdiRef, String vdiUuid, InputStream data, long limit) throws IOException {
        SimBacking b = backing(vdiRef);
        long n = b.write(vdiUuid, data, limit);
        refreshUsage(vdiRef, b, vdiUuid);
        return n;
    }

    /** Like {@link #write} but for a fixed VHD stream: the last 512 bytes are the footer, checked and dropped. */
    long writeVhd(String vdiRef, String vdiUuid, InputStream data, long limit) throws IOException {
        try (FooterSplitter split = new FooterSplitter(data)) {
            SimBacking b = backing(vdiRef);
            long n = b.write(vdiUuid, new VerifiedTail(split), limit);
            refreshUsage(vdiRef, b, vdiUuid);
            return n;
        }
    }

    /** Streams {@code length} bytes of the VDI: its bytes, then zeros. */
    void read(String vdiRef, String vdiUuid, long length, OutputStream out) throws IOException {
        backing(vdiRef).read(vdiUuid, length, out);
    }

    long storedSize(String vdiRef, String vdiUuid) throws IOException {
        return backing(vdiRef).list().getOrDefault(vdiUuid, 0L);
    }

    private void refreshUsage(String ref, SimBacking b, String uuid) throws IOException {
        long allocated = b.allocated(uuid);
        db.atomically(() -> {
            String sr = (String) db.get(SimDevices.VDI, ref, "SR");
            if (devices.initialUsage(sr, 1) == 0) {
                long old = db.getLong(SimDevices.VDI, ref, "physical_utilisation");
                db.set(SimDevices.VDI, ref, "physical_utilisation", allocated);
                devices.account(sr, allocated - old, 0);
            }
            return null;
        });
    }

    /** Passes the data through and, at its end, checks the footer before the backing commits it. */
    private static final class VerifiedTail extends InputStream {
        private final FooterSplitter in;
        private long count;

        VerifiedTail(FooterSplitter in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            if (n < 0) {
                try {
                    VhdFooter f = VhdFooter.parse(in.footer());
                    if (f.diskType() != VhdFooter.TYPE_FIXED || f.currentSize() != count) {
                        throw new IOException("only fixed VHDs whose footer matches the data are accepted");
                    }
                } catch (IllegalArgumentException e) {
                    throw new IOException(e.getMessage(), e);
                }
            }
            return n;
        }
    }

    /** Passes a stream through except its last 512 bytes, which it keeps as the footer. */
    private static final class FooterSplitter extends InputStream {
        private final InputStream in;
        private final byte[] tail = new byte[VhdFooter.SIZE];
        private int tailLen;
        private boolean eof;

        FooterSplitter(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            while (!eof) {
                byte[] buf = new byte[len + VhdFooter.SIZE];
                System.arraycopy(tail, 0, buf, 0, tailLen);
                int n = in.read(buf, tailLen, len);
                if (n < 0) {
                    eof = true;
                    break;
                }
                int have = tailLen + n;
                int give = Math.max(0, have - VhdFooter.SIZE);
                System.arraycopy(buf, 0, b, off, give);
                tailLen = have - give;
                System.arraycopy(buf, give, tail, 0, tailLen);
                if (give > 0) {
                    return give;
                }
            }
            return -1;
        }

        byte[] footer() throws IOException {
            if (tailLen != VhdFooter.SIZE) {
                throw new IOException("VHD stream shorter than its footer");
            }
            return tail.clone();
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
