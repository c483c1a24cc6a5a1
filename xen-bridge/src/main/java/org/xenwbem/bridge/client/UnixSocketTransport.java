package org.xenwbem.bridge.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * {@link HttpTransport} over the dom0 Unix socket ({@code unix:///var/lib/xcp/xapi}, xenapi.md §5): a
 * minimal HTTP/1.1 client on a non-blocking {@link SocketChannel} with a per-call {@link Selector},
 * so that the call timeout needs no extra thread. One connection per call ({@code Connection: close});
 * the answer is read by Content-Length, chunked encoding, or up to end of stream.
 * <p>
 * Only for the daemon's service session: on this socket xapi logs anyone in as the local superuser.
 */
final class UnixSocketTransport implements HttpTransport {
    private static final int MAX_HEADER_BYTES = 64 << 10;
    private static final byte[] HEADER_END = {'\r', '\n', '\r', '\n'};
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] LAST_CHUNK = {'0', '\r', '\n', '\r', '\n'};

    @Override
    public byte[] post(URI target, String path, String contentType, byte[] body, Duration timeout, int maxBytes,
                       String what) throws XenApiTransportException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Path socket = Path.of(target.getPath());
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX); Selector selector = Selector.open()) {
            ch.connect(UnixDomainSocketAddress.of(socket));
            ch.configureBlocking(false);
            writeAll(ch, selector, ByteBuffer.wrap(head(path, contentType, body.length)), deadline);
            writeAll(ch, selector, ByteBuffer.wrap(body), deadline);
            Response r = read(ch, selector, deadline, maxBytes);
            if (r.status != 200) {
                throw new XenApiTransportException(what + ": HTTP " + r.status + " from " + socket);
            }
            return r.body;
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

    private record Response(int status, byte[] body) {
    }

    private static Response read(SocketChannel ch, Selector selector, long deadline, int maxBytes)
            throws IOException {
        ch.register(selector, SelectionKey.OP_READ);
        Buffer acc = new Buffer();
        ByteBuffer buf = ByteBuffer.allocate(64 << 10);
        Head head = null;
        while (true) {
            int n = ch.read(buf);
            if (n > 0) {
                acc.append(buf.array(), n);
                buf.clear();
                if (acc.size > (long) maxBytes + MAX_HEADER_BYTES) {
                    throw new IOException("response exceeds " + maxBytes + " bytes");
                }
            }
            if (head == null) {
                head = Head.parse(acc.data, acc.size);
            }
            if (head != null && (n < 0 || head.complete(acc.data, acc.size))) {
                return new Response(head.status, head.body(acc.data, acc.size));
            }
            if (n < 0) {
                throw new IOException("connection closed before a complete response");
            }
            if (n == 0) {
                await(selector, deadline);
            }
        }
    }

    /** A growable byte array that hands out its backing array (no copy per read). */
    private static final class Buffer {
        byte[] data = new byte[64 << 10];
        int size;

        void append(byte[] src, int n) {
            if (size + n > data.length) {
                data = java.util.Arrays.copyOf(data, Math.max(size + n, data.length * 2));
            }
            System.arraycopy(src, 0, data, size, n);
            size += n;
        }
    }

    /** The parsed status line and the headers that frame the body. */
    private record Head(int status, int bodyStart, long contentLength, boolean chunked) {
        static Head parse(byte[] data, int size) throws IOException {
            int end = indexOf(data, size, HEADER_END, 0);
            if (end < 0) {
                if (size > MAX_HEADER_BYTES) {
                    throw new IOException("response headers too large");
                }
                return null;
            }
            String[] lines = new String(data, 0, end, StandardCharsets.ISO_8859_1).split("\r\n");
            String[] statusLine = lines[0].split(" ", 3);
            if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/1.")) {
                throw new IOException("not an HTTP/1.x response");
            }
            long length = -1;
            boolean chunked = false;
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon <= 0) {
                    continue;
                }
                String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = lines[i].substring(colon + 1).trim();
                if (name.equals("content-length")) {
                    length = Long.parseLong(value);
                } else if (name.equals("transfer-encoding") && value.toLowerCase(Locale.ROOT).contains("chunked")) {
                    chunked = true;
                }
            }
            return new Head(Integer.parseInt(statusLine[1]), end + 4, length, chunked);
        }

        boolean complete(byte[] data, int size) {
            if (chunked) {
                return size >= bodyStart + 5 && indexOf(data, size, LAST_CHUNK, size - 5) == size - 5;
            }
            return contentLength >= 0 && size - bodyStart >= contentLength;
        }

        byte[] body(byte[] data, int size) throws IOException {
            if (chunked) {
                return dechunk(data, size, bodyStart);
            }
            int len = contentLength >= 0 ? (int) Math.min(contentLength, size - bodyStart) : size - bodyStart;
            byte[] out = new byte[len];
            System.arraycopy(data, bodyStart, out, 0, len);
            return out;
        }
    }

    private static byte[] dechunk(byte[] data, int size, int from) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int pos = from;
        while (true) {
            int eol = indexOf(data, size, CRLF, pos);
            if (eol < 0) {
                throw new IOException("truncated chunked body");
            }
            String line = new String(data, pos, eol - pos, StandardCharsets.US_ASCII);
            int semi = line.indexOf(';');
            int n = Integer.parseInt((semi >= 0 ? line.substring(0, semi) : line).trim(), 16);
            if (n == 0) {
                return out.toByteArray();
            }
            if (eol + 2 + n > size) {
                throw new IOException("truncated chunk");
            }
            out.write(data, eol + 2, n);
            pos = eol + 2 + n + 2;
        }
    }

    private static int indexOf(byte[] data, int size, byte[] pattern, int from) {
        outer:
        for (int i = Math.max(0, from); i <= size - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
