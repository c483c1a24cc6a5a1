package org.xenwbem.provider.wsman.eventing;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import org.w3c.dom.Element;
import org.xenwbem.cim.xml.SafeXml;
import org.xenwbem.cim.xml.XmlWriter;
import org.xenwbem.provider.cimom.indications.Indication;
import org.xenwbem.provider.cimom.indications.EventingOptions;
import org.xenwbem.provider.cimom.indications.Subscription;
import org.xenwbem.provider.wsman.EnvelopeWriter;
import org.xenwbem.provider.wsman.FaultKind;
import org.xenwbem.provider.wsman.Ns;
import org.xenwbem.provider.wsman.WsmanExtension;
import org.xenwbem.provider.wsman.WsmanFault;
import org.xenwbem.provider.wsman.WsmanRequest;

/**
 * wsen:Pull on a Pull-mode subscription's context (DSP0226 §10.2.9.4): waits for the first event up
 * to MaxTime (else the OperationTimeout less a margin, at most the configured maximum), then returns
 * up to MaxElements (1 when absent) events that fit MaxCharacters and MaxEnvelopeSize, the context
 * unchanged and never EndOfSequence. No event in time is the wsman:TimedOut fault, never an empty
 * response. Events dropped because the queue overflowed are reported first, as a
 * {@code wsman:DroppedEvents} item. At most {@value #MAX_WAITING} Pulls wait at once, since each
 * holds an HTTP thread; beyond that a Pull answers at once (events or TimedOut).
 */
final class EventPullSource implements WsmanExtension.PullSource {
    private static final long ENVELOPE_OVERHEAD = 2048;
    /** Pulls that may wait at once; beyond, a Pull answers at once (it holds an HTTP thread while waiting). */
    static final int MAX_WAITING = 8;

    private final Semaphore waiting = new Semaphore(MAX_WAITING);

    private final WsmanSubscriptions subs;
    private final EventingOptions options;

    EventPullSource(WsmanSubscriptions subs, EventingOptions options) {
        this.subs = subs;
        this.options = options;
    }

    @Override
    public boolean owns(String contextId) {
        return subs.ownsContext(contextId);
    }

    @Override
    public String pull(WsmanRequest req, WsmanExtension.Call call, String contextId) throws WsmanFault {
        WseSubscription s = subs.byContext(contextId);
        if (s == null || !s.owner().equals(call.caller().user())) {
            throw invalidContext();
        }
        Element pull = req.body();
        int max = (int) Math.min(positive(pull, "MaxElements", 1), 10_000);
        Subscription.PullBatch batch = take(s.core(), max, waitNanos(req, pull));
        if (batch == null) {
            throw invalidContext();
        }
        if (batch.events().isEmpty() && batch.dropped() == 0) {
            throw new WsmanFault(FaultKind.TIMED_OUT, null, "no event arrived within the Pull's wait", null);
        }
        List<String> items = fit(s.core(), batch, budget(req, pull), call.address());
        XmlWriter w = EnvelopeWriter.open(Ns.WSEN + "/PullResponse", req.messageId(), 8192);
        w.start("wsen:PullResponse");
        w.element("wsen:EnumerationContext", s.contextId());
        w.start("wsen:Items");
        items.forEach(w::raw);
        w.end("wsen:Items");
        w.end("wsen:PullResponse");
        return EnvelopeWriter.close(w);
    }

    private Subscription.PullBatch take(Subscription s, int max, long waitNanos) throws WsmanFault {
        boolean mayWait = waiting.tryAcquire();
        try {
            return s.take(max, mayWait ? waitNanos : 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WsmanFault(FaultKind.TIMED_OUT, null, "the Pull was interrupted", e);
        } finally {
            if (mayWait) {
                waiting.release();
            }
        }
    }

    private static WsmanFault invalidContext() {
        return new WsmanFault(FaultKind.INVALID_ENUMERATION_CONTEXT, null,
                "the subscription's enumeration context is unknown, expired or ended", null);
    }

    /** Encodes events in order while they fit; the rest go back to the queue. */
    private static List<String> fit(Subscription s, Subscription.PullBatch batch, long budget, String address)
            throws WsmanFault {
        List<String> out = new ArrayList<>();
        long used = 0;
        if (batch.dropped() > 0) {
            XmlWriter d = new XmlWriter(128);
            WsEnvelopes.writeDropped(d, batch.dropped());
            out.add(d.toString());
            used += d.length();
        }
        List<Indication> events = batch.events();
        int i = 0;
        for (; i < events.size(); i++) {
            String item = IndicationXml.wsCim(events.get(i), address);
            if (used + item.length() > budget) {
                break;
            }
            out.add(item);
            used += item.length();
        }
        s.putBack(events.subList(i, events.size()));
        if (out.isEmpty()) {
            throw new WsmanFault(FaultKind.ENCODING_LIMIT, FaultKind.detail("MaxEnvelopeSize"),
                    "the next event does not fit in MaxEnvelopeSize / MaxCharacters", null);
        }
        return out;
    }

    private long waitNanos(WsmanRequest req, Element pull) throws WsmanFault {
        long cap = options.maxPullWait().toNanos();
        Duration op = req.operationTimeout();
        if (op != null) {
            long margin = Math.max(Duration.ofMillis(100).toNanos(), op.toNanos() / 10);
            cap = Math.min(cap, Math.max(0, op.toNanos() - margin));
        }
        Element maxTime = SafeXml.child(pull, Ns.WSEN, "MaxTime");
        if (maxTime == null) {
            return cap;
        }
        try {
            Duration d = Duration.parse(SafeXml.text(maxTime));
            return Math.max(0, Math.min(cap, d.toNanos()));
        } catch (DateTimeParseException e) {
            throw new WsmanFault(FaultKind.SCHEMA_VALIDATION_ERROR, null, "MaxTime is not an xs:duration", e);
        }
    }

    private static long budget(WsmanRequest req, Element pull) throws WsmanFault {
        long octets = req.maxEnvelopeSize() == null ? 32L * 1024 * 1024 : req.maxEnvelopeSize() - ENVELOPE_OVERHEAD;
        String cs = req.charset() == null ? "UTF-8" : req.charset().name();
        long chars = cs.startsWith("UTF-16") ? octets / 2 : octets;
        return Math.min(chars, positive(pull, "MaxCharacters", Long.MAX_VALUE));
    }

    private static long positive(Element pull, String name, long absent) throws WsmanFault {
        Element e = SafeXml.child(pull, Ns.WSEN, name);
        if (e == null) {
            return absent;
        }
        try {
            long v = Long.parseLong(SafeXml.text(e));
            if (v > 0) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new WsmanFault(FaultKind.SCHEMA_VALIDATION_ERROR, null, name + " must be a positive integer", null);
    }
}
