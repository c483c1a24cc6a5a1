package org.xenwbem.provider.server;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import org.eclipse.jetty.server.Server;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xenwbem.bridge.BridgeConfig;
import org.xenwbem.bridge.XenBridge;
import org.xenwbem.bridge.connect.XenBridges;
import org.xenwbem.bridge.perf.PerfSnapshot;
import org.xenwbem.bridge.perf.RrdSampler;
import org.xenwbem.bridge.perf.ServiceRrdSource;
import org.xenwbem.bridge.spi.PoolShape;
import org.xenwbem.bridge.spi.PoolSimulator;
import org.xenwbem.bridge.spi.PoolSimulators;
import org.xenwbem.bridge.spi.SimulatedXapi;
import org.xenwbem.cim.ClassRepository;
import org.xenwbem.cim.mof.SchemaLoader;
import org.xenwbem.provider.cimom.CimOperations;
import org.xenwbem.provider.cimom.Readiness;
import org.xenwbem.provider.cimom.UserLimits;
import org.xenwbem.provider.cimxml.CimXmlService;
import java.time.Clock;
import org.xenwbem.provider.classes.Catalog;
import org.xenwbem.provider.classes.vm.ComputerSystemProvider;
import org.xenwbem.provider.jobs.JobManager;
import org.xenwbem.provider.jobs.XapiJobStore;
import org.xenwbem.provider.classes.jobs.JobControl;
import org.xenwbem.provider.classes.storage.ConnectionPasswords;
import org.xenwbem.provider.methods.MethodEnvironment;
import org.xenwbem.bridge.storage.OffloadedDisks;
import org.xenwbem.provider.writes.Edits;
import org.xenwbem.provider.classes.Methods;
import org.xenwbem.provider.classes.vm.ConsoleSessions;
import org.xenwbem.provider.classes.common.ProviderContext;
import org.xenwbem.provider.config.ServerOptions;
import org.xenwbem.provider.eventing.Eventing;
import org.xenwbem.provider.cimom.indications.EventingOptions;
import org.xenwbem.provider.server.http.BodyFirstHandler;
import org.xenwbem.provider.server.http.HttpsServer;
import org.xenwbem.provider.status.StatusCollector;
import org.xenwbem.provider.status.StatusReport;
import org.xenwbem.provider.transfer.TransferService;
import org.xenwbem.provider.wsman.WsmanService;
import org.xenwbem.tls.CertificateReloader;
import org.xenwbem.tls.HostNames;
import org.xenwbem.tls.OutboundTrust;
import org.xenwbem.tls.ServerIdentity;
import org.xenwbem.tls.TlsProvider;

/**
 * One running xenwbem: TLS identity, the XenAPI bridge (to real xapi or to an in-process simulated
 * pool), the CIM core with its providers, and Jetty serving /wsman and /cimom over HTTPS. The simulated
 * pool is found at run time ({@link PoolSimulators}): the dom0 pack does not ship it.
 */
