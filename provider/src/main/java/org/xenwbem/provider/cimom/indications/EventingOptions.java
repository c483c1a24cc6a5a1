package org.xenwbem.provider.cimom.indications;

import java.time.Duration;

/**
 * The limits and delivery settings of eventing. {@link #defaults()} are the daemon's; tests shorten
 * the times. Which certificates https targets may present is not an option here: it is the tls
 * module's {@code OutboundTrust}, given to the transport.
 *
 * @param maxSubscriptionsPerUser WS-Man subscriptions one user may hold (QuotaLimit beyond), and CIM-XML
 *                                subscriptions, each protocol counting its own (CIM_ERR_SERVER_LIMITS_EXCEEDED)
 * @param maxSubscriptions        WS-Man subscriptions and CIM-XML subscriptions in all
 * @param queueCapacity           undelivered events kept per subscription; the oldest is dropped beyond
 * @param defaultExpires          a subscription's life when the client asks for none
 * @param maxExpires              the longest life granted (longer requests are capped, not refused)
 * @param minHeartbeat            the shortest heartbeat interval granted (shorter requests are raised)
 * @param deliveryTimeout         one delivery attempt: connect, send and (PushWithAck) the Ack
 * @param retries                 further attempts after a failed one before the subscription ends
 * @param firstBackoff            the wait before the first retry; doubled each time up to 8 times
 * @param maxPullWait             the longest a Pull waits for the first event
 * @param deliveryThreads         threads delivering pushed events and exports
 */
public record EventingOptions(int maxSubscriptionsPerUser, int maxSubscriptions, int queueCapacity,
                              Duration defaultExpires, Duration maxExpires, Duration minHeartbeat,
                              Duration deliveryTimeout, int retries, Duration firstBackoff, Duration maxPullWait,
                              int deliveryThreads) {
    public static EventingOptions defaults() {
        return new EventingOptions(16, 256, 256, Duration.ofMinutes(10), Duration.ofHours(24), Duration.ofSeconds(1),
                Duration.ofSeconds(10), 3, Duration.ofMillis(500), Duration.ofSeconds(50), 2);
    }

    /** The wait before retry number {@code attempt} (1-based). */
    Duration backoff(int attempt) {
        return firstBackoff.multipliedBy(1L << Math.min(Math.max(attempt - 1, 0), 8));
    }
}
