package org.xenwbem.provider.diskcli;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One HTTP/1.1 request to the transfer endpoint on its own TLS socket (BITS_POST is no method the
 * JDK's clients send): the request line, headers and an optional body go out, the status and headers
 * come back, and the body is left to the caller to read ({@link #body()}). The socket factory is the
 * one that trusts exactly the certificate the connect job handed over.
 */
final class HttpExchange implements AutoCloseable {
    private final SSLSocket socket;
    private final InputStream in;
    private int status;
    private final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    private HttpExchange(SSLSocket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream(), 256 << 10);
    }

    /** Connects and sends the request head; the body (if any) is then written to {@link #output()}. */
    static HttpExchange open(SSLSocketFactory tls, SSLParameters params, URI target, String method,
                             Map<String, String> headers, String user, String password, int timeoutMillis)
            throws IOException {
        SSLSocket s = (SSLSocket) tls.createSocket();
        try {
            s.setSSLParameters(params);
            s.connect(new InetSocketAddress(target.getHost(), target.getPort()), timeoutMillis);
            s.setSoTimeout(timeoutMillis);
            StringBuilder head = new StringBuilder(method).append(' ').append(target.getRawPath()).append(" HTTP/1.1\r\n")
                    .append("Host: ").append(target.getHost()).append(':').append(target.getPort()).append("\r\n")
                    .append("Authorization: Basic ").append(Base64.getEncoder().encodeToString((user + ":" + password)
                            .getBytes(StandardCharsets.UTF_8))).append("\r\n").append("Connection: close\r\n");
            headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            s.getOutputStream().write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            return new HttpExchange(s);
        } catch (IOException | RuntimeException e) {
            s.close();
            throw e;
        }
    }

    OutputStream output() throws IOException {
        return socket.getOutputStream();
    }

    /** Reads the status line and headers; returns the status. */
    int answer() throws IOException {
        socket.getOutputStream().flush();
        String line = line();
        if (!line.startsWith("HTTP/1.") || line.length() < 12) {
            throw new IOException("not an HTTP answer: " + line);
        }
        status = Integer.parseInt(line.substring(9, 12));
        for (String h = line(); !h.isEmpty(); h = line()) {
            int colon = h.indexOf(':');
            if (colon > 0) {
                headers.put(h.substring(0, colon).strip(), h.substring(colon + 1).strip());
            }
        }
        return status;
    }

    String header(String name) {
        return headers.get(name);
    }

    long contentLength() {
        String v = headers.get("Content-Length");
        return v == null ? -1 : Long.parseLong(v.strip());
    }

    InputStream body() {
        return in;
    }

    /** The body of a short answer (an error's text), at most 4 KiB. */
    String text() throws IOException {
        long n = contentLength();
        byte[] b = in.readNBytes((int) Math.min(4096, n < 0 ? 4096 : n));
        return new String(b, StandardCharsets.UTF_8).strip();
    }

    /** Status and reason, with BITS' error code when there is one, for a message. */
    String describe() throws IOException {
        String bits = header("BITS-Error-Code");
        String text = text();
        return "HTTP " + status + (bits == null ? "" : " (BITS error " + bits.toLowerCase(Locale.ROOT) + ")")
                + (text.isEmpty() ? "" : ": " + text);
    }

    private String line() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("the connection closed in the answer's headers");
            }
            if (sb.length() > 8192) {
                throw new IOException("an answer header is too long");
            }
            if (c != '\r') {
                sb.append((char) c);
            }
        }
        return sb.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
