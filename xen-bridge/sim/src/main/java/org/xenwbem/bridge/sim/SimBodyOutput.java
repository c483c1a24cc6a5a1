package org.xenwbem.bridge.sim;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Blocker;

/**
 * A response body written with blocking writes, as a stream and as a channel: a {@link SimBacking}
 * that reads its bytes into (direct) buffers hands them to Jetty as they are, with no copy into a
 * {@code byte[]} on the way to the socket. Closing it ends the response.
 */
final class SimBodyOutput extends OutputStream implements WritableByteChannel {
    private final Response response;
    private boolean closed;

    SimBodyOutput(Response response) {
        this.response = response;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        write(ByteBuffer.wrap(b, off, len));
    }

    /** Writes all of {@code src} (the caller may reuse it on return). */
    @Override
    public int write(ByteBuffer src) throws IOException {
        int n = src.remaining();
        send(false, src);
        src.position(src.limit());
        return n;
    }

    @Override
    public boolean isOpen() {
        return !closed;
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            send(true, null);
        }
    }

    private void send(boolean last, ByteBuffer b) throws IOException {
        if (closed && !last) {
            throw new IOException("the response body is closed");
        }
        try (Blocker.Callback cb = Blocker.callback()) {
            response.write(last, b, cb);
            cb.block();
        }
    }
}
