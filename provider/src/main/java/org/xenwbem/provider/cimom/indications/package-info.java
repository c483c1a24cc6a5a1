/**
 * Indications, protocol-neutral (DMTF DSP1054 Indications Profile; the CIM_Indication classes of
 * the CIM schema): what an indication is ({@link org.xenwbem.provider.cimom.indications.Indication},
 * built from the schema's classes by {@link org.xenwbem.provider.cimom.indications.IndicationSchema}),
 * which ones a subscriber receives ({@link org.xenwbem.provider.cimom.indications.IndicationFilter}),
 * a subscription's life and pull queue ({@link org.xenwbem.provider.cimom.indications.Subscription}),
 * the bounded, retrying, ordered delivery queue of one subscriber
 * ({@link org.xenwbem.provider.cimom.indications.DeliveryChannel}), and the DSP1054 instances clients
 * create to subscribe a listener — CIM_IndicationFilter, CIM_ListenerDestinationCIMXML and
 * CIM_IndicationSubscription ({@link org.xenwbem.provider.cimom.indications.CimXmlListeners}).
 *
 * <p>Nothing here builds XML or opens a connection: a subscriber's messages are encoded by the
 * protocol that made the subscription ({@code wsman.eventing}, {@code cimxml.export}) and posted
 * through the {@link org.xenwbem.provider.cimom.indications.EventTransport} port ({@code delivery}).
 * Nothing here reads the pool: the indications are produced by {@code classes.lifecycle}.
 *
 * <p>Decisions:
 * <ul>
 * <li>What a subscription receives: see {@link org.xenwbem.provider.cimom.indications.IndicationFilter}
 *     (a scope class, an optional query; a query FROM an indication class tests the indication,
 *     FROM another class tests its SourceInstance).</li>
 * <li>Each subscriber's queue is bounded: when full the oldest event is dropped and the count is
 *     announced before the next event (pushed) or as the first item of the next take (pulled).
 *     A pushed subscription whose retries are spent ends, or (CIM-XML export, DSP1054's
 *     OnFatalErrorPolicy "Ignore") drops the failed indication and goes on.</li>
 * <li>Subscriptions live in memory: a restart ends them (clients re-subscribe).</li>
 * </ul>
 */
package org.xenwbem.provider.cimom.indications;
