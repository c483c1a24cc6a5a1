package org.xenwbem.bridge.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * xapi's plain HTTP handlers ({@code GET /rrd_updates}, {@code /host_rrd}, {@code PUT /import_raw_vdi},
 * {@code GET /export_raw_vdi}, xenapi.md §4) authenticated with the session's {@code session_id} query
 * parameter (a Collection value repeats its key). Bodies are streamed, never buffered whole: a GET on the
 * RPC calls' own HTTP/1.1 client ({@link TcpTransport}, its kept-alive connections), a PUT on the JDK's
 * client, made at the first upload ({@link XenApiClients}). Always over TCP: when the session came through
 * the dom0 Unix socket the local xapi is reached at {@code http://127.0.0.1/} (where it always listens).
 * A request can target another pool member by its {@code address} (same scheme and port): RRD data are
 * served by the host that owns them. The session ref never appears in exceptions or logs.
 */
public final class XenApiHttp {
    /** Where the local xapi listens on TCP in dom0 (xenapi.md §5). */
    static final URI LOCAL_XAPI = URI.create("http://127.0.0.1/");

    private final XenApiConnection connection;
    private final String sessionRef;

    XenApiHttp(XenApiConnection connection, String sessionRef) {
        this.connection = connection;
        this.sessionRef = sessionRef;
    }

    /**
     * {@code GET path?query&session_id=…} at {@code hostAddress} (null: the connection's host); returns
     * the body of a 200 answer, to be closed by the caller. {@code timeout} bounds the wait for the headers.
     */
    public InputStream get(String hostAddress, String path, Map<String, ?> query, Duration timeout)
            throws XenApiTransportException {
        return connection.tcp().get(target(hostAddress, path, query), timeout, path);
    }

    /**
     * {@code PUT path?query&session_id=…} streaming {@code body}; {@code length} &lt; 0 sends it chunked.
     * Returns once xapi has answered 200 (its body is discarded).
     */
    public void put(String hostAddress, String path, Map<String, ?> query, InputStream body, long length,
                    Duration timeout) throws XenApiTransportException {
        HttpRequest.BodyPublisher publisher = length >= 0
                ? HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> body), length)
                : HttpRequest.BodyPublishers.ofInputStream(() -> body);
        put(hostAddress, path, query, publisher, timeout);
    }

    /**
     * As {@link #put(String, String, Map, InputStream, long, Duration)}, the body given as buffers the
     * client sends as they are (no copy into its own): for bodies already held in large arrays.
     */
    public void put(String hostAddress, String path, Map<String, ?> query,
                    java.util.concurrent.Flow.Publisher<java.nio.ByteBuffer> body, long length, Duration timeout)
            throws XenApiTransportException {
        put(hostAddress, path, query, length >= 0 ? HttpRequest.BodyPublishers.fromPublisher(body, length)
                : HttpRequest.BodyPublishers.fromPublisher(body), timeout);
    }

    private void put(String hostAddress, String path, Map<String, ?> query, HttpRequest.BodyPublisher publisher,
                     Duration timeout) throws XenApiTransportException {
        HttpRequest request = HttpRequest.newBuilder(target(hostAddress, path, query)).timeout(timeout)
                .header("User-Agent", XenApiConnection.USER_AGENT)
                .header("Content-Type", "application/octet-stream").PUT(publisher).build();
        try (InputStream answer = send(request, path)) {
            answer.transferTo(java.io.OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new XenApiTransportException(path + ": " + e.getClass().getSimpleName() + " reading the answer", e);
        }
    }

    /** A request on the JDK client (uploads only): the body of its 200 answer. */
    private InputStream send(HttpRequest request, String path) throws XenApiTransportException {
        try {
            HttpResponse<InputStream> response = connection.http().send(request, HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() != 200) {
                try (InputStream in = response.body()) {
                    in.readNBytes(4096);
                }
                throw new XenApiTransportException(path + ": HTTP " + response.statusCode() + " from "
                        + request.uri().getHost(), response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new XenApiTransportException(path + ": " + e.getClass().getSimpleName() + " talking to "
                    + request.uri().getHost() + ":" + request.uri().getPort(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new XenApiTransportException(path + ": interrupted", e);
        }
    }

    private URI target(String hostAddress, String path, Map<String, ?> query) throws XenApiTransportException {
        URI base = connection.isUnixSocket() ? LOCAL_XAPI : connection.url();
        Map<String, Object> all = new LinkedHashMap<>(query);
        all.put("session_id", sessionRef);
        StringJoiner q = new StringJoiner("&");
        all.forEach((k, v) -> {
            for (Object one : v instanceof java.util.Collection<?> c ? c : java.util.List.of(v == null ? "" : v)) {
                q.add(enc(k) + "=" + enc(String.valueOf(one)));
            }
        });
        String host = hostAddress == null || hostAddress.isBlank() ? base.getHost() : hostAddress;
        if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        String port = base.getPort() < 0 ? "" : ":" + base.getPort();
        try {
            return new URI(base.getScheme() + "://" + host + port + path + "?" + q);
        } catch (URISyntaxException e) {
            // not the exception itself: its message repeats the whole URI, session_id included
            throw new XenApiTransportException("unusable address for " + path + " (" + e.getReason() + ")");
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "XenApiHttp[" + connection.url().getHost() + "]";
    }
}
