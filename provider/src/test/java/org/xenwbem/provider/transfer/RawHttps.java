package org.xenwbem.provider.transfer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * A deliberately small HTTPS/1.1 client for the endpoint tests: it sends exactly what it is told
 * (any method, BITS headers, hostile paths), can drop the connection part-way through a body, and
 * trusts only the daemon's certificate.
 */
public final class RawHttps {
    private final SSLContext tls;
    private final int port;
    private String auth;

    public RawHttps(X509Certificate cert, int port) throws Exception {
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        ks.setCertificateEntry("daemon", cert);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        tls = SSLContext.getInstance("TLS");
        tls.init(null, tmf.getTrustManagers(), null);
        this.port = port;
    }

    public RawHttps as(String user, String password) {
        auth = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return this;
    }

    public record Reply(int status, Map<String, String> headers, byte[] body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    public Reply send(String method, String path, Map<String, String> headers, byte[] body) throws IOException {
        return send(method, path, headers, body, -1);
    }

    /** Sends the request; with {@code dropAfter} ≥ 0, closes the connection after that many body bytes (null reply). */
    public Reply send(String method, String path, Map<String, String> headers, byte[] body, int dropAfter) throws IOException {
        try (SSLSocket s = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", port)) {
            s.setSoTimeout(60_000);
            StringBuilder req = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n");
            if (auth != null) {
                req.append("Authorization: ").append(auth).append("\r\n");
            }
            headers.forEach((k, v) -> req.append(k).append(": ").append(v).append("\r\n"));
            if (body != null && !headers.containsKey("Content-Length")) {
                req.append("Content-Length: ").append(body.length).append("\r\n");
            }
            req.append("Connection: close\r\n\r\n");
            OutputStream out = s.getOutputStream();
            out.write(req.toString().getBytes(StandardCharsets.ISO_8859_1));
            try {
                if (body != null) {
                    out.write(body, 0, dropAfter >= 0 ? dropAfter : body.length);
                }
                out.flush();
            } catch (IOException refusedEarly) {
                // the server answered (and closed) before the whole body was sent: read its answer
                return read(s.getInputStream(), false);
            }
            if (dropAfter >= 0) {
                s.setSoLinger(true, 0);
                return null;
            }
            return read(s.getInputStream(), method.equals("HEAD"));
        }
    }

    private static Reply read(InputStream in, boolean head) throws IOException {
        String status = line(in);
        Map<String, String> h = new LinkedHashMap<>();
        for (String l = line(in); !l.isEmpty(); l = line(in)) {
            int c = l.indexOf(':');
            h.put(l.substring(0, c).strip().toLowerCase(Locale.ROOT), l.substring(c + 1).strip());
        }
        byte[] body;
        if (head) {
            body = new byte[0];
        } else if (h.containsKey("content-length")) {
            body = in.readNBytes(Integer.parseInt(h.get("content-length")));
        } else {
            body = in.readAllBytes();
        }
        return new Reply(Integer.parseInt(status.split(" ")[1]), h, body);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            if (c != '\r') {
                b.write(c);
            }
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }
}
