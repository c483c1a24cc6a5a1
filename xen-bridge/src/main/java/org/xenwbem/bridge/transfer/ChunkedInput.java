package org.xenwbem.bridge.transfer;

import java.io.IOException;

/**
 * An import body that can hand over whole arrays it no longer needs: {@link VdiTransfer#importVdi}
 * sends each as it is to xapi, where an {@link java.io.InputStream} would be copied again into the HTTP
 * client's small buffers. Implemented by the stream given to {@code importVdi}.
 */
public interface ChunkedInput {
    /** The next bytes (never empty), now the caller's; {@code null} at the end. Blocks until there are some. */
    byte[] nextChunk() throws IOException;
}
