package org.xenwbem.provider.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import java.net.Socket;
import org.xenwbem.provider.cimom.indications.EventTransport;

/**
 * {@link EventTransport} over the JDK HttpClient (HTTP/1.1, no redirects, no cookies). https targets
 * are verified against the JVM's default trust store; when configured, loopback targets may present
 * any certificate (for tests and local listeners only).
 */
public final class HttpEventTransport implements EventTransport {
    /** The most of a target's answer that is read (an Ack is a few hundred bytes). */
    static final int MAX_ANSWER = 64 * 1024;

    private final HttpClient verified;
    private final HttpClient loopbackAnyCert;

    public HttpEventTransport(Executor executor, Duration connectTimeout, boolean trustAnyCertificateOnLoopback) {
        this.verified = builder(executor, connectTimeout).build();
        this.loopbackAnyCert = trustAnyCertificateOnLoopback
                ? builder(executor, connectTimeout).sslContext(trustAll()).build() : null;
    }

    private static HttpClient.Builder builder(Executor executor, Duration connectTimeout) {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(connectTimeout).executor(executor);
    }

    @Override
    public Reply post(URI target, byte[] body, Map<String, String> headers, Duration timeout)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(target).timeout(timeout)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(b::header);
        HttpResponse<InputStream> r = clientFor(target).send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        byte[] answer;
        try (InputStream in = r.body()) {
            answer = in.readNBytes(MAX_ANSWER);
        }
        return new Reply(r.statusCode(), answer, r.headers().firstValue("Content-Type").orElse(""));
    }

    private HttpClient clientFor(URI target) {
        if (loopbackAnyCert != null && "https".equalsIgnoreCase(target.getScheme()) && isLoopback(target.getHost())) {
            return loopbackAnyCert;
        }
        return verified;
    }

    static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        String h = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (!h.matches("[0-9.]+|[0-9a-fA-F:]+")) {
            return false;
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static SSLContext trustAll() {
        try {
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, new TrustManager[] {new AnyCertificate()}, new SecureRandom());
            return ssl;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS context", e);
        }
    }

    /** Accepts any certificate and any name: used only for loopback targets when configured. */
    private static final class AnyCertificate extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] c, String a) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] c, String a) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] c, String a, Socket s) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] c, String a, Socket s) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] c, String a, SSLEngine e) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] c, String a, SSLEngine e) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
