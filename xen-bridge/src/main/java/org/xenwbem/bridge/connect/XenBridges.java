package org.xenwbem.bridge.connect;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.xenwbem.bridge.BridgeConfig;
import org.xenwbem.bridge.CredentialChecker;
import org.xenwbem.bridge.XenBridge;
import org.xenwbem.bridge.auth.XapiCredentialChecker;
import org.xenwbem.bridge.client.PoolMaster;
import org.xenwbem.bridge.client.XenApiClients;
import org.xenwbem.bridge.client.XenApiConnection;
import org.xenwbem.bridge.mirror.XapiPoolMirror;
import org.xenwbem.tls.OutboundTrust;
import org.xenwbem.tls.TlsConfigException;

/** Creates {@link XenBridge}s. */
public final class XenBridges {
    private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Prefix of every thread the bridge starts (the mirror's and the HTTP client's workers). */
    public static final String THREAD_PREFIX = "xen-bridge-";
    /** Worker threads of the bridge's HTTP client, at most. */
    static final int HTTP_THREADS = 4;

    private XenBridges() {
    }

    /**
     * The mirror's and the users' connections share one {@link PoolMaster}: when the mirror finds a new
     * master after a failover, credential checks and users' sessions go there too, and while the master
     * is unreachable users' calls fail at once saying so.
     * <p>
     * Starts the pool mirror against {@code config.xapiUrl()} and returns at once; use
     * {@code bridge.mirror().awaitInitialSync(...)} to wait for the first snapshot. Credential checks
     * go to {@code config.authUrl()}, always over TCP.
     */
    public static XenBridge connect(BridgeConfig config) {
        try {
            return connect(config, OutboundTrust.systemDefault());
        } catch (TlsConfigException e) {
            throw new IllegalStateException("the JVM's trust store cannot be loaded: " + e.getMessage(), e);
        }
    }

    /** As {@link #connect(BridgeConfig)}, an https xapi verified by {@code xapiTrust}. */
    public static XenBridge connect(BridgeConfig config, OutboundTrust xapiTrust) {
        Duration connect = config.callTimeout().compareTo(MAX_CONNECT_TIMEOUT) < 0
                ? config.callTimeout() : MAX_CONNECT_TIMEOUT;
        ExecutorService httpThreads = httpThreads();
        // RPC calls and the GETs of xapi's HTTP handlers go over the clients' own keep-alive HTTP/1.1
        // connections; the JDK client (with these threads) is made only when a disk is first uploaded
        XenApiClients http = new XenApiClients(connect, xapiTrust, httpThreads);
        PoolMaster master = new PoolMaster();
        XenApiConnection mirrorConnection = new XenApiConnection(config.xapiUrl(), http, config.callTimeout(),
                config.protocol(), master);
        XenApiConnection authConnection = new XenApiConnection(config.authUrl(), http, config.callTimeout(),
                config.protocol(), master);
        char[] password = config.servicePassword();
        XapiPoolMirror mirror = new XapiPoolMirror(mirrorConnection, config.serviceUser(), password);
        // the mirror's probe of the master measures a slow xapi; a known-good password is then let in
        // while its re-check is slow (a late answer to a login alone may be xapi's delay for a refusal)
        CredentialChecker checker = new XapiCredentialChecker(authConnection, config.credentialCacheTtl(),
                () -> mirror.health().slowAnswer().isPresent());
        ServiceSession service = new ServiceSession(mirrorConnection, config.serviceUser(), password);
        Arrays.fill(password, '\0');
        mirror.start();
        return new DefaultXenBridge(mirror, checker, http, httpThreads, authConnection, service,
                new org.xenwbem.bridge.ops.RefMemo(), new org.xenwbem.bridge.ops.Logouts(THREAD_PREFIX),
                new org.xenwbem.bridge.ops.ReadSessions(THREAD_PREFIX));
    }

    /**
     * The HTTP client's workers: at most {@value #HTTP_THREADS}, idle ones ending after a minute. The
     * JDK's default (a cached pool) grew a thread per concurrent xapi call under load (45 -> 97 threads
     * with 64 clients); its tasks are short non-blocking steps of the exchanges (a caller waiting in
     * {@code send} or reading a body does not hold one), so a few threads and a queue serve any load.
     */
    private static ExecutorService httpThreads() {
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(HTTP_THREADS, HTTP_THREADS, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, THREAD_PREFIX + "http-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /** The bridge: a started mirror, a credential checker, and the HTTP client's worker threads. */
    private record DefaultXenBridge(XapiPoolMirror mirror, CredentialChecker credentials, XenApiClients http,
                                    ExecutorService httpThreads,
                                    XenApiConnection authConnection, ServiceSession service,
                                    org.xenwbem.bridge.ops.RefMemo refs, org.xenwbem.bridge.ops.Logouts logouts,
                                    org.xenwbem.bridge.ops.ReadSessions reads)
            implements XenBridge {
        @Override
        public org.xenwbem.bridge.ops.PoolSession openSession(String user, char[] password)
                throws org.xenwbem.bridge.ops.XenFailure {
            // this pool's refs (another host's, below, are not) and logouts after the answer
            return org.xenwbem.bridge.ops.XapiPoolSession.login(authConnection, user, password, refs, logouts);
        }

        @Override
        public org.xenwbem.bridge.ops.PoolSession openReadSession(String user, char[] password)
                throws org.xenwbem.bridge.ops.XenFailure {
            return reads.lease(user, password, () -> openSession(user, password));
        }

        @Override
        public org.xenwbem.bridge.ops.PoolSession openSessionOn(String hostAddress, String user, char[] password)
                throws org.xenwbem.bridge.ops.XenFailure {
            return org.xenwbem.bridge.ops.XapiPoolSession.login(authConnection.onHost(hostAddress), user, password);
        }

        @Override
        public org.xenwbem.bridge.ops.PoolSession serviceSession() throws org.xenwbem.bridge.ops.XenFailure {
            return service.get();
        }

        @Override
        public Optional<String> thisHostUuid() {
            return mirror.thisHostUuid();
        }

        @Override
        public void close() {
            reads.close(); // its sessions go out through the logouts, sent just below
            logouts.close();
            service.close();
            mirror.close();
            http.close();
            httpThreads.shutdownNow();
            try {
                httpThreads.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
