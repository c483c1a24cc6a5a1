/**
 * Indications and their delivery: WS-Eventing as profiled by DSP0226 §10 (Subscribe with Push,
 * PushWithAck and Pull delivery, Renew, GetStatus, Unsubscribe, SubscriptionEnd, heartbeats,
 * DroppedEvents) and CIM-XML export to listeners (DSP0200 §5.4, DSP1054 filters, destinations and
 * subscriptions). The indications are {@code Xen_ComputerSystemCreation}, {@code …Deletion} and
 * {@code …Modification}, computed from the pool mirror's snapshots by {@link
 * org.xenwbem.provider.eventing.VmChangeDetector}.
 *
 * <p>Decisions:
 * <ul>
 * <li>What a subscription receives: see {@link org.xenwbem.provider.eventing.IndicationFilter}
 *     (resource URI = an indication class, or Xen_ComputerSystem / a superclass, or the wildcard URI
 *     with a filter; a query FROM an indication class tests the indication, FROM another class tests
 *     its SourceInstance).</li>
 * <li>Bookmarks (wsman:SendBookmarks, wsman:Bookmark) are refused with UnsupportedFeature /
 *     faultDetail/Bookmarks: events are not kept after delivery. The Events (batched) mode is refused
 *     (wse:DeliveryModeRequestedUnavailable, naming the supported modes).</li>
 * <li>Each subscription's queue is bounded: when full the oldest event is dropped and the count is
 *     sent as wsman:DroppedEvents before the next event (Push) or as the first item of the next
 *     Pull. A push subscription whose retries are spent ends (SubscriptionEnd "DeliveryFailure");
 *     a CIM-XML listener's failed indication is dropped and delivery goes on.</li>
 * <li>SubscriptionEnd goes to EndTo on expiry ("SourceCancelling"), delivery failure and shutdown
 *     ("SourceShuttingDown"), never after Unsubscribe.</li>
 * <li>Subscriptions live in memory: a restart ends them (clients re-subscribe).</li>
 * </ul>
 */
package org.xenwbem.provider.eventing;
