package org.xenwbem.bridge.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xenwbem.bridge.xmlrpc.XenApiResult;
import org.xenwbem.bridge.xmlrpc.XmlRpcReader;

/**
 * One xapi endpoint reached over XML-RPC (default) or JSON-RPC ({@link XenApiProtocol}), over TCP
 * ({@code http://}, {@code https://}) or the dom0 Unix socket ({@code unix:///var/lib/xcp/xapi}).
 * Thread-safe. Values come back decoded: String, Long, Boolean, Double, Instant, List, Map, or null.
 * <p>
 * HOST_IS_SLAVE (the URL names a pool supporter, or the master moved) re-targets the connection at
 * the master named in the error (same scheme, port and path) and repeats the call, at login and
 * mid-session alike (sessions are pool-wide). A connection given a {@link PoolMaster} shares the
 * master's whereabouts with the bridge's other connections: a redirect moves them all,
 * {@link #locateMaster} finds a new master among the known members after the old one stopped answering,
 * and while the pool master is known to be unreachable calls fail at once with that reason.
 * Never logs bodies: they carry passwords and session refs.
 */
public final class XenApiConnection {
    private static final Logger LOG = LoggerFactory.getLogger(XenApiConnection.class);
    static final String USER_AGENT = "xenwbem-xen-bridge";
    /** URL scheme of the dom0 Unix socket. */
    public static final String UNIX_SCHEME = "unix";
    private static final String LOGIN = "session.login_with_password";
    /** The API version string xapi expects at login. */
    private static final String API_VERSION = "2.0";
    /** A master that moved twice during one call is not worth chasing further. */
    private static final int MAX_REDIRECTS = 2;
    /**
     * Bound on a streamed answer ({@link #callStreamed}): it is never held whole, so only a runaway
     * stream is refused (a 10,000-VM pool's largest get_all_records is well under 100 MiB).
     */
    static final long MAX_STREAMED_BYTES = 4L << 30;
    private final XenApiClients clients;
    private final HttpTransport transport;
    private final RpcCodec codec;
    private final XenApiProtocol protocol;
    private final Duration callTimeout;
    private final PoolMaster pool;
    private volatile URI url;

    public XenApiConnection(URI url, XenApiClients clients, Duration callTimeout) {
        this(url, clients, callTimeout, XenApiProtocol.XML_RPC);
    }

    public XenApiConnection(URI url, XenApiClients clients, Duration callTimeout, XenApiProtocol protocol) {
        this(url, clients, callTimeout, protocol, null);
    }

    /**
     * A connection that follows the pool's master with the other connections sharing {@code pool} (null:
     * alone); over TCP its calls go through {@code clients}' kept-alive connections.
     */
    public XenApiConnection(URI url, XenApiClients clients, Duration callTimeout, XenApiProtocol protocol,
                            PoolMaster pool) {
        this.pool = isUnix(url) ? null : pool;
        this.url = Objects.requireNonNull(url, "url");
        this.clients = Objects.requireNonNull(clients, "clients");
        this.callTimeout = Objects.requireNonNull(callTimeout, "callTimeout");
        this.protocol = Objects.requireNonNull(protocol, "protocol");
        this.codec = RpcCodec.of(protocol);
        this.transport = isUnix(url) ? new UnixSocketTransport() : clients.tcp();
    }

    /** A connection with clients of its own, trusting the system trust store over https. */
    public static XenApiConnection create(URI url, Duration connectTimeout, Duration callTimeout) {
        return new XenApiConnection(url, XenApiClients.of(connectTimeout), callTimeout);
    }

    public static XenApiConnection create(URI url, Duration connectTimeout, Duration callTimeout,
                                          XenApiProtocol protocol) {
        return new XenApiConnection(url, XenApiClients.of(connectTimeout), callTimeout, protocol);
    }

    /** True for {@code unix:} URLs (the dom0 socket, which accepts any credentials). */
    public static boolean isUnix(URI url) {
        return url.getScheme() != null && UNIX_SCHEME.equals(url.getScheme().toLowerCase(Locale.ROOT));
    }

