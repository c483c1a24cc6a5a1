package org.xenwbem.provider.transfer;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.Optional;
import org.eclipse.jetty.server.Server;
import org.xenwbem.bridge.ops.PoolSession;
import org.xenwbem.provider.classes.storage.DiskExposure;
import org.xenwbem.provider.server.http.HttpsServer;
import org.xenwbem.tls.ServerIdentity;

/**
 * The transfer endpoint on its own HTTPS port (same certificate and TLS policy as the daemon's):
 * bulk disk traffic gets its own connection caps and threads, so a library copy cannot take the
 * slots of WS-Man clients, and its credentials are per connection rather than xapi's. Expired
 * connections are swept every 30 s.
 */
public final class TransferService implements DiskExposure, AutoCloseable {
    /** Disks moved at once by one host. */
    public static final int MAX_TRANSFERS = 8;
    /**
     * Bytes per read of a request body on this port (Jetty's default is 8 KiB, half a TLS record: every
     * record was decrypted aside and copied out in two pieces).
     */
    static final int INPUT_BUFFER = 256 << 10;
    /**
     * The daemon's suites ({@link org.xenwbem.tls.TlsPolicy#CIPHER_SUITE_PATTERNS}, the same set), AES-128-GCM
     * first: the server's order decides, and the JDK's own order puts AES-256-GCM first (14 AES rounds per
     * block instead of 10). With AES-NI the saving is small — JDK 17's GHASH and per-record work dominate;
     * measured alone, 16 KiB records, medians 1,140 against 1,056 MiB/s — but it costs a library copy
     * nothing. Only this port: the WS-Man port keeps the policy's order. On Conscrypt the order holds for
     * TLS 1.2; BoringSSL picks TLS 1.3 suites in the client's order (AES-GCM at hardware speed either way).
     */
    static final String[] BULK_CIPHER_SUITES = {
        "^TLS_AES_128_GCM_SHA256$",
        "^TLS_AES_256_GCM_SHA384$",
        "^TLS_CHACHA20_POLY1305_SHA256$",
        "^TLS_ECDHE_(ECDSA|RSA)_WITH_AES_128_GCM_SHA256$",
        "^TLS_ECDHE_(ECDSA|RSA)_WITH_AES_256_GCM_SHA384$",
        "^TLS_ECDHE_(ECDSA|RSA)_WITH_CHACHA20_POLY1305_SHA256$",
    };

    private final TransferRegistry registry;
    private final Server server;
    private final ExecutorService workers;
    private final ScheduledExecutorService sweeper;
    private final String host;
    private volatile String certificatePem;

    private TransferService(TransferRegistry registry, Server server, ExecutorService workers,
                            ScheduledExecutorService sweeper, String host, String certificatePem) {
        this.certificatePem = certificatePem;
        this.registry = registry;
        this.server = server;
        this.workers = workers;
        this.sweeper = sweeper;
        this.host = host;
    }

    /** Starts the endpoint on {@code bind}:{@code port} (0: any free port); {@code host} goes in URLs. */
    public static TransferService start(String bind, int port, String host, ServerIdentity identity,
                                        HttpsServer.Limits limits) throws Exception {
        TransferRegistry registry = new TransferRegistry(Clock.systemUTC(), TransferRegistry.DEFAULT_IDLE, MAX_TRANSFERS);
        AtomicInteger n = new AtomicInteger();
        ExecutorService workers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "xenwbem-transfer-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        Server server = HttpsServer.create(bind, port, identity, limits, new TransferHandler(registry, workers));
        HttpsServer.sslContextFactory(server).setIncludeCipherSuites(BULK_CIPHER_SUITES);
        server.getConnectors()[0].getConnectionFactory(org.eclipse.jetty.server.HttpConnectionFactory.class)
                .getHttpConfiguration().setInputBufferSize(INPUT_BUFFER);
        ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "xenwbem-transfer-sweep");
            t.setDaemon(true);
            return t;
        });
        try {
            server.start();
        } catch (Exception e) {
            workers.shutdownNow();
            sweeper.shutdownNow();
            throw e;
        }
        sweeper.scheduleWithFixedDelay(registry::sweep, 30, 30, TimeUnit.SECONDS);
        return new TransferService(registry, server, workers, sweeper, host, pem(identity));
    }

    /** The TLS context factory of the endpoint, for reloading a rotated certificate. */
    public org.eclipse.jetty.util.ssl.SslContextFactory.Server sslContextFactory() {
        return HttpsServer.sslContextFactory(server);
    }

    /** After a certificate rotation: the certificate handed to clients with each transfer URL. */
    public void serve(ServerIdentity identity) throws java.security.cert.CertificateEncodingException {
        certificatePem = pem(identity);
    }

    private static String pem(ServerIdentity identity) throws java.security.cert.CertificateEncodingException {
        String b64 = java.util.Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .encodeToString(identity.certificate().getEncoded());
        return "-----BEGIN CERTIFICATE-----\n" + b64 + "\n-----END CERTIFICATE-----\n";
    }

    @Override
    public Exposed expose(PoolSession session, String vdiUuid, long size, boolean readOnly, Duration timeout) {
        TransferRegistry.Grant g = registry.open(session, vdiUuid, size, readOnly, timeout);
        return new Exposed(g.handle(), url(g.handle()), g.username(), g.password(), certificatePem);
    }

    @Override
    public Optional<String> owner(String handle) {
        return registry.owner(handle);
    }

    @Override
    public Optional<String> password(String handle, String user) {
        return registry.password(handle, user);
    }

    @Override
    public java.util.OptionalInt progress(String handle) {
        return registry.percent(handle);
    }

    @Override
    public boolean disconnect(String handle) {
        return registry.close(handle, "disconnected");
    }

    public TransferRegistry registry() {
        return registry;
    }

    public int port() {
        return HttpsServer.port(server);
    }

    /** The URL of a connection's raw disk (append ".vhd" for the VHD). */
    public String url(String handle) {
        return "https://" + host + ":" + port() + TransferHandler.PREFIX + handle;
    }

    /** Limits for the transfer port: the daemon's caps and deadlines, sized for bulk traffic. */
    public static HttpsServer.Limits limits(HttpsServer.Limits daemon) {
        return new HttpsServer.Limits(Math.min(daemon.maxConnections(), 4 * MAX_TRANSFERS),
                daemon.maxConnectionsPerClient(), daemon.headerTimeout(), Duration.ofSeconds(60), daemon.bodyMinRate());
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
        registry.closeAll();
        try {
            server.stop();
        } catch (Exception e) {
            org.slf4j.LoggerFactory.getLogger(TransferService.class).warn("stopping the transfer endpoint failed", e);
        }
        workers.shutdownNow();
    }
}
