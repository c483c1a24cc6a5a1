package org.xenwbem.provider.server;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;
import org.slf4j.helpers.MessageFormatter;

/**
 * Repeated access lines written once, then counted ("last message repeated N times", per line): an
 * Identify flood or a client polling a job costs the log two lines per period instead of one per
 * request. The first line of a kind is written at once; identical ones (same protocol, action,
 * user, client and outcome; the request's milliseconds are not part of the likeness) within the next
 * {@code period} are only counted, and when that period is over one line says how many there were
 * and the longest time. Only INFO and below of {@code xenwbem.access}: a WARN (a failed login, a
 * 413) and anything with an exception is always written. At most {@value #MAX_KINDS} kinds are
 * counted at once; a line of another kind is then written as usual. {@link #flush} (every second,
 * and at stop) writes the summaries of periods that are over; {@link #flushAll} those of all.
 */
final class RepeatedLines extends TurboFilter {
    /** Kinds of line counted at once; more are written one by one. */
    static final int MAX_KINDS = 4096;
    /** Marks the summary lines, which are not counted themselves. */
    static final Marker SUMMARY = MarkerFactory.getMarker("xenwbem-repeats");
    private static final String MILLIS = " {}ms";

    private final String loggerName;
    private final long periodNanos;
    private final LongSupplier nanoClock;
    private final Map<Kind, Count> counts = new ConcurrentHashMap<>();

    /** One kind of line: its format without the milliseconds, and its arguments without them. */
    private record Kind(Logger logger, Level level, String format, List<Object> args) {
        String text() {
            return MessageFormatter.arrayFormat(format, args.toArray()).getMessage();
        }
    }

    /**
     * The repeats of a kind counted since its first line was written. A repeat within the period is
     * counted without the map's lock ({@link #tryRepeat}); ending the count ({@link #close}) takes its
     * final figure once, after which no repeat can be added to it.
     */
    private static final class Count {
        private static final long CLOSED = Long.MIN_VALUE;
        final long since;
        final AtomicLong repeats = new AtomicLong();
        final AtomicLong longestMillis;

        Count(long since, long millis) {
            this.since = since;
            this.longestMillis = new AtomicLong(millis);
        }

        /** Counts one repeat unless the count has ended. */
        boolean tryRepeat(long millis) {
            longestMillis.accumulateAndGet(millis, Math::max);
            for (long r = repeats.get(); r != CLOSED; r = repeats.get()) {
                if (repeats.compareAndSet(r, r + 1)) {
                    return true;
                }
            }
            return false;
        }

        /** Ends the count: the repeats counted, once (0 for a second close). */
        long close() {
            long r = repeats.getAndSet(CLOSED);
            return r == CLOSED ? 0 : r;
        }
    }

    RepeatedLines(String loggerName, Duration period, LongSupplier nanoClock) {
        this.loggerName = loggerName;
        this.periodNanos = period.toNanos();
        this.nanoClock = nanoClock;
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
                              Throwable t) {
        if (format == null || t != null || marker == SUMMARY || level == null || level.isGreaterOrEqual(Level.WARN)
                || !loggerName.equals(logger.getName()) || !isStarted() || !logger.isEnabledFor(level)) {
            return FilterReply.NEUTRAL;
        }
        Object[] args = params == null ? new Object[0] : params;
        boolean timed = format.endsWith(MILLIS) && args.length > 0 && args[args.length - 1] instanceof Number;
        long millis = timed ? ((Number) args[args.length - 1]).longValue() : 0;
        Kind kind = new Kind(logger, level, timed ? format.substring(0, format.length() - MILLIS.length()) : format,
                Arrays.asList(timed ? Arrays.copyOf(args, args.length - 1) : args.clone()));
        if (counts.size() >= MAX_KINDS && !counts.containsKey(kind)) {
            return FilterReply.NEUTRAL;
        }
        long now = nanoClock.getAsLong();
        Count current = counts.get(kind);
        // the common case, a repeat within the period, takes no lock: every request of a soak logged
        // the same few kinds, and compute() on one key had them queue on its bin's lock
        if (current != null && now - current.since < periodNanos && current.tryRepeat(millis)) {
            return FilterReply.DENY;
        }
        Count[] ended = new Count[1];
        boolean[] first = new boolean[1];
        counts.compute(kind, (k, old) -> {
            if (old == null || now - old.since >= periodNanos || !old.tryRepeat(millis)) {
                ended[0] = old;
                first[0] = true;
                return new Count(now, millis);
            }
            return old;
        });
        if (ended[0] != null) {
            summarise(kind, ended[0], now);
        }
        return first[0] ? FilterReply.NEUTRAL : FilterReply.DENY;
    }

    /** Writes the summaries of the periods that are over, and forgets those kinds. */
    void flush() {
        long now = nanoClock.getAsLong();
        for (Kind kind : counts.keySet()) {
            Count[] ended = new Count[1];
            counts.computeIfPresent(kind, (k, c) -> {
                if (now - c.since < periodNanos) {
                    return c;
                }
                ended[0] = c;
                return null;
            });
            if (ended[0] != null) {
                summarise(kind, ended[0], now);
            }
        }
    }

    /** Writes every summary, ended or not (the daemon stops), and forgets every kind. */
    void flushAll() {
        long now = nanoClock.getAsLong();
        for (Kind kind : counts.keySet()) {
            Count c = counts.remove(kind);
            if (c != null) {
                summarise(kind, c, now);
            }
        }
    }

    /** Kinds being counted (for tests). */
    int kinds() {
        return counts.size();
    }

    private static void summarise(Kind kind, Count c, long now) {
        long repeats = c.close();
        if (repeats == 0) {
            return;
        }
        long seconds = Math.max(1, Math.round((now - c.since) / 1e9));
        String format = "{} - repeated {} more times in {} s, longest {}ms";
        Object[] args = {kind.text(), repeats, seconds, c.longestMillis.get()};
        switch (kind.level().toInt()) {
            case Level.INFO_INT -> kind.logger().info(SUMMARY, format, args);
            case Level.DEBUG_INT -> kind.logger().debug(SUMMARY, format, args);
            default -> kind.logger().trace(SUMMARY, format, args);
        }
    }
}
