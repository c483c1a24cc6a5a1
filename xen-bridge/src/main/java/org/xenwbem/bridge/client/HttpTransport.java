package org.xenwbem.bridge.client;

import java.net.URI;
import java.time.Duration;

/**
 * Carries one RPC body to xapi and brings the answer back: HTTP/1.1 over TCP ({@link JdkHttpTransport})
 * or over the dom0 Unix socket ({@link UnixSocketTransport}). Only a 200 answer is returned; anything
 * else, and every I/O failure, is a {@link XenApiTransportException}.
 */
interface HttpTransport {
    /**
     * POSTs {@code body} to {@code path} at {@code target}; returns at most {@code maxBytes} of the
     * response body. {@code what} names the call in error messages (never a body).
     */
    byte[] post(URI target, String path, String contentType, byte[] body, Duration timeout, int maxBytes,
                String what) throws XenApiTransportException;
}
