package org.xenwbem.bridge.storage;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.xenwbem.bridge.jsonrpc.JsonFormatException;
import org.xenwbem.bridge.jsonrpc.JsonReader;
import org.xenwbem.bridge.jsonrpc.JsonWriter;
import org.xenwbem.tls.OutboundTrust;

/**
 * The ONTAP REST API ({@code https://<cluster>/api/...}, HTTP basic authentication, JSON bodies) as
 * NetApp documents it: an asynchronous call answers 202 with {@code {"job":{"uuid":...}}}, and
 * {@code GET /api/cluster/jobs/{uuid}} reports its {@code state} ({@code queued}, {@code running},
 * {@code paused}, {@code success}, {@code failure}) and {@code message}; errors carry
 * {@code {"error":{"message":...,"code":...}}}. The array's certificate is verified by
 * {@link OutboundTrust} (a CA file, or its SHA-256 pinned); there is no way to skip that.
 */
final class OntapRest {
    private static final Duration POLL = Duration.ofMillis(50);

    private final URI base;
    private final String authorization;
    private final OutboundTrust trust;
    private HttpClient http;
    private final Duration jobTimeout;

    OntapRest(URI base, String user, String password, OutboundTrust trust, Duration jobTimeout) {
        this.base = base;
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
        this.trust = trust;
        this.jobTimeout = jobTimeout;
    }

    /** The JDK client, made at the first request (not when the back-end is configured at the daemon's start). */
    private synchronized HttpClient client() {
        if (http == null) {
            http = HttpClient.newBuilder().sslContext(trust.clientContext()).sslParameters(trust.clientParameters())
                    .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();
        }
        return http;
    }

    /** One answer: the HTTP status and the parsed JSON body (an empty map for none). */
    record Answer(int status, Map<?, ?> body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }

        String error() {
            return body.get("error") instanceof Map<?, ?> e ? e.get("message") + " (code " + e.get("code") + ")"
                    : "HTTP " + status;
        }
    }

    Answer get(String pathAndQuery) throws IOException, ArrayError {
        return send(HttpRequest.newBuilder(uri(pathAndQuery)).GET());
    }

    Answer post(String path, Map<String, ?> body) throws IOException, ArrayError {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JsonWriter.write(body))));
    }

    Answer delete(String path) throws IOException, ArrayError {
        return send(HttpRequest.newBuilder(uri(path)).DELETE());
    }

    /** A path segment as ONTAP wants a file path: '/' as %2F, '.' as %2E. */
    static String segment(String path) {
        return URLEncoder.encode(path, StandardCharsets.UTF_8).replace("+", "%20").replace(".", "%2E");
    }

    static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Waits for the job a 202 answer names; returns when it succeeded, throws its message when not. */
    void awaitJob(Answer accepted) throws IOException, ArrayError {
        if (accepted.status() != 202) {
            return;
        }
        Object uuid = accepted.body().get("job") instanceof Map<?, ?> j ? j.get("uuid") : null;
        if (uuid == null) {
            throw new ArrayError("202 answer without a job");
        }
        long deadline = System.nanoTime() + jobTimeout.toNanos();
        while (System.nanoTime() < deadline) {
            Answer a = get("/api/cluster/jobs/" + segment(uuid.toString()) + "?fields=state,message,code");
            if (!a.ok()) {
                throw new ArrayError("job " + uuid + ": " + a.error());
            }
            String state = String.valueOf(a.body().get("state"));
            if ("success".equals(state)) {
                return;
            }
            if ("failure".equals(state)) {
                throw new ArrayError("job " + uuid + " failed: " + a.body().get("message"));
            }
            pause();
        }
        throw new ArrayError("job " + uuid + " did not finish within " + jobTimeout.toSeconds() + " s");
    }

    private static void pause() throws IOException {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted waiting for an ONTAP job", e);
        }
    }

    private URI uri(String pathAndQuery) {
        return base.resolve(pathAndQuery);
    }

    private Answer send(HttpRequest.Builder b) throws IOException, ArrayError {
        HttpRequest request = b.header("Authorization", authorization).header("Accept", "application/json")
                .timeout(Duration.ofSeconds(60)).build();
        try {
            HttpResponse<String> r = client().send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            String text = r.body() == null ? "" : r.body().strip();
            Map<?, ?> body = text.isEmpty() ? Map.of() : (Map<?, ?>) JsonReader.parse(text, 16 << 20, 64);
            return new Answer(r.statusCode(), body);
        } catch (JsonFormatException | ClassCastException e) {
            throw new ArrayError("the array answered " + request.method() + " " + request.uri().getPath()
                    + " with no JSON object: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted calling ONTAP", e);
        }
    }

    @Override
    public String toString() {
        return "ONTAP REST at " + base;
    }
}
