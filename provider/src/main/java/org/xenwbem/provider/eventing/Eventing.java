package org.xenwbem.provider.eventing;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xenwbem.bridge.PoolMirror;
import org.xenwbem.bridge.VmRecord;
import org.xenwbem.cim.CimInstance;
import org.xenwbem.cim.ClassRepository;
import org.xenwbem.provider.classes.lifecycle.IndicationSource;
import org.xenwbem.provider.classes.lifecycle.VmChangeDetector;
import org.xenwbem.provider.cimom.InstanceProvider;
import org.xenwbem.provider.cimom.indications.CimXmlListeners;
import org.xenwbem.provider.cimom.indications.DeliveryChannel;
import org.xenwbem.provider.cimom.indications.EventTransport;
import org.xenwbem.provider.cimom.indications.EventingOptions;
import org.xenwbem.provider.cimom.indications.IndicationSchema;
import org.xenwbem.provider.cimxml.export.CimXmlExporter;
import org.xenwbem.provider.delivery.HttpEventTransport;
import org.xenwbem.provider.wsman.WsmanService;
import org.xenwbem.provider.wsman.eventing.WsEventing;
import org.xenwbem.tls.OutboundTrust;

/**
 * Indications and their delivery, assembled: the pool mirror's changes become Xen_ComputerSystem
 * lifecycle indications ({@code classes.lifecycle}), delivered to WS-Eventing subscribers (Push,
 * PushWithAck, Pull; {@code wsman.eventing}) and to CIM-XML listeners ({@code cimom.indications},
 * {@code cimxml.export}), over HTTP ({@code delivery}). When the schema lacks the indication
 * classes, eventing is off: this is logged as an error at start, and Subscribe answers a fault that
 * names the missing classes.
 *
 * <p>Threads (all named {@code xenwbem-eventing-*}, all stopped by {@link #close}): one computing
 * indications, one timer (expiry, heartbeats, retry backoff), {@code deliveryThreads} delivering,
 * and the HTTP client's own.
 */
public final class Eventing implements AutoCloseable {
    public static final String INTEROP = "root/interop";
    private static final Logger LOG = LoggerFactory.getLogger(Eventing.class);

    private final EventingOptions options;
    private final ClassRepository classes;
    private final IndicationSchema schema;
    private final ExecutorService indicationThread = Executors.newSingleThreadExecutor(threads("indications"));
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(threads("timer"));
    private final ExecutorService delivery;
    private final ExecutorService httpThreads = Executors.newCachedThreadPool(threads("http"));
    private final WsEventing subscriptions;
    private final CimXmlListeners listeners;
    private final IndicationSource source;

    private Eventing(ClassRepository classes, EventingOptions options, OutboundTrust trust,
                     Function<VmRecord, CimInstance> toInstance, String hostName, Clock clock) {
        this.options = options;
        this.classes = classes;
        IndicationSchema s = null;
        String why = null;
        try {
            s = new IndicationSchema(classes, hostName);
        } catch (IllegalStateException e) {
            why = "eventing is unavailable: " + e.getMessage();
            LOG.error("{}", why);
        }
        this.schema = s;
        this.delivery = Executors.newFixedThreadPool(options.deliveryThreads(), threads("delivery"));
        EventTransport transport = new HttpEventTransport(httpThreads, options.deliveryTimeout(), trust);
        this.listeners = s == null ? null : new CimXmlListeners(s, hostName, uri -> exportChannel(uri, transport),
                () -> options.maxSubscriptions() - subscriptionCount(), options.maxSubscriptionsPerUser());
        this.subscriptions = new WsEventing(s, why, options, clock, delivery, timer, transport,
                () -> listeners == null ? 0 : listeners.subscriptions());
        this.source = s == null ? null : new IndicationSource(new VmChangeDetector(s, toInstance), indicationThread, clock);
        if (source != null) {
            source.addSink(subscriptions::deliver);
            source.addSink(listeners::deliver);
        }
        timer.scheduleWithFixedDelay(subscriptions::sweep, 250, 250, TimeUnit.MILLISECONDS);
    }

    /**
     * @param trust      which certificates https subscribers and listeners may present
     * @param toInstance the Xen_ComputerSystem instance of a VM (ComputerSystemProvider's mapping)
     * @param hostName   this host's name (the certificate CN), for SystemName and SourceInstanceHost
     */
    public static Eventing create(ClassRepository classes, EventingOptions options, OutboundTrust trust,
                                  Function<VmRecord, CimInstance> toInstance, String hostName) {
        return new Eventing(classes, options, trust, toInstance, hostName, Clock.systemUTC());
    }

    static Eventing create(ClassRepository classes, EventingOptions options, OutboundTrust trust,
                           Function<VmRecord, CimInstance> toInstance, String hostName, Clock clock) {
        return new Eventing(classes, options, trust, toInstance, hostName, clock);
    }

    private DeliveryChannel exportChannel(URI destination, EventTransport transport) {
        return new DeliveryChannel("listener " + destination, new CimXmlExporter(destination, transport, options,
                () -> { }), options, delivery, timer, System::nanoTime, false);
    }

    private int subscriptionCount() {
        return subscriptions.size() + (listeners == null ? 0 : listeners.subscriptions());
    }

    /** Every live subscription (WS-Eventing, then CIM-XML listeners), described for the status page. */
    public List<org.xenwbem.provider.cimom.indications.SubscriptionInfo> describe() {
        List<org.xenwbem.provider.cimom.indications.SubscriptionInfo> out = new ArrayList<>(subscriptions.describe());
        if (listeners != null) {
            out.addAll(listeners.describe());
        }
        return out;
    }

    /** True when the schema has the indication classes. */
    public boolean enabled() {
        return schema != null;
    }

    /** Providers of the CIM-XML subscription classes the schema has, for {@code namespace}. */
    public List<InstanceProvider> providers(String namespace) {
        List<InstanceProvider> out = new ArrayList<>();
        if (listeners == null) {
            return out;
        }
        out.addAll(listeners.providers(classes, namespace));
        return out;
    }

    /** Adds Subscribe, Renew, GetStatus, Unsubscribe and Pull on event contexts to the WS-Man service. */
    public void register(WsmanService wsman) {
        subscriptions.register(wsman);
    }

    /** Follows the mirror: its current snapshot is the baseline, later ones produce indications. */
    public void start(PoolMirror mirror) {
        if (source != null) {
            source.start(mirror);
        }
    }

    /** Ends every subscription (SubscriptionEnd "SourceShuttingDown" to EndTo) and stops every thread. */
    @Override
    public void close() {
        if (source != null) {
            source.close();
        }
        indicationThread.shutdownNow();
        subscriptions.close();
        if (listeners != null) {
            listeners.closeAll();
        }
        timer.shutdownNow();
        delivery.shutdown();
        try {
            if (!delivery.awaitTermination(options.deliveryTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("event delivery did not stop within {}", options.deliveryTimeout());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        delivery.shutdownNow();
        httpThreads.shutdownNow();
    }

    private static ThreadFactory threads(String role) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "xenwbem-eventing-" + role + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
