package org.xenwbem.provider.server.http;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.event.Level;

/**
 * One kind of connection event (a refusal, a deadline passed) logged as at most one line per
 * period: the first event of a quiet period is logged at once, with its client; the ones after it
 * are counted per client and logged as one summary line when the period is over. A flood of
 * connections therefore costs the log a line every period, not a line (or a stack trace) each.
 */
final class EventSummary {
    /** Clients named in a summary line; the others are only counted. */
    static final int CLIENTS_NAMED = 8;

    private final Logger log;
    private final Level level;
    private final String event;
    private final long periodNanos;
    private final LongSupplier nanoClock;
    private final Map<String, Integer> pending = new LinkedHashMap<>();
    private long pendingTotal;
    private long lastLine;
    private boolean logged;

    EventSummary(Logger log, Level level, String event, Duration period, LongSupplier nanoClock) {
        this.log = log;
        this.level = level;
        this.event = event;
        this.periodNanos = period.toNanos();
        this.nanoClock = nanoClock;
    }

    /** One event from {@code client}; {@code detail} says which limit, in words. */
    synchronized void record(String client, String detail) {
        long now = nanoClock.getAsLong();
        if (!logged || now - lastLine >= periodNanos) {
            writePending(now);
            log.atLevel(level).log("{} client={} {}", event, client, detail);
            logged = true;
            lastLine = now;
            return;
        }
        pendingTotal++;
        if (pending.containsKey(client) || pending.size() < CLIENTS_NAMED) {
            pending.merge(client, 1, Integer::sum);
        }
    }

    /** Logs the counted events once their period is over (called every second or so). */
    synchronized void flush() {
        long now = nanoClock.getAsLong();
        if (pendingTotal > 0 && now - lastLine >= periodNanos) {
            writePending(now);
            lastLine = now;
        }
    }

    /** Events counted and not yet logged. */
    synchronized long pending() {
        return pendingTotal;
    }

    private void writePending(long now) {
        if (pendingTotal == 0) {
            return;
        }
        StringJoiner clients = new StringJoiner(", ");
        long named = 0;
        for (Map.Entry<String, Integer> e : pending.entrySet()) {
            clients.add(e.getKey() + " x" + e.getValue());
            named += e.getValue();
        }
        if (named < pendingTotal) {
            clients.add("others x" + (pendingTotal - named));
        }
        log.atLevel(level).log("{}: {} more in the last {} s ({})", event, pendingTotal,
                Math.max(1, (now - lastLine) / 1_000_000_000L), clients);
        pending.clear();
        pendingTotal = 0;
    }
}
