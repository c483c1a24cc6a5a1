package org.xenwbem.provider.wsman.eventing;

import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.IntSupplier;
import org.xenwbem.provider.cimom.indications.EventTransport;
import org.xenwbem.provider.cimom.indications.EventingOptions;
import org.xenwbem.provider.cimom.indications.Indication;
import org.xenwbem.provider.cimom.indications.IndicationSchema;
import org.xenwbem.provider.wsman.WsmanService;

/**
 * WS-Eventing on the WS-Management service (DSP0226 §10): the live subscriptions and the actions on
 * them — Subscribe, Renew, GetStatus, Unsubscribe, and Pull on a Pull-mode subscription's context.
 * Each indication handed to {@link #deliver} goes to every live subscription whose filter selects
 * it; pushed messages are posted through the {@link EventTransport} given.
 */
public final class WsEventing {
    private final IndicationSchema schema;
    private final String unavailable;
    private final EventingOptions options;
    private final WsmanSubscriptions subscriptions;
    private final SubscribeDecoder decoder;

    /**
     * @param schema             the indication classes, or null when the schema lacks them
     * @param unavailable        why eventing is off (Subscribe's fault), or null when {@code schema} is set
     * @param delivery           the threads that push events and SubscriptionEnd messages
     * @param timer              heartbeats and retry backoff
     * @param otherSubscriptions subscriptions held outside WS-Eventing (they count towards the total)
     */
    public WsEventing(IndicationSchema schema, String unavailable, EventingOptions options, Clock clock,
                      ExecutorService delivery, ScheduledExecutorService timer, EventTransport transport,
                      IntSupplier otherSubscriptions) {
        this.schema = schema;
        this.unavailable = unavailable;
        this.options = options;
        this.subscriptions = new WsmanSubscriptions(options, clock, delivery, timer, transport, otherSubscriptions);
        this.decoder = new SubscribeDecoder(options, clock);
    }

    /** Adds Subscribe, Renew, GetStatus, Unsubscribe and Pull on event contexts to the WS-Man service. */
    public void register(WsmanService wsman) {
        ManagerActions manager = new ManagerActions(subscriptions, decoder, Clock.systemUTC());
        wsman.register(Wse.SUBSCRIBE, new SubscribeAction(schema, unavailable, decoder, subscriptions));
        wsman.register(Wse.RENEW, manager.renew);
        wsman.register(Wse.GET_STATUS, manager.getStatus);
        wsman.register(Wse.UNSUBSCRIBE, manager.unsubscribe);
        wsman.register(new EventPullSource(subscriptions, options));
    }

    /** Queues the indication for every live subscription whose filter selects it. */
    public void deliver(Indication ind) {
        subscriptions.deliver(ind);
    }

    /** The live subscriptions, described for the status page. */
    public java.util.List<org.xenwbem.provider.cimom.indications.SubscriptionInfo> describe() {
        return subscriptions.describe();
    }

    /** The live subscriptions. */
    public int size() {
        return subscriptions.size();
    }

    /** Ends every subscription whose time is up (SubscriptionEnd "SourceCancelling" to its EndTo). */
    public void sweep() {
        subscriptions.sweep();
    }

    /** Refuses new subscriptions and ends every one (SubscriptionEnd "SourceShuttingDown" to its EndTo). */
    public void close() {
        subscriptions.close();
    }
}
