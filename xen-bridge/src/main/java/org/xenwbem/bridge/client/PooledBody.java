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

    PooledBody(TcpTransport transport, TcpConnection connection, Http1Response response) {
        super(response.body(connection.input()));
        this.transport = transport;
        this.connection = connection;
        this.response = response;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        boolean reusable = false;
        try {
            reusable = response.reusable() && TcpTransport.drained(in);
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
