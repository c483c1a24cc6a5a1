package org.xenwbem.provider.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executor;
import org.xenwbem.provider.cimom.indications.EventTransport;
import org.xenwbem.tls.OutboundTrust;

/**
 * {@link EventTransport} over the JDK HttpClient (HTTP/1.1, no redirects, no cookies). https targets
 * must present a certificate {@link OutboundTrust} accepts (the system trust store, the configured
 * trust file with the host name checked, or a pinned fingerprint); a refused certificate fails the
 * attempt like any connection failure, so the channel retries and then gives up. The client is made at
 * the first delivery: until a subscriber is sent an event, the daemon holds no selector thread and no TLS
 * context for it (issue #15 item 1).
 */
public final class HttpEventTransport implements EventTransport {
    /** The most of a target's answer that is read (an Ack is a few hundred bytes). */
    static final int MAX_ANSWER = 64 * 1024;

    private final Executor executor;
    private final Duration connectTimeout;
    private final OutboundTrust trust;
    private HttpClient client;

    public HttpEventTransport(Executor executor, Duration connectTimeout, OutboundTrust trust) {
        this.executor = executor;
        this.connectTimeout = connectTimeout;
        this.trust = trust;
    }

    private synchronized HttpClient client() {
        if (client == null) {
            client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(connectTimeout).executor(executor)
                    .sslContext(trust.clientContext()).sslParameters(trust.clientParameters()).build();
        }
        return client;
    }

    @Override
    public Reply post(URI target, byte[] body, Map<String, String> headers, Duration timeout)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(target).timeout(timeout)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(b::header);
        HttpResponse<InputStream> r = client().send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        byte[] answer;
        try (InputStream in = r.body()) {
            answer = in.readNBytes(MAX_ANSWER);
        }
        return new Reply(r.statusCode(), answer, r.headers().firstValue("Content-Type").orElse(""));
    }
}