    /** The current target; changes after a HOST_IS_SLAVE redirect. */
    /**
     * A connection to another host's xapi on the same scheme, port and path (every host of a pool
     * listens on the same port), sharing this one's HTTP client. {@code host} is a host name or an
     * IPv4 address; anything else is refused.
     */
    public XenApiConnection onHost(String host) {
        if (isUnix(url) || host == null || !host.matches("[A-Za-z0-9]([A-Za-z0-9.-]{0,252})")) {
            throw new IllegalArgumentException("not a host name or IPv4 address: " + host);
        }
        try {
            URI other = new URI(url.getScheme(), null, host, url.getPort(), url.getPath(), null, null);
            return new XenApiConnection(other, clients, callTimeout, protocol, null);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("not a host name: " + host, e);
        }
    }

    /** The current target: the configured URL, or the master it moved to. */
    public URI url() {
        URI base = url;
        String moved = pool == null ? null : pool.address().orElse(null);
        if (moved == null || moved.equals(base.getHost())) {
            return base;
        }
        try {
            return retarget(base, moved);
        } catch (XenApiTransportException e) {
            return base;
        }
    }

    /** The master's whereabouts this connection shares, if any. */
    public java.util.Optional<PoolMaster> poolMaster() {
        return java.util.Optional.ofNullable(pool);
    }

    /**
     * Finds the pool's master among the current target and the known members (see {@link MasterLocator});
     * when found, every connection sharing the {@link PoolMaster} uses it and the outage ends. Empty when
     * no member answers as master (or there is no {@link PoolMaster}).
     */
    public java.util.Optional<String> locateMaster(Duration probeTimeout) {
        if (pool == null) {
            return java.util.Optional.empty();
        }
        java.util.Optional<String> found = new MasterLocator(this).locate(url().getHost(), pool.members(), probeTimeout);
        found.ifPresent(a -> {
            pool.moveTo(a);
            pool.markReachable();
        });
        return found;
    }

    /**
     * One probe of the current target, told apart: answered as master (with how long it took, so that a
     * slow master is not mistaken for a dead one), moved, unreachable, or silent for {@code probeTimeout}.
     */
    public Probe probeMaster(Duration probeTimeout) {
        return new MasterLocator(this).probe(url().getHost(), probeTimeout);
    }

    /** One call to {@code target} alone: no redirect, no outage check (for {@link MasterLocator}). */
    XenApiResult probe(URI target, Duration timeout, String method, List<?> params) throws XenApiTransportException {
        return exchange(target, timeout, method, params, null);
    }

    public boolean isUnixSocket() {
        return isUnix(url);
    }

    public XenApiProtocol protocol() {
        return protocol;
    }

    public Duration callTimeout() {
        return callTimeout;
    }

    /** The TCP HTTP client, for the HTTP handlers beside the RPC ones (RRD, VDI transfer): made at first use. */
    java.net.http.HttpClient http() {
        return clients.http();
    }

    /** The RPC calls' HTTP/1.1 client, for the GETs of xapi's HTTP handlers (RRD, metadata, disk export). */
    TcpTransport tcp() {
        return clients.tcp();
    }

    public Object call(String method, Object... params) throws XenApiException, XenApiTransportException {
        return call(callTimeout, method, Arrays.asList(params));
    }

    /** One call with its own timeout (e.g. a long-polling {@code event.from}). */
    public Object call(Duration timeout, String method, List<?> params)
            throws XenApiException, XenApiTransportException {
        return invoke(timeout, method, params, null);
    }

    /**
     * A call whose result is a struct (e.g. {@code VM.get_all_records}), read as it arrives: each member
     * (ref → record) goes to {@code members} as soon as it is decoded and is not kept, so that neither
     * the answer's bytes nor the whole decoded struct are ever held (over JSON-RPC the document is parsed
     * whole first). A failure may come after some members were handed out.
     */
    public void callStreamed(Duration timeout, String method, List<?> params, BiConsumer<String, Object> members)
            throws XenApiException, XenApiTransportException {
        invoke(timeout, method, params, Objects.requireNonNull(members, "members"));
    }

