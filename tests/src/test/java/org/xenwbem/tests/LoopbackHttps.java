package org.xenwbem.tests;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLSocket;

/**
 * HTTP/1.1 over a raw TLS socket from a chosen loopback source address: on Linux every address in
 * 127.0.0.0/8 reaches the daemon on 127.0.0.1, so one test can act as many clients. Exact bytes out,
 * one response in (status, headers, Content-Length body).
 */
final class LoopbackHttps implements AutoCloseable {
    /** One response; header names lower-case. */
    record Reply(int status, Map<String, String> headers, String body, long millis) {
        boolean closes() {
            return "close".equalsIgnoreCase(headers.getOrDefault("connection", ""));
        }
    }

    private final SSLSocket socket;
    private final InputStream in;
    private final OutputStream out;

    private LoopbackHttps(SSLSocket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** A TLS connection to the daemon from {@code source} (e.g. "127.0.0.7"), handshake done. */
    static LoopbackHttps open(int port, String source) throws IOException {
        SSLSocket s = (SSLSocket) RawHttps.trustAll().getSocketFactory()
                .createSocket(InetAddress.getByName("127.0.0.1"), port, InetAddress.getByName(source), 0);
        s.setSoTimeout(30_000);
        s.startHandshake();
        return new LoopbackHttps(s);
    }

    /** Request head for a POST; {@code credentials} "user:password" or null; {@code length} the declared Content-Length. */
    static byte[] head(int port, String path, String credentials, int length) {
        return ("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
                + "Content-Type: application/soap+xml;charset=UTF-8\r\nContent-Length: " + length + "\r\n"
                + (credentials == null ? "" : "Authorization: Basic "
                        + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)) + "\r\n")
                + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** One complete POST on a new connection from {@code source}; the reply and how long it took. */
    static Reply post(int port, String source, String credentials, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        try (LoopbackHttps c = open(port, source)) {
            long t0 = System.nanoTime();
            c.send(head(port, "/wsman", credentials, b.length));
            c.send(b);
            return c.read(t0);
        }
    }

    void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** The certificate the server presented in this connection's handshake. */
    java.security.cert.X509Certificate peerCertificate() throws IOException {
        return (java.security.cert.X509Certificate) socket.getSession().getPeerCertificates()[0];
    }

    void timeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    /** Reads one response; {@code t0} (System.nanoTime) is when the request was sent. */
    Reply read(long t0) throws IOException {
        StringBuilder head = new StringBuilder();
        while (head.length() < 4 || !head.substring(head.length() - 4).equals("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) {
                throw new EOFException("connection closed after: " + head);
            }
            head.append((char) c);
        }
        String[] lines = head.toString().split("\r\n");
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
        return new Reply(Integer.parseInt(lines[0].split(" ")[1]), headers, body, (System.nanoTime() - t0) / 1_000_000);
    }

    /** True when the server has closed the connection (end of stream within {@code millis}). */
    boolean closedByServer(int millis) throws IOException {
        socket.setSoTimeout(millis);
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
