/**
 * Indications and their delivery, assembled ({@link org.xenwbem.provider.eventing.Eventing}): the
 * one place that wires the layers of eventing together, as the daemon wires the rest. It holds no
 * protocol, CIM or pool logic; each part lives with its layer:
 * <ul>
 * <li>{@code wsman.eventing} — WS-Eventing as profiled by DSP0226 §10: Subscribe (Push,
 *     PushWithAck, Pull), Renew, GetStatus, Unsubscribe, SubscriptionEnd, heartbeats, DroppedEvents,
 *     Pull on event contexts; the events' WS-CIM form.</li>
 * <li>{@code cimxml.export} — CIM-XML export to listeners: ExportIndication (DSP0200 §5.4, DSP0201).</li>
 * <li>{@code cimom.indications} — the protocol-neutral core (DSP1054): indications, filters,
 *     subscriptions, delivery queues, and the DSP1054 filter / listener destination / subscription
 *     instances.</li>
 * <li>{@code delivery} — posting over HTTP(S); https subscribers are verified by the tls module's
 *     {@code OutboundTrust}.</li>
 * <li>{@code classes.lifecycle} — {@code Xen_ComputerSystemCreation}, {@code …Deletion} and
 *     {@code …Modification} computed from the pool mirror's snapshots.</li>
 * </ul>
 */
package org.xenwbem.provider.eventing;
