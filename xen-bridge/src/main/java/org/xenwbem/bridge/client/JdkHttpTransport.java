package org.xenwbem.bridge.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** {@link HttpTransport} over TCP with {@code java.net.http} (HTTP/1.1, no redirects). */
final class JdkHttpTransport implements HttpTransport {
    /** More than this after the document, and the connection is closed rather than read to its end. */
    private static final int DRAIN_BYTES = 8 << 10;
    private final HttpClient http;

    JdkHttpTransport(HttpClient http) {
        this.http = http;
    }

    HttpClient client() {
        return http;
    }

    @Override
    public <T> T post(URI target, String path, String contentType, byte[] body, Duration timeout, String what,
                      BodyReader<T> reader) throws XenApiTransportException {
        HttpRequest request = HttpRequest.newBuilder(target.resolve(path))
                .timeout(timeout)
                .header("Content-Type", contentType)
                .header("User-Agent", XenApiConnection.USER_AGENT)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                if (response.statusCode() != 200) {
                    throw new XenApiTransportException(what + ": HTTP " + response.statusCode() + " from "
                            + target.getHost());
                }
                T result = reader.read(in);
                drain(in);
                return result;
            }
        } catch (IOException e) {
            throw new XenApiTransportException(what + ": " + e.getClass().getSimpleName() + " talking to "
                    + target.getHost() + ":" + target.getPort(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new XenApiTransportException(what + ": interrupted", e);
        } finally {
            // the JDK stops a client (closing its connections) once its facade is unreachable
            java.lang.ref.Reference.reachabilityFence(http);
        }
    }

    /** Reads what follows the document (a newline, say) so that the connection can serve the next call. */
    private static void drain(InputStream in) throws IOException {
        byte[] rest = new byte[DRAIN_BYTES];
        int total = 0;
        for (int n; total <= DRAIN_BYTES && (n = in.read(rest)) >= 0; ) {
            total += n;
        }
    }
}
