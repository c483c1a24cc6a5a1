package org.xenwbem.bridge.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;

/**
 * Carries one RPC body to xapi and hands the answer, as it arrives, to a {@link BodyReader}: HTTP/1.1
 * over TCP ({@link TcpTransport}) or over the dom0 Unix socket ({@link UnixSocketTransport}). Only a
 * 200 answer is read; anything else, and every I/O failure, is a {@link XenApiTransportException}.
 * The answer is never buffered whole by the transport.
 */
interface HttpTransport {
    /**
     * POSTs {@code body} to {@code path} at {@code target} and returns what {@code reader} makes of the
     * response body (the stream ends with the body). {@code what} names the call in error messages
     * (never a body).
     */
    <T> T post(URI target, String path, String contentType, byte[] body, Duration timeout, String what,
               BodyReader<T> reader) throws XenApiTransportException;

    /** Reads one response body. */
    @FunctionalInterface
    interface BodyReader<T> {
        T read(InputStream body) throws IOException, XenApiTransportException;
    }
}
