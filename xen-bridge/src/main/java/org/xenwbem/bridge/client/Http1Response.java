package org.xenwbem.bridge.client;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The head of an HTTP/1.1 response read from a byte stream, and its body as a stream of its own, framed
 * by Content-Length, by chunked transfer coding, or by the end of the connection (RFC 9112 §6.3). For
 * {@link UnixSocketTransport} and {@link TcpTransport}, which speak HTTP themselves; nothing is buffered
 * beyond one chunk-size line. {@code close} is true when the server ends the connection after this
 * response ({@code Connection: close}, or HTTP/1.0 without {@code keep-alive}, RFC 9112 §9.3).
 */
record Http1Response(int status, long contentLength, boolean chunked, boolean close) {
    private static final int MAX_HEADER_BYTES = 64 << 10;
    private static final int MAX_LINE = 1024;

    /** Reads the status line and headers, up to and including the empty line. */
    static Http1Response read(InputStream in) throws IOException {
        String[] lines = head(in).split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP/1.x response");
        }
        long length = -1;
        boolean chunked = false;
        Boolean keepAlive = null;
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = lines[i].substring(colon + 1).trim();
            if (name.equals("content-length")) {
                length = parseLength(value);
            } else if (name.equals("transfer-encoding") && value.toLowerCase(Locale.ROOT).contains("chunked")) {
                chunked = true;
            } else if (name.equals("connection")) {
                keepAlive = connectionOption(value, keepAlive);
            }
        }
        boolean close = keepAlive == null ? statusLine[0].equals("HTTP/1.0") : !keepAlive;
        try {
            return new Http1Response(Integer.parseInt(statusLine[1]), length, chunked, close);
        } catch (NumberFormatException e) {
            throw new IOException("bad HTTP status line");
        }
    }

    /** The keep-alive wish of one Connection field: "close" wins over "keep-alive"; null when neither. */
    private static Boolean connectionOption(String value, Boolean before) {
        for (String option : value.toLowerCase(Locale.ROOT).split(",")) {
            String o = option.trim();
            if (o.equals("close")) {
                return false;
            }
            if (o.equals("keep-alive") && before == null) {
                before = true;
            }
        }
        return before;
    }

    /** True when the connection can carry another request once this body has been read to its end. */
    boolean reusable() {
        return !close && (chunked || contentLength >= 0);
    }

    private static String head(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream(512);
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed before a complete response");
            }
            head.write(b);
            matched = b == (matched % 2 == 0 ? '\r' : '\n') ? matched + 1 : (b == '\r' ? 1 : 0);
            if (head.size() > MAX_HEADER_BYTES) {
                throw new IOException("response headers too large");
            }
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static long parseLength(String value) throws IOException {
        try {
            long n = Long.parseLong(value);
            if (n < 0) {
                throw new IOException("negative Content-Length");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IOException("bad Content-Length");
        }
    }

    /** The body that follows the head on {@code in}. */
    InputStream body(InputStream in) {
        if (chunked) {
            return new Chunked(in);
        }
        return contentLength >= 0 ? new Sized(in, contentLength) : in;
    }

    /** A framed body over the connection: the bytes left of the current frame, read in one place. */
    private abstract static class Framed extends InputStream {
        final InputStream in;
        long left;

        Framed(InputStream in, long left) {
            this.in = in;
            this.left = left;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        /** Up to {@code len} bytes of what is left of the frame; an end of stream first is {@code early}. */
        int readLeft(byte[] buf, int off, int len, String early) throws IOException {
            int n = in.read(buf, off, (int) Math.min(len, left));
            if (n < 0) {
                throw new EOFException(early);
            }
            left -= n;
            return n;
        }
    }

    /** Exactly {@code length} bytes; an earlier end of stream is an error. */
    private static final class Sized extends Framed {
        Sized(InputStream in, long length) {
            super(in, length);
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            return left == 0 ? -1 : readLeft(buf, off, len, "connection closed before a complete response");
        }
    }

    /** Chunked transfer coding (RFC 9112 §7.1), extensions and trailers skipped. */
    private static final class Chunked extends Framed {
        private boolean done;

        Chunked(InputStream in) {
            super(in, 0);
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (left == 0 && !nextChunk()) {
                return -1;
            }
            int n = readLeft(buf, off, len, "truncated chunk");
            if (left == 0 && !line(in).isEmpty()) {
                throw new IOException("chunk not followed by CRLF");
            }
            return n;
        }

        /** Reads the next chunk-size line; false after the last chunk (and its trailers). */
        private boolean nextChunk() throws IOException {
            if (done) {
                return false;
            }
            String size = line(in);
            int semi = size.indexOf(';');
            try {
                left = Long.parseLong((semi >= 0 ? size.substring(0, semi) : size).trim(), 16);
            } catch (NumberFormatException e) {
                throw new IOException("bad chunk size");
            }
            if (left < 0) {
                throw new IOException("bad chunk size");
            }
            if (left == 0) {
                done = true;
                while (!line(in).isEmpty()) {
                    // a trailer field: not used
                }
                return false;
            }
            return true;
        }
    }

    /** One CRLF-terminated line without its CRLF. */
    private static String line(InputStream in) throws IOException {
        StringBuilder s = new StringBuilder();
        for (int b; (b = in.read()) != '\n'; ) {
            if (b < 0) {
                throw new EOFException("truncated chunked body");
            }
            if (b != '\r') {
                s.append((char) b);
            }
            if (s.length() > MAX_LINE) {
                throw new IOException("chunk line too long");
            }
        }
        return s.toString();
    }
}
