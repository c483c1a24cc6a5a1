package org.xenwbem.tests;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Raw HTTPS requests from test code: the JDK HttpClient over HTTP/1.1 (keep-alive), trusting any
 * certificate (the daemon's is self-signed), posting exact bytes with exact headers.
 */
public final class RawHttps {
    private RawHttps() {
    }

    /** An SSLContext that accepts any server certificate. Test code only. */
    public static SSLContext trustAll() {
        try {
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, new TrustManager[] {new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] c, String a) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] c, String a) {
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, new SecureRandom());
            return ssl;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(trustAll())
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** A POST of {@code body} with Basic credentials for root and the given Content-Type. */
    public static HttpRequest post(String url, byte[] body, String contentType) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", contentType)
                .header("Authorization", basic("root", DaemonFixture.PASSWORD))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    public static HttpResponse<byte[]> send(HttpClient http, HttpRequest req) throws Exception {
        return http.send(req, HttpResponse.BodyHandlers.ofByteArray());
    }
}
