package org.xenwbem.bridge.sim;

import java.io.IOException;
import java.io.InputStream;

/** A filtering stream written in terms of its bulk read: the single-byte read is a bulk read of one byte. */
abstract class BulkInputStream extends InputStream {
    @Override
    public final int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public abstract int read(byte[] b, int off, int len) throws IOException;
}
