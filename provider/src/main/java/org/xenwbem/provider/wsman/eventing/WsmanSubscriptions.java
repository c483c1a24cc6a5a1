package org.xenwbem.provider.wsman.eventing;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.xenwbem.provider.wsman.MessageIds;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xenwbem.provider.cimom.indications.DeliveryChannel;
import org.xenwbem.provider.cimom.indications.EventTransport;
import org.xenwbem.provider.cimom.indications.EventingOptions;
import org.xenwbem.provider.cimom.indications.Indication;
import org.xenwbem.provider.cimom.indications.IndicationFilter;
import org.xenwbem.provider.cimom.indications.Subscription;
import org.xenwbem.provider.cimom.indications.SubscriptionInfo;
import org.xenwbem.provider.wsman.WsmanFault;

/**
 * The live WS-Eventing subscriptions: creation within the per-user and total bounds, lookup by
 * identifier (owner only) or pull context, expiry, and the end of a subscription — which stops its
 * delivery and, when it has an EndTo, sends wse:SubscriptionEnd there (on expiry, on delivery
 * failure, and at shutdown; not after Unsubscribe, which the client asked for).
 */
final class WsmanSubscriptions {
    private static final Logger LOG = LoggerFactory.getLogger(WsmanSubscriptions.class);

    private final Map<String, WseSubscription> byId = new ConcurrentHashMap<>();
    private final Map<String, WseSubscription> byContext = new ConcurrentHashMap<>();
    private final EventingOptions options;
    private final Clock clock;
    private final ExecutorService pool;
    private final ScheduledExecutorService timer;
    private final EventTransport transport;
    private final IntSupplier otherSubscriptions;
    private boolean closed;

    WsmanSubscriptions(EventingOptions options, Clock clock, ExecutorService pool, ScheduledExecutorService timer,
                       EventTransport transport, IntSupplier otherSubscriptions) {
        this.options = options;
        this.clock = clock;
        this.pool = pool;
        this.timer = timer;
        this.transport = transport;
        this.otherSubscriptions = otherSubscriptions;
    }

    /**
     * Creates and starts a subscription; QuotaLimit beyond the bounds. Its identifiers are drawn and
     * its line logged outside the lock, which only guards the bounds and the maps.
     */
    WseSubscription create(SubscribeRequest req, IndicationFilter filter, String owner, String address)
            throws WsmanFault {
        String id = MessageIds.secret();
        String ctx = req.isPull() ? MessageIds.secret() : null;
        WseSubscription s = register(req, filter, owner, address, id, ctx);
        LOG.info("subscription {} by {}: {} to {}, filter {}, expires {}", id, owner, req.mode(),
                req.notifyTo() == null ? "pull" : req.notifyTo().address(), filter.describe(), s.core().expiresAt());
        return s;
    }

    private synchronized WseSubscription register(SubscribeRequest req, IndicationFilter filter, String owner,
                                                  String address, String id, String ctx) throws WsmanFault {
        if (closed) {
            throw EventingFaults.unavailable("the event source is shutting down");
        }
        long mine = byId.values().stream().filter(s -> s.owner().equals(owner)).count();
        if (mine >= options.maxSubscriptionsPerUser()) {
            throw EventingFaults.quota("user " + owner + " already holds " + mine + " subscriptions; Unsubscribe some"
                    + " or let them expire");
        }
        if (byId.size() + otherSubscriptions.getAsInt() >= options.maxSubscriptions()) {
            throw EventingFaults.quota("the service holds its maximum of " + options.maxSubscriptions() + " subscriptions");
        }
        Instant until = clock.instant().plus(req.expires());
        WseSubscription[] holder = new WseSubscription[1];
        DeliveryChannel channel = req.isPull() ? null : new DeliveryChannel("subscription " + id,
                new PushSender(req, address, transport, options, e -> end(holder[0], Wse.STATUS_DELIVERY_FAILURE,
                        "delivery failed: " + e.getMessage())), options, pool, timer, System::nanoTime, true);
        WseSubscription s = new WseSubscription(new Subscription(id, owner, filter, channel, options.queueCapacity(),
                until), req, ctx, address);
        holder[0] = s;
        byId.put(id, s);
        if (ctx != null) {
            byContext.put(ctx, s);
        }
        startHeartbeats(s);
        return s;
    }