public final class Daemon implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Daemon.class);

    private final ServerOptions options;
    private SimulatedXapi sim;
    private String simPassword;
    private XenBridge bridge;
    /** The certificate served now: replaced when its PEM is rotated ({@link #watchCertificate}). */
    private volatile ServerIdentity identity;
    private CertificateReloader certificates;
    private Server server;
    private Eventing eventing;
    private JobManager jobs;
    private RrdSampler sampler;
    private int port;
    private TransferService transfers;
    private java.util.concurrent.CompletableFuture<TransferService> transferStart;
    private final ConsoleSessions consoles = new ConsoleSessions();
    /** Guards {@link #closed} against what starts once the pool is loaded ({@link #startOnPool}). */
    private final Object lifecycle = new Object();
    private boolean closed;
    private FirstSync firstSync;

    private Daemon(ServerOptions options) {
        this.options = options;
    }

    /**
     * Starts everything; returns once the port accepts requests. The pool may still be loading then:
     * Identify and faults are answered at once, what reads the pool waits for it ({@link FirstSync}).
     */
    public static Daemon start(ServerOptions options) throws Exception {
        Daemon d = new Daemon(options);
        try {
            d.startAll();
            return d;
        } catch (Exception | Error e) {
            d.close();
            throw e;
        }
    }

    private void startAll() throws Exception {
        StartTimeline t = new StartTimeline();
        // Conscrypt's native library (~0.1 s of CPU and a file written) loads beside the certificate step;
        // the first TLS context waits for it, and a provider that cannot load fails the step that needs it
        Beside.start("tls", TlsProvider::serverProvider);
        // before anything is written to the state directory: without the simulator, say so and stop
        PoolSimulator simulator = options.simulate ? PoolSimulators.require() : null;
        identity = ServerIdentity.resolve(options.certPem, options.stateDir, HostNames::detect);
        LOG.info("certificate CN={} sha256={} from {}", identity.commonName(), identity.sha256Fingerprint(),
                identity.source());
        t.step("certificate");
        // the disk transfer endpoint (the first Jetty and TLS context) starts beside the bridge and schema steps
        int tport = options.transferPort >= 0 ? options.transferPort : options.port == 0 ? 0 : options.port + 1;
        String host = displayHost();
        ServerIdentity id = identity;
        transferStart = Beside.start("transfer", () -> TransferService.start(options.bind, tport, host, id,
                TransferService.limits(HttpsServer.Limits.of(options))));
        OutboundTrust xapiTrust = OutboundTrust.of(options.xapiTrustFile, options.xapiTrustPins);
        LOG.info("an https xapi must be trusted by {}", xapiTrust);
        bridge = XenBridges.connect(bridgeConfig(simulator), xapiTrust);
        t.step("bridge");
        ClassRepository classes = SchemaLoader.cimv2();
        t.step("schema");
        if (!options.metricsInterval.isZero()) {
            sampler = new RrdSampler(() -> bridge.mirror().current(), new ServiceRrdSource(bridge),
                    options.metricsInterval, Clock.systemUTC());
        }
        RrdSampler perf = sampler;
        OffloadedDisks offload = Offload.of(options, sim);
        ProviderContext pc = new ProviderContext(classes, () -> bridge.mirror().current(), identity.commonName(),
                () -> bridge.thisHostUuid().orElse(""), () -> perf == null ? PerfSnapshot.EMPTY : perf.current(),
                offload);
        jobs = new JobManager(new XapiJobStore(bridge), options.jobThreads, options.jobExpiry, Clock.systemUTC(),
                () -> bridge.thisHostUuid().orElse(""));
        MethodEnvironment env = new MethodEnvironment(bridge, jobs, () -> bridge.mirror().current(), classes,
                offload);
        ComputerSystemProvider systems = new ComputerSystemProvider(pc);
        eventing = eventing(classes, systems);
        t.step("providers");
        transfers = Beside.join(transferStart);
        LOG.info("disk transfer endpoint on port {}", transfers.port());
        t.step("transfer endpoint");
        CimOperations ops = operations(classes, pc, env);
        t.step("operations");
        // the port answers now; what reads the pool waits for its first load (FirstSync)
        firstSync = new FirstSync(bridge.mirror(), FirstSync.WAIT, this::startOnPool);
        startJetty(ops, firstSync);
        t.step("https");
        certificates = watchCertificate();
        LOG.info("xenwbem {} started in {} ms, {} ms after the JVM did ({}); the pool {}", Version.get(),
                t.elapsedMs(), java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime(), t,
                firstSync.ready() ? "is loaded" : "is loading");
    }

    /** Eventing's baseline and the RRD sampler need the loaded pool: started once it is in, unless stopping. */
    private void startOnPool() {
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            eventing.start(bridge.mirror());
            if (sampler != null) {
                sampler.start();
            }
        }
    }

    private Eventing eventing(ClassRepository classes, ComputerSystemProvider systems)
            throws org.xenwbem.tls.TlsConfigException {
        OutboundTrust eventTrust = OutboundTrust.of(options.eventTrustFile, options.eventTrustPins);
        LOG.info("https event subscribers and listeners must be trusted by {}", eventTrust);
        EventingOptions d = EventingOptions.defaults();
        return Eventing.create(classes, new EventingOptions(options.maxSubscriptionsPerUser, d.maxSubscriptions(),
                d.queueCapacity(), d.defaultExpires(), d.maxExpires(), d.minHeartbeat(), d.deliveryTimeout(), d.retries(),
                d.firstBackoff(), d.maxPullWait(), d.deliveryThreads()), eventTrust, systems::toInstance, identity.commonName());
    }

    /** Waits until the pool is loaded and requests that read it are let through; false when {@code timeout} passed first. */
    public boolean awaitPoolLoaded(Duration timeout) throws InterruptedException {
        return firstSync.awaitReady(timeout);
    }

    /**
     * When the certificate came from a PEM (xapi's, or --cert-pem), its rotation is served without a
     * restart: both HTTPS servers reload it ({@link CertificateReloader}). The CN the CIM classes
     * carry stays the one of the start; a rotation that changes it is logged.
     */
    private CertificateReloader watchCertificate() {
        java.util.Optional<java.nio.file.Path> pem = identity.pemFile();
        if (pem.isEmpty() || options.certReloadInterval.isZero()) {
            return null;
        }
        String startCn = identity.commonName();
        LOG.info("checking {} for a rotated certificate every {} s", pem.get(), options.certReloadInterval.toSeconds());
        return new CertificateReloader(pem.get(), identity,
                java.util.List.of(HttpsServer.sslContextFactory(server), transfers.sslContextFactory()))
                .onReload(next -> {
                    identity = next;
                    try {
                        transfers.serve(next);
                    } catch (java.security.cert.CertificateEncodingException e) {
                        LOG.warn("the disk transfer endpoint cannot hand out the new certificate: {}", e.toString());
                    }
                    if (!next.commonName().equals(startCn)) {
                        LOG.warn("the rotated certificate names CN={}, not {}: Xen_HostComputerSystem.CN keeps {}"
                                + " until the daemon restarts", next.commonName(), startCn, startCn);
                    }
                }).start(options.certReloadInterval);
    }

    /** The CIM core: the catalog in root/cimv2, profiles and listeners in root/interop, methods. */
    private CimOperations operations(ClassRepository classes, ProviderContext pc, MethodEnvironment env) {
        JobControl jobControl = new JobControl(env);
        CimOperations.Builder b = CimOperations.builder().namespace(ProviderContext.NAMESPACE, classes)
                .namespace(Eventing.INTEROP, classes);
        // the connect job's Password is kept in memory and shown to its owner only (never in xapi)
        Edits.editable(jobControl.deletable(ConnectionPasswords.revealing(Catalog.providers(pc), transfers)), env)
                .forEach(p -> b.provider(ProviderContext.NAMESPACE, p));
        Catalog.interopProviders(pc).forEach(p -> b.provider(Eventing.INTEROP, p));
        for (String ns : new String[] {Eventing.INTEROP, ProviderContext.NAMESPACE}) {
            eventing.providers(ns).forEach(p -> b.provider(ns, p));
        }
        Methods.all(env, jobControl, transfers, consoles).forEach(m -> b.methods(ProviderContext.NAMESPACE, m));
        return b.build();
    }

    private BridgeConfig bridgeConfig(PoolSimulator simulator) throws IOException {
        if (simulator != null) {
            simPassword = options.simPassword != null ? options.simPassword : generatePassword();
            // every simulated host serves its own /rrd_updates at its address, as real members do
            sim = simulator.start(new PoolShape(options.simHosts, options.simVms, options.simDisksPerVm,
                    options.simNicsPerVm, options.simSeed, simPassword, !options.metricsInterval.isZero(),
                    options.simStorage, options.simStandaloneHosts),
                    "127.0.0.1", 0);
            URI url = sim.url();
            LOG.info("simulated pool listening on {}, storage in {}", url, sim.storageRoot().orElse(null));
            return new BridgeConfig(url, "root", simPassword.toCharArray(), options.credentialCacheTtl,
                    Duration.ofSeconds(30));
        }
        char[] pw = options.xapiPasswordFile == null ? new char[0]
                : Files.readString(options.xapiPasswordFile, StandardCharsets.UTF_8).strip().toCharArray();
        URI service = options.xapiServiceUrl;
        if (service == null) {
            // in dom0 the daemon's own session uses xapi's Unix socket (local superuser, no password);
            // users are still checked over TCP at --xapi
            boolean socket = options.xapiPasswordFile == null && Files.exists(ServerOptions.XAPI_SOCKET);
            service = socket ? URI.create("unix://" + ServerOptions.XAPI_SOCKET) : options.xapiUrl;
        }
        LOG.info("xapi: service session at {}, user checks at {}", service, options.xapiUrl);
        return BridgeConfig.builder().xapiUrl(service).authUrl(options.xapiUrl).serviceUser(options.xapiUser)
                .servicePassword(pw).credentialCacheTtl(options.credentialCacheTtl)
                .callTimeout(Duration.ofSeconds(30)).build();
    }

    private static String generatePassword() {
        byte[] b = new byte[12];
        new SecureRandom().nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private void startJetty(CimOperations ops, Readiness ready) throws Exception {
        WsmanService wsman = new WsmanService(ops, Version.get(), options.maxEnumerationsPerUser, options.enumerationIdle,
                options.maxEnvelopeKb * 1024L);
        UserLimits limits = new UserLimits(options.maxEnumerationsPerUser, options.maxOperationsPerUser);
        wsman.limit(limits.operations()).readiness(ready);
        eventing.register(wsman);
        CimXmlService cimxml = new CimXmlService(ops, options.maxEnvelopeKb * 1024L).limit(limits).readiness(ready);
        // an authenticated request is handled once its body is in: a slow body holds no request thread
        RouterHandler router = new RouterHandler(
                new AuthHandler(bridge.credentials(), new BodyFirstHandler(new WsmanHandler(wsman, options.maxRequestBytes),
                        options.maxRequestBytes)),
                new AuthHandler(bridge.credentials(), new BodyFirstHandler(new CimXmlHandler(cimxml, options.maxRequestBytes),
                        options.maxRequestBytes)),
                new StatusHandler(statusCollector(() -> new StatusReport.Load(wsman.openEnumerations(),
                        cimxml.openEnumerations(), limits.operations().inProgress())), bridge.credentials()));
        server = HttpsServer.create(options.bind, options.port, identity, HttpsServer.Limits.of(options), router);
        server.start();
        port = HttpsServer.port(server);
    }

    /** What the status page reads: the mirror (never xapi itself), the open transfers, the subscriptions. */
    private StatusCollector statusCollector(java.util.function.Supplier<StatusReport.Load> load) {
        return new StatusCollector(Version.get(), this::served, () -> "https://" + displayHost() + ":" + port,
                new StatusCollector.Sources(
                        () -> bridge.mirror().current(), () -> bridge.mirror().health(), transfers.registry()::active,
                        eventing::describe, load), Clock.systemUTC());
    }

    public int port() {
        return port;
    }

    /** The certificate served now, as the status page shows it (it follows a rotated PEM). */
    private StatusCollector.Served served() {
        ServerIdentity id = identity;
        return new StatusCollector.Served(id.commonName(), id.sha256Fingerprint(),
                id.certificate().getIssuerX500Principal().equals(id.certificate().getSubjectX500Principal()));
    }

    /** Connections refused at accept (over a connection cap) since the start. */
    public long connectionsRefused() {
        return HttpsServer.refused(server);
    }

    /** The host to print in URLs: the bind address, or the certificate's CN when bound to all addresses. */
    public String displayHost() {
        String b = options.bind;
        if (b.equals("0.0.0.0") || b.equals("::") || b.isEmpty()) {
            return identity.commonName();
        }
        return b.contains(":") ? "[" + b + "]" : b;
    }

    /** The disk transfer endpoint's port. */
    public int transferPort() {
        return transfers.port();
    }

    public ServerIdentity identity() {
        return identity;
    }

    /** The simulated pool's root password, or null when serving a real pool. */
    public String simPassword() {
        return simPassword;
    }

    /**
     * The in-process simulated pool as its own type (tests: {@code simulatedPool(SimulatedPool.class)}),
     * or null when serving a real pool.
     */
    public <T> T simulatedPool(Class<T> type) {
        return sim == null ? null : type.cast(sim);
    }

    /** The RRD sampler's latest disk and NIC values ({@link PerfSnapshot#EMPTY} when sampling is off). */
    public PerfSnapshot metricsSnapshot() {
        return sampler == null ? PerfSnapshot.EMPTY : sampler.current();
    }

    /** How current the pool mirror is (stale while the pool master is unreachable); unknown before start. */
    public org.xenwbem.bridge.MirrorHealth mirrorHealth() {
        XenBridge b = bridge;
        return b == null ? org.xenwbem.bridge.MirrorHealth.unknown() : b.mirror().health();
    }

    /** The configured sampling period (zero: off). */
    public Duration metricsInterval() {
        return options.metricsInterval;
    }

    @Override
    public void close() {
        synchronized (lifecycle) {
            closed = true;
        }
        if (firstSync != null) {
            firstSync.close();
        }
        if (certificates != null) {
            certificates.close();
        }
        if (eventing != null) {
            eventing.close();
        }
        if (jobs != null) {
            jobs.close();
        }
        if (transfers == null && transferStart != null) { // the start failed while it was starting
            transfers = transferStart.exceptionally(e -> null).join();
        }
        if (transfers != null) {
            transfers.close();
        }
        if (server != null) {
            try {
                server.stop();
            } catch (Exception e) {
                LOG.warn("stopping the HTTPS server failed", e);
            }
            Logging.writeCountedRepeats(); // no request comes any more: the counts go before "stopped"
        }
        if (sampler != null) {
            sampler.close();
        }
        consoles.close();
        if (bridge != null) {
            bridge.close();
        }
        if (sim != null) {
            sim.close();
        }
        LOG.info("xenwbem stopped");
    }
}