    private Object invoke(Duration timeout, String method, List<?> params, BiConsumer<String, Object> members)
            throws XenApiException, XenApiTransportException {
        java.util.Optional<String> outage = pool == null ? java.util.Optional.empty() : pool.outage();
        if (outage.isPresent() && !"session.logout".equals(method)) { // a logout is tried anyway: no session left behind
            throw new XenApiTransportException(outage.get());
        }
        for (int hop = 0; ; hop++) {
            URI target = url();
            XenApiResult result = exchange(target, timeout, method, params, members);
            if (result instanceof XenApiResult.Success s) {
                return s.value();
            }
            XenApiException e = new XenApiException(((XenApiResult.Failure) result).errorDescription());
            if (e.error() != XenApiError.HOST_IS_SLAVE || hop >= MAX_REDIRECTS || isUnix(target)) {
                throw e;
            }
            URI master = retarget(target, e.param("master_address"));
            if (master.equals(target)) {
                throw e;
            }
            LOG.info("xapi at {} is a pool supporter; using the master at {}", target.getHost(), master.getHost());
            if (pool != null) {
                pool.moveTo(master.getHost());
            } else {
                url = master;
            }
        }
    }

    /**
     * One POST, its answer decoded as it arrives. A read-only call ({@code get_*}, {@code event.from})
     * that failed on a connection closed before any answer (typically a pooled keep-alive connection the
     * server had just closed) is sent once more; other calls are never repeated, since xapi may have run
     * them, nor is a call whose answer had begun to arrive.
     */
    private XenApiResult exchange(URI target, Duration timeout, String method, List<?> params,
                                  BiConsumer<String, Object> members) throws XenApiTransportException {
        byte[] body = codec.encode(method, params);
        long limit = members == null ? XmlRpcReader.DEFAULT_MAX_BYTES : MAX_STREAMED_BYTES;
        AtomicBoolean answered = new AtomicBoolean();
        HttpTransport.BodyReader<XenApiResult> decode = in -> {
            answered.set(true);
            return codec.decode(method, in, limit, members);
        };
        try {
            return transport.post(target, codec.path(target), codec.contentType(), body, timeout, method, decode);
        } catch (XenApiTransportException e) {
            if (!readOnly(method) || !closedEarly(e) || answered.get()) {
                throw e;
            }
            LOG.debug("{}: connection closed before an answer; retrying once", method);
            return transport.post(target, codec.path(target), codec.contentType(), body, timeout, method, decode);
        }
    }

    static boolean readOnly(String method) {
        int dot = method.lastIndexOf('.');
        String message = dot < 0 ? method : method.substring(dot + 1);
        return message.startsWith("get_") || "event.from".equals(method);
    }

    private static boolean closedEarly(XenApiTransportException e) {
        Throwable c = e.getCause();
        return c instanceof java.io.IOException && !(c instanceof java.net.SocketTimeoutException)
                && !(c instanceof java.net.ConnectException) && !(c instanceof java.io.InterruptedIOException)
                && !Thread.currentThread().isInterrupted();
    }

    /**
     * {@code session.login_with_password(user, password, "2.0", originator)}, following HOST_IS_SLAVE to
     * the master.
     */
    public XenApiSession login(String user, char[] password, String originator)
            throws XenApiException, XenApiTransportException {
        return login(user, password, originator, callTimeout);
    }

    /** {@link #login(String, char[], String)} with its own timeout (xapi delays a failed login by 5 s). */
    public XenApiSession login(String user, char[] password, String originator, Duration timeout)
            throws XenApiException, XenApiTransportException {
        Object ref = call(timeout, LOGIN, Arrays.asList(user, password, API_VERSION, originator));
        if (!(ref instanceof String s) || s.isEmpty()) {
            throw new XenApiTransportException(LOGIN + " returned no session reference");
        }
        return new XenApiSession(this, s, user);
    }

    static URI retarget(URI current, String masterAddress) throws XenApiTransportException {
        if (masterAddress == null || masterAddress.isBlank()) {
            throw new XenApiTransportException("HOST_IS_SLAVE without a master address");
        }
        try {
            return new URI(current.getScheme(), current.getUserInfo(), masterAddress, current.getPort(),
                    current.getPath(), current.getQuery(), current.getFragment());
        } catch (URISyntaxException e) {
            throw new XenApiTransportException("unusable master address from HOST_IS_SLAVE", e);
        }
    }

    @Override
    public String toString() {
        return "XenApiConnection[" + url() + ", " + protocol + "]";
    }
}