    private void startHeartbeats(WseSubscription ws) {
        Subscription s = ws.core();
        if (s.channel() == null || ws.request().heartbeats() == null) {
            return;
        }
        long every = ws.request().heartbeats().toNanos();
        s.heartbeatTask(timer.scheduleAtFixedRate(() -> s.channel().heartbeatIfIdle(every), every, every,
                TimeUnit.NANOSECONDS));
    }

    /** The live subscription with this identifier held by this user; a fault otherwise. */
    WseSubscription find(String id, String owner) throws WsmanFault {
        WseSubscription s = id == null ? null : byId.get(id.trim());
        if (s == null || !s.owner().equals(owner) || s.core().ended() || !clock.instant().isBefore(s.core().expiresAt())) {
            throw EventingFaults.unknownSubscription(id);
        }
        return s;
    }

    WseSubscription byContext(String contextId) {
        return contextId == null ? null : byContext.get(contextId.trim());
    }

    boolean ownsContext(String contextId) {
        return byContext(contextId) != null;
    }

    void deliver(Indication ind) {
        for (WseSubscription s : byId.values()) {
            s.core().deliver(ind);
        }
    }

    /** The live subscriptions as the status page shows them. */
    List<SubscriptionInfo> describe() {
        List<SubscriptionInfo> out = new ArrayList<>();
        for (WseSubscription s : byId.values()) {
            if (!s.core().ended()) {
                SubscribeRequest r = s.request();
                out.add(new SubscriptionInfo(s.id(), "ws-eventing", s.owner(), r.mode().substring(r.mode().lastIndexOf('/') + 1),
                        r.notifyTo() == null ? "" : SubscriptionInfo.safeAddress(r.notifyTo().address()),
                        s.core().expiresAt(), s.core().filter().describe()));
            }
        }
        out.sort(java.util.Comparator.comparing(SubscriptionInfo::id));
        return out;
    }

    int size() {
        return byId.size();
    }

    /** Ends the subscription; sends SubscriptionEnd to its EndTo unless {@code status} is null. */
    void end(WseSubscription s, String status, String reason) {
        if (s == null || !s.core().end()) {
            return;
        }
        byId.remove(s.id());
        if (s.contextId() != null) {
            byContext.remove(s.contextId());
        }
        LOG.info("subscription {} ended: {}", s.id(), reason);
        if (status != null && s.request().endTo() != null) {
            sendEnd(s, status, reason);
        }
    }

    private void sendEnd(WseSubscription s, String status, String reason) {
        byte[] body = WsEnvelopes.subscriptionEnd(s.request().endTo(), s, status, reason).getBytes(StandardCharsets.UTF_8);
        try {
            pool.execute(() -> {
                try {
                    transport.post(s.request().endTo().address(), body, PushSender.SOAP_HEADERS,
                            options.deliveryTimeout());
                } catch (java.io.IOException e) {
                    LOG.info("SubscriptionEnd for {} not delivered to {}: {}", s.id(), s.request().endTo().address(),
                            e.toString());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("delivery stopped; no SubscriptionEnd for {}", s.id());
        }
    }

    /** Ends every subscription whose time is up. */
    void sweep() {
        Instant now = clock.instant();
        for (WseSubscription s : new ArrayList<>(byId.values())) {
            if (!now.isBefore(s.core().expiresAt())) {
                end(s, Wse.STATUS_CANCELLING, "the subscription expired");
            }
        }
    }

    /** Refuses new subscriptions and ends every one, for shutdown. */
    void close() {
        synchronized (this) {
            closed = true;
        }
        List<WseSubscription> all = new ArrayList<>(byId.values());
        all.forEach(s -> end(s, Wse.STATUS_SHUTTING_DOWN, "the event source is shutting down"));
    }
}
