package org.xenwbem.bridge.client;

import java.io.FilterInputStream;
import java.io.IOException;

/**
 * The body of a GET answer over a {@link TcpTransport} connection, handed to the caller as it arrives:
 * closing it gives the connection back to the pool when the body was read to its end (a few KiB left
 * are read first) and the server allowed keep-alive; otherwise the connection is closed.
 */
final class PooledBody extends FilterInputStream {
    private final TcpTransport transport;
    private final TcpConnection connection;
    private final Http1Response response;
    private boolean closed;
    /** A read failed (a timeout, a reset): the connection is closed without reading what is left. */
    private boolean broken;

    PooledBody(TcpTransport transport, TcpConnection connection, Http1Response response) {
        super(response.body(connection.input()));
        this.transport = transport;
        this.connection = connection;
        this.response = response;
    }

    @Override
    public int read() throws IOException {
        check();
        try {
            return super.read();
        } catch (IOException e) {
            broken = true;
            throw e;
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        check();
        try {
            return super.read(b, off, len);
        } catch (IOException e) {
            broken = true;
            throw e;
        }
    }

    @Override
    public long skip(long n) throws IOException {
        check();
        try {
            return super.skip(n);
        } catch (IOException e) {
            broken = true;
            throw e;
        }
    }

    /** Reads after close would take bytes of a connection that may be someone else's by then. */
    private void check() throws IOException {
        if (closed) {
            throw new IOException("body closed");
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        boolean reusable = false;
        try {
            reusable = !broken && response.reusable() && TcpTransport.drained(in);
        } catch (IOException e) {
            // cut: the connection is closed below
        }
        if (reusable) {
            transport.release(connection);
        } else {
            connection.close();
        }
    }
}
