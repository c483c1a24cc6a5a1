package org.xenwbem.provider.wsman.eventing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import org.xenwbem.provider.cimom.indications.Indication;
import org.xenwbem.provider.cimom.indications.EventingOptions;
import org.xenwbem.provider.cimom.indications.Subscription;
import org.xenwbem.provider.wsman.FaultKind;
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
        EventPullRequest q = EventPullRequest.decode(req);
        Subscription.PullBatch batch = take(s.core(), q.maxElements(),
                waitNanos(req.operationTimeout(), q.maxTime()));
        if (batch == null) {
            throw invalidContext();
        }
        if (batch.events().isEmpty() && batch.dropped() == 0) {
            throw new WsmanFault(FaultKind.TIMED_OUT, null, "no event arrived within the Pull's wait", null);
        }
        List<String> items = fit(s.core(), batch, budget(req, q.maxCharacters()), call.address());
        return EventingEncoder.pulled(s.contextId(), items, req.messageId());
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
            String dropped = EventingEncoder.droppedItem(batch.dropped());
            out.add(dropped);
            used += dropped.length();
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

    private long waitNanos(Duration op, Duration maxTime) {
        long cap = options.maxPullWait().toNanos();
        if (op != null) {
            long margin = Math.max(Duration.ofMillis(100).toNanos(), op.toNanos() / 10);
            cap = Math.min(cap, Math.max(0, op.toNanos() - margin));
        }
        return maxTime == null ? cap : Math.max(0, Math.min(cap, maxTime.toNanos()));
    }

    private static long budget(WsmanRequest req, long maxCharacters) {
        long octets = req.maxEnvelopeSize() == null ? 32L * 1024 * 1024 : req.maxEnvelopeSize() - ENVELOPE_OVERHEAD;
        String cs = req.charset() == null ? "UTF-8" : req.charset().name();
        long chars = cs.startsWith("UTF-16") ? octets / 2 : octets;
        return Math.min(chars, maxCharacters);
    }
}
