/**
 * WS-Eventing as profiled by WS-Management, DMTF DSP0226 §10 (WS-Eventing 2004/08 with the
 * {@code wsman:} additions): wse:Subscribe with Push, PushWithAck and Pull delivery, Renew,
 * GetStatus, Unsubscribe, SubscriptionEnd, heartbeats, wsman:DroppedEvents, and wsen:Pull on a
 * Pull-mode subscription's context (§10.2.9.4). Indications are written in their WS-CIM form
 * (DSP0230). The wire code: decoding into request records
 * ({@link org.xenwbem.provider.wsman.eventing.SubscribeDecoder}: SubscribeRequest, ManagerRequest;
 * EventPullRequest), the answers ({@link org.xenwbem.provider.wsman.eventing.EventingEncoder}),
 * the messages the service sends on its own ({@link org.xenwbem.provider.wsman.eventing.WsEnvelopes}),
 * faults in one place ({@link org.xenwbem.provider.wsman.eventing.EventingFaults}); subscriptions,
 * filters and delivery queues are the core's ({@code cimom.indications}); the HTTP posting is the
 * {@code delivery} package's. Nothing here reads the pool.
 *
 * <p>Decisions:
 * <ul>
 * <li>The resource URI names what to watch: an indication class, Xen_ComputerSystem (or a
 *     superclass), or the wildcard URI with a filter whose FROM class decides.</li>
 * <li>Push, PushWithAck and EndTo make the daemon connect to an address the caller names: only
 *     the xapi roles pool-operator and pool-admin may use them; other users may subscribe with Pull.</li>
 * <li>Bookmarks (wsman:SendBookmarks, wsman:Bookmark) are refused with UnsupportedFeature /
 *     faultDetail/Bookmarks: events are not kept after delivery. The Events (batched) mode is refused
 *     (wse:DeliveryModeRequestedUnavailable, naming the supported modes). Delivery credentials
 *     (wsman:Auth) are refused; an https subscriber's certificate is checked by the daemon's outbound
 *     trust policy ({@code org.xenwbem.tls.OutboundTrust}).</li>
 * <li>A push subscription whose retries are spent ends (SubscriptionEnd "DeliveryFailure").
 *     SubscriptionEnd goes to EndTo on expiry ("SourceCancelling"), delivery failure and shutdown
 *     ("SourceShuttingDown"), never after Unsubscribe.</li>
 * </ul>
 */
package org.xenwbem.provider.wsman.eventing;
