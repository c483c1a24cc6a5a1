package org.xenwbem.bridge.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * {@link HttpTransport} over the dom0 Unix socket ({@code unix:///var/lib/xcp/xapi}, xenapi.md §5): a
 * minimal HTTP/1.1 client on a non-blocking {@link SocketChannel} with a per-call {@link Selector},
 * so that the call timeout (which bounds the whole exchange, body included) needs no extra thread. One
 * connection per call ({@code Connection: close}); the answer ({@link Http1Response}) is framed by
 * Content-Length, chunked encoding, or the end of stream, and read through a 64 KiB buffer as the
 * body reader consumes it.
 * <p>
 * Only for the daemon's service session: on this socket xapi logs anyone in as the local superuser.
 */
final class UnixSocketTransport implements HttpTransport {
    private static final int BUFFER_BYTES = 64 << 10;

    @Override
    public <T> T post(URI target, String path, String contentType, byte[] body, Duration timeout, String what,
                      BodyReader<T> reader) throws XenApiTransportException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Path socket = Path.of(target.getPath());
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX); Selector selector = Selector.open()) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            ch.configureBlocking(false);
            writeAll(ch, selector, ByteBuffer.wrap(head(path, contentType, body.length)), deadline);
            writeAll(ch, selector, ByteBuffer.wrap(body), deadline);
            InputStream in = new ChannelInput(ch, selector, deadline);
            Http1Response response = Http1Response.read(in);
            if (response.status() != 200) {
                throw new XenApiTransportException(what + ": HTTP " + response.status() + " from " + socket);
            }
            return reader.read(response.body(in));
        } catch (IOException e) {
            throw new XenApiTransportException(what + ": " + e.getClass().getSimpleName() + " on " + socket
                    + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"), e);
        }
    }

    private static byte[] head(String path, String contentType, int length) {
        return ("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nUser-Agent: " + XenApiConnection.USER_AGENT
                + "\r\nContent-Type: " + contentType + "\r\nContent-Length: " + length
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static void writeAll(SocketChannel ch, Selector selector, ByteBuffer buf, long deadline)
            throws IOException {
        SelectionKey key = ch.register(selector, SelectionKey.OP_WRITE);
        while (buf.hasRemaining()) {
            if (ch.write(buf) == 0) {
                await(selector, deadline);
            }
        }
        key.interestOps(0);
    }

    private static void await(Selector selector, long deadline) throws IOException {
        long left = (deadline - System.nanoTime()) / 1_000_000L;
        if (left <= 0) {
            throw new java.net.SocketTimeoutException("timed out");
        }
        selector.select(left);
        selector.selectedKeys().clear();
        if (Thread.currentThread().isInterrupted()) {
            throw new java.io.InterruptedIOException("interrupted");
        }
    }

    /** The connection's bytes as a stream, each read waiting no later than the call's deadline. */
    private static final class ChannelInput extends InputStream {
        private final SocketChannel ch;
        private final Selector selector;
        private final long deadline;
        private final ByteBuffer buf = ByteBuffer.allocate(BUFFER_BYTES).flip();
        private boolean eof;

        ChannelInput(SocketChannel ch, Selector selector, long deadline) throws IOException {
            this.ch = ch;
            this.selector = selector;
            this.deadline = deadline;
            ch.register(selector, SelectionKey.OP_READ);
        }

        @Override
        public int read() throws IOException {
            return fill() ? buf.get() & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(len, buf.remaining());
            buf.get(b, off, n);
            return n;
        }

        /** True when at least one byte is buffered; false at the end of stream. */
        private boolean fill() throws IOException {
            while (!buf.hasRemaining() && !eof) {
                buf.clear();
                int n = ch.read(buf);
                buf.flip();
                if (n < 0) {
                    eof = true;
                } else if (n == 0) {
                    await(selector, deadline);
                }
            }
            return buf.hasRemaining();
        }
    }
}
