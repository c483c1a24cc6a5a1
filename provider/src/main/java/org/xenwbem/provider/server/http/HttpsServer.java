package org.xenwbem.provider.server.http;

import java.time.Duration;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.xenwbem.provider.config.ServerOptions;
import org.xenwbem.tls.ServerIdentity;
import org.xenwbem.tls.TlsPolicy;

/**
 * The daemon's Jetty server: HTTPS with the project's TLS policy on one connector that caps
 * connections ({@link LimitedConnector}), request deadlines in front of the application's handler
 * ({@link RequestDeadlines}), and plain error pages ({@link PlainErrorHandler}).
 */
public final class HttpsServer {
    /** Connection events go where the request lines go: the access log. */
    static final Logger ACCESS = LoggerFactory.getLogger("xenwbem.access");
    /** At most one line per this period for each kind of connection event. */
    static final Duration SUMMARY_PERIOD = Duration.ofSeconds(10);
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(60);

    /** What a client may hold and how long it may take. */
    public record Limits(int maxConnections, int maxConnectionsPerClient, Duration headerTimeout,
                         Duration bodyTimeout, int bodyMinRate) {
        public static Limits of(ServerOptions o) {
            return new Limits(o.maxConnections, o.maxConnectionsPerClient, o.headerTimeout, o.bodyTimeout,
                    o.bodyMinRate);
        }
    }

    private HttpsServer() {
    }

    /** A server (not started) on {@code bind}:{@code port} serving {@code app}. */
    public static Server create(String bind, int port, ServerIdentity identity, Limits limits, Handler app) {
        QueuedThreadPool threads = new QueuedThreadPool(32, 2);
        threads.setName("xenwbem-http");
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        // Jetty's per-connection cache of header lines is a trie of about 88 KB of heap for each open
        // connection (76 of them were 6.7 MB of the heap under 64 keep-alive clients; 1,024 allowed
        // connections could hold 90 MB): parsing a WS-Man request's dozen headers without it costs less
        http.setHeaderCacheSize(0);
        http.addCustomizer(TlsPolicy.secureRequestCustomizer());
        EventSummary refusals = summary(Level.WARN, "connection refused");
        EventSummary acceptFailures = summary(Level.WARN, "accepting a connection failed");
        LimitedConnector connector = new LimitedConnector(server,
                new ConnectionLimits(limits.maxConnections(), limits.maxConnectionsPerClient()), refusals,
                acceptFailures, TlsPolicy.connectionFactory(identity, "http/1.1"),
                new HttpConnectionFactory(http));
        connector.setHost(bind);
        connector.setPort(port);
        connector.setIdleTimeout(IDLE_TIMEOUT.toMillis());
        RequestDeadlines deadlines = new RequestDeadlines(app, limits.headerTimeout(), limits.bodyTimeout(),
                limits.bodyMinRate(), summary(Level.INFO, "connection too slow"), refusals, acceptFailures);
        connector.addBean(deadlines, false); // its Connection.Listener side; the server manages its life
        server.addConnector(connector);
        server.setHandler(deadlines);
        server.setErrorHandler(new PlainErrorHandler());
        server.setStopTimeout(5000);
        return server;
    }

    private static EventSummary summary(Level level, String event) {
        return new EventSummary(ACCESS, level, event, SUMMARY_PERIOD, System::nanoTime);
    }

    /** The port the server's connector listens on (after start). */
    public static int port(Server server) {
        return ((LimitedConnector) server.getConnectors()[0]).getLocalPort();
    }

    /** The TLS context factory of the server's connector, for reloading a rotated certificate. */
    public static SslContextFactory.Server sslContextFactory(Server server) {
        return server.getConnectors()[0].getConnectionFactory(SslConnectionFactory.class).getSslContextFactory();
    }

    /** Connections refused at accept since the start. */
    public static long refused(Server server) {
        return ((LimitedConnector) server.getConnectors()[0]).refused();
    }
}
