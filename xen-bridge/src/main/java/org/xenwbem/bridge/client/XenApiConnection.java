package org.xenwbem.bridge.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xenwbem.bridge.xmlrpc.XenApiResult;
import org.xenwbem.bridge.xmlrpc.XmlRpcFormatException;
import org.xenwbem.bridge.xmlrpc.XmlRpcReader;
import org.xenwbem.bridge.xmlrpc.XmlRpcWriter;

/**
 * One xapi endpoint reached over XML-RPC ({@code POST} to the configured URL, HTTP/1.1). Thread-safe.
 * Values come back decoded: String, Long, Boolean, Double, Instant, List, Map, or null.
 * Never logs bodies (they carry passwords and session references).
 */
public final class XenApiConnection {
    private static final Logger LOG = LoggerFactory.getLogger(XenApiConnection.class);
    private static final String LOGIN = "session.login_with_password";
    /** The API version string xapi expects at login. */
    private static final String API_VERSION = "2.0";

    private final HttpClient http;
    private final Duration callTimeout;
    private final XmlRpcReader reader = new XmlRpcReader();
    private volatile URI url;

    public XenApiConnection(URI url, HttpClient http, Duration callTimeout) {
        this.url = Objects.requireNonNull(url, "url");
        this.http = Objects.requireNonNull(http, "http");
        this.callTimeout = Objects.requireNonNull(callTimeout, "callTimeout");
    }

    /** A connection with its own HTTP/1.1 client. */
    public static XenApiConnection create(URI url, Duration connectTimeout, Duration callTimeout) {
        return new XenApiConnection(url, newHttpClient(connectTimeout), callTimeout);
    }

    public static HttpClient newHttpClient(Duration connectTimeout) {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** The current target; changes after a HOST_IS_SLAVE redirect at login. */
    public URI url() {
        return url;
    }

    public Duration callTimeout() {
        return callTimeout;
    }

    public Object call(String method, Object... params) throws XenApiException, XenApiTransportException {
        return call(callTimeout, method, Arrays.asList(params));
    }

    /** One call with its own timeout (e.g. a long-polling {@code event.from}). */
    public Object call(Duration timeout, String method, List<?> params)
            throws XenApiException, XenApiTransportException {
        byte[] body = post(timeout, method, XmlRpcWriter.methodCall(method, params));
        XenApiResult result;
        try {
            result = XenApiResult.fromStruct(reader.readResponse(body));
        } catch (XmlRpcFormatException e) {
            throw new XenApiTransportException(method + ": unreadable response: " + e.getMessage(), e);
        }
        if (result instanceof XenApiResult.Failure f) {
            throw new XenApiException(f.errorDescription());
        }
        return ((XenApiResult.Success) result).value();
    }

    /**
     * {@code session.login_with_password(user, password, "2.0", originator)}. On HOST_IS_SLAVE the
     * connection is re-targeted at the master (same scheme, port and path) and the login retried once.
     */
    public XenApiSession login(String user, char[] password, String originator)
            throws XenApiException, XenApiTransportException {
        try {
            return loginOnce(user, password, originator);
        } catch (XenApiException e) {
            if (e.error() != XenApiError.HOST_IS_SLAVE) {
                throw e;
            }
            URI master = retarget(url, e.param("master_address"));
            LOG.info("xapi at {} is a pool supporter; using the master at {}", url.getHost(), master.getHost());
            url = master;
            return loginOnce(user, password, originator);
        }
    }

    private XenApiSession loginOnce(String user, char[] password, String originator)
            throws XenApiException, XenApiTransportException {
        Object ref = call(callTimeout, LOGIN, Arrays.asList(user, password, API_VERSION, originator));
        if (!(ref instanceof String s) || s.isEmpty()) {
            throw new XenApiTransportException(LOGIN + " returned no session reference");
        }
        return new XenApiSession(this, s, user);
    }

    static URI retarget(URI current, String masterAddress) throws XenApiTransportException {
        try {
            return new URI(current.getScheme(), current.getUserInfo(), masterAddress, current.getPort(),
                    current.getPath(), current.getQuery(), current.getFragment());
        } catch (URISyntaxException e) {
            throw new XenApiTransportException("unusable master address from HOST_IS_SLAVE", e);
        }
    }

    private byte[] post(Duration timeout, String method, String xml) throws XenApiTransportException {
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "text/xml")
                .header("User-Agent", "xenwbem-xen-bridge")
                .POST(HttpRequest.BodyPublishers.ofString(xml, StandardCharsets.UTF_8))
                .build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                if (response.statusCode() != 200) {
                    throw new XenApiTransportException(method + ": HTTP " + response.statusCode() + " from " + url.getHost());
                }
                return reader.readBody(in);
            }
        } catch (IOException e) {
            throw new XenApiTransportException(method + ": " + e.getClass().getSimpleName() + " talking to "
                    + url.getHost() + ":" + url.getPort(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new XenApiTransportException(method + ": interrupted", e);
        }
    }

    @Override
    public String toString() {
        return "XenApiConnection[" + url + "]";
    }
}
