package org.xenwbem.bridge.client;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.xenwbem.tls.OutboundTrust;
import org.xenwbem.tls.TlsConfigException;

/**
 * What the connections to one pool share to reach xapi over TCP: our HTTP/1.1 client ({@link TcpTransport},
 * its pool of kept-alive connections) for the RPC calls and the GETs of xapi's HTTP handlers (RRD,
 * metadata, disk export), and, made at the first upload only ({@code PUT /import_raw_vdi}, {@link
 * XenApiHttp}), the JDK HTTP client. The daemon's start, its RPC calls and its RRD sampling never load
 * {@code java.net.http} (≈ 280 classes, a selector thread and its buffers). Over
 * https both verify xapi by one {@link OutboundTrust}: the tls module's policy, never trust-all.
 * Thread-safe; {@link #close} closes the idle connections.
 */
public final class XenApiClients implements AutoCloseable {
    /**
     * The JDK HTTP client moves bodies in buffers of {@code jdk.httpclient.bufsize} bytes (16 KiB by
     * default; its stream publisher reads an upload in them too): a disk then moves as tens of thousands
     * of small buffers a second, which halved the transfer endpoint's rate when exports still went
     * through it (TransferBenchmark). The property is read once, when the JDK client first loads, so it
     * is set here unless the operator did.
     */
    static final int HTTP_READ_BUFFER = 256 << 10;

    static {
        if (System.getProperty("jdk.httpclient.bufsize") == null) {
            System.setProperty("jdk.httpclient.bufsize", Integer.toString(HTTP_READ_BUFFER));
        }
    }

    private final Duration connectTimeout;
    private final OutboundTrust trust;
    private final Executor executor;
    private final TcpTransport tcp;
    private final Object lock = new Object();
    private volatile HttpClient http;

    /**
     * @param executor the JDK client's worker threads (so that they can be named, bounded and stopped),
     *                 or null for the JDK's default
     */
    public XenApiClients(Duration connectTimeout, OutboundTrust trust, Executor executor) {
        this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
        this.trust = Objects.requireNonNull(trust, "trust");
        this.executor = executor;
        this.tcp = new TcpTransport(connectTimeout, trust);
    }

    /** Clients trusting what the system trust store trusts ({@link OutboundTrust#systemDefault()}). */
    public static XenApiClients of(Duration connectTimeout) {
        try {
            return new XenApiClients(connectTimeout, OutboundTrust.systemDefault(), null);
        } catch (TlsConfigException e) {
            throw new IllegalStateException("the JVM's trust store cannot be loaded: " + e.getMessage(), e);
        }
    }

    TcpTransport tcp() {
        return tcp;
    }

    /** The JDK HTTP/1.1 client (no redirects), built at the first call. */
    HttpClient http() {
        HttpClient c = http;
        if (c == null) {
            synchronized (lock) {
                c = http;
                if (c == null) {
                    c = JdkClient.build(connectTimeout, trust, executor);
                    http = c;
                }
            }
        }
        return c;
    }

    /** Closes the idle kept-alive connections of the RPC transport. */
    @Override
    public void close() {
        tcp.close();
    }

    /** Kept apart so that loading {@link XenApiClients} loads none of the JDK client's builder classes. */
    private static final class JdkClient {
        static HttpClient build(Duration connectTimeout, OutboundTrust trust, Executor executor) {
            HttpClient.Builder b = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(connectTimeout)
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .sslContext(trust.clientContext())
                    .sslParameters(trust.clientParameters());
            if (executor != null) {
                b.executor(executor);
            }
            return b.build();
        }
    }
}
